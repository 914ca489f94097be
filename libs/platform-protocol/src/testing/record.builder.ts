import {
  type NrmmPayload,
  type PlatformRecord,
  type RecordKind,
  type TransportPassagePayload,
  type VehiclePayload,
} from '../schemas/record.schema';
import { type RecordsRequest } from '../schemas/records-request.schema';

// Builders of valid protocol records for tests (here and in the upload apps). Defaults are valid;
// tests override only the field they are about.

/** The example fixed-source code of HJ 608-2017, annex A. */
export const SAMPLE_ENTERPRISE_CODE = '91130200699229617X001P';
/** A few bytes of a JPEG header, base64: a small, well-formed image field. */
export const SAMPLE_IMAGE_BASE64 = '/9j/4AAQSkZJRgABAQAAAQABAAD/2w==';

type PayloadOf<K extends RecordKind> = Extract<PlatformRecord, { kind: K }>['payload'];

const DEFAULT_PAYLOADS: { [K in RecordKind]: () => PayloadOf<K> } = {
  'transport-passage': (): TransportPassagePayload => ({
    plate: '冀B12345',
    plateColour: '1',
    direction: 'in',
    gate: 'east-1',
    registrationDate: '20210315',
    vin: 'LFWSRXRJ8M1E00001',
    engineNo: 'CA6DM3-46E61',
    stage: '6',
    cargo: '铁矿石',
    tonnes: 32.5,
    fleet: '自有',
    images: { vehicle: SAMPLE_IMAGE_BASE64, drivingLicence: SAMPLE_IMAGE_BASE64 },
  }),
  vehicle: (): VehiclePayload => ({
    vehicleNo: 'NB-017',
    registrationDate: '20190601',
    vin: 'LZZ1CLVB9KW000002',
    engineNo: 'WP10.336E53',
    stage: '5',
    images: { drivingLicence: SAMPLE_IMAGE_BASE64 },
  }),
  nrmm: (): NrmmPayload => ({
    registrationCode: '13020012345678',
    productionDate: '20200110',
    stage: '3',
    machineCode: 'LG855N-2020-0042',
    images: { engineNameplate: SAMPLE_IMAGE_BASE64 },
  }),
};

let sequence = 0;

export class RecordBuilder<K extends RecordKind> {
  #serial: string;
  #capturedAt = '20240115 083000';
  #payload: PayloadOf<K>;

  constructor(readonly kind: K) {
    sequence += 1;
    this.#serial = `test-${kind}-${sequence}`;
    this.#payload = DEFAULT_PAYLOADS[kind]() as PayloadOf<K>;
  }

  withSerial(serial: string): this {
    this.#serial = serial;
    return this;
  }

  withCapturedAt(capturedAt: string): this {
    this.#capturedAt = capturedAt;
    return this;
  }

  /** Replaces payload fields; `undefined` removes a field. */
  withPayload(changes: Partial<Record<keyof PayloadOf<K>, unknown>>): this {
    const next: Record<string, unknown> = { ...this.#payload, ...changes };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    this.#payload = next as PayloadOf<K>;
    return this;
  }

  build(): Extract<PlatformRecord, { kind: K }> {
    return {
      serial: this.#serial,
      kind: this.kind,
      capturedAt: this.#capturedAt,
      payload: this.#payload,
    } as Extract<PlatformRecord, { kind: K }>;
  }
}

export const aRecord = <K extends RecordKind>(kind: K): RecordBuilder<K> => new RecordBuilder(kind);

export const aRecordsRequest = (
  records: readonly PlatformRecord[],
  enterpriseCode = SAMPLE_ENTERPRISE_CODE,
): RecordsRequest => ({ enterpriseCode, records: [...records] });
