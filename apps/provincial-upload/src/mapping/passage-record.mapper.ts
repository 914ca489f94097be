import { type LedgerPassageRecordedV1, type ObjectRef } from '@ecogate/contracts';
import { formatLedgerTimestamp, toGaPlateColourCode, toStageExportCode } from '@ecogate/domain';
import {
  formatIssues,
  type PlatformRecord,
  platformRecordSchema,
  roundTonnes,
} from '@ecogate/platform-protocol';

/**
 * Turns an object-store reference into what the platform takes: an http(s) URL or base64; undefined
 * when it has none for it (the field is then left out, and the schema names it if required).
 * Synchronous on purpose: the async work (presigning, `images/image-links.ts`) happens before mapping.
 */
export type ImageResolver = (ref: ObjectRef) => string | undefined;

export type MappedRecord = { ok: true; record: PlatformRecord } | { ok: false; reason: string };

/**
 * A ledger passage as the reference protocol's `transport-passage` record, with the operator's
 * corrections applied over the payload, validated as the platform would validate it, so a record
 * the platform must refuse is parked here with the same kind of reason instead of being sent.
 * Fields the passage lacks stay absent and show up in the reason (e.g. `payload.vin: …`).
 */
export function mapPassageToRecord(
  serial: string,
  passage: LedgerPassageRecordedV1,
  resolveImage: ImageResolver | undefined,
  overrides: Record<string, unknown> | null = null,
): MappedRecord {
  const image = (ref: ObjectRef | undefined): string | undefined =>
    ref && resolveImage ? resolveImage(ref) : undefined;
  const images = compact({
    vehicle: image(passage.photos.vehicle),
    plate: image(passage.photos.plate),
    inventoryList: image(passage.documents?.inventoryList),
    drivingLicence: image(passage.documents?.drivingLicence),
  });
  const payload = compact({
    plate: passage.plate.text,
    plateColour: toGaPlateColourCode(passage.plate.colour),
    direction: passage.direction,
    gate: passage.gateId,
    registrationDate: passage.registrationDate?.replaceAll('-', ''),
    vin: passage.vin,
    engineNo: passage.engineNo,
    stage: toStageExportCode(passage.emissionStage),
    cargo: passage.cargo?.name,
    tonnes: passage.cargo?.tonnes === undefined ? undefined : roundTonnes(passage.cargo.tonnes),
    fleet: passage.fleet,
    images,
    ...(overrides ?? {}),
  });
  const candidate = {
    serial,
    kind: 'transport-passage',
    capturedAt: formatLedgerTimestamp(new Date(passage.capturedAt)),
    payload,
  };
  const parsed = platformRecordSchema.safeParse(candidate);
  return parsed.success
    ? { ok: true, record: parsed.data }
    : { ok: false, reason: formatIssues(parsed.error.issues) };
}

function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
