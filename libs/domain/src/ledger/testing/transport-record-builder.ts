import { type TransportLedgerRecord } from '../ledger-records';

const COMPLETE: TransportLedgerRecord = {
  entryAt: new Date('2024-03-05T01:02:03Z'),
  exitAt: new Date('2024-03-05T03:04:05Z'),
  entryPhoto: 'snap/entry.jpg',
  exitPhoto: 'snap/exit.jpg',
  plateImage: 'snap/plate.jpg',
  plate: '冀A12345',
  plateColour: 'yellow',
  registrationDate: '2021-08-15',
  vin: 'LFWSRXRJ1M1F12345',
  engineNumber: 'WP10H400E62-123456',
  emissionStage: 'VIa',
  environmentalListImage: 'docs/list.jpg',
  cargoName: '铁矿石',
  cargoTonnes: 31.5,
  fleetName: '自有',
};

/** Builds transport records for tests, complete by default: `aTransportRecord().without('vin').build()`. */
export class TransportRecordBuilder {
  constructor(private readonly record: TransportLedgerRecord = COMPLETE) {}

  with(changes: Partial<TransportLedgerRecord>): TransportRecordBuilder {
    return new TransportRecordBuilder({ ...this.record, ...changes });
  }

  without(...fields: (keyof TransportLedgerRecord)[]): TransportRecordBuilder {
    const copy: Record<string, unknown> = { ...this.record };
    for (const field of fields) delete copy[field];
    return new TransportRecordBuilder(copy as TransportLedgerRecord);
  }

  build(): TransportLedgerRecord {
    return this.record;
  }
}

export const aTransportRecord = (): TransportRecordBuilder => new TransportRecordBuilder();
