import { type StageLookupRequest, type StageLookupResponse, type StageRecord } from '@ecogate/contracts';

/** What the source answers before `answeredAt` is stamped. */
export type StageAnswer =
  | { readonly result: 'found'; readonly record: StageRecord }
  | { readonly result: 'conflict'; readonly records: StageRecord[] }
  | { readonly result: 'not-found' };

/**
 * The source's vehicle records. A key may match several records (a vehicle re-registered, two
 * provinces' entries): agreeing stages answer `found` with the newest, disagreeing ones `conflict`.
 */
export class StageRecordStore {
  private records: StageRecord[] = [];

  seed(records: readonly StageRecord[]): void {
    const ids = new Set(records.map((record) => record.recordId));
    this.records = [...this.records.filter((record) => !ids.has(record.recordId)), ...records];
  }

  clear(): void {
    this.records = [];
  }

  get size(): number {
    return this.records.length;
  }

  answer(request: StageLookupRequest): StageAnswer {
    const matching = this.records
      .filter((record) =>
        'vin' in request ? record.vin === request.vin : record.disclosureNumber === request.disclosureNumber,
      )
      .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
    const [newest] = matching;
    if (!newest) return { result: 'not-found' };
    const stages = new Set(matching.map((record) => record.stage));
    return stages.size === 1
      ? { result: 'found', record: newest }
      : { result: 'conflict', records: matching };
  }
}

export const stampAnswer = (answer: StageAnswer, at: Date): StageLookupResponse => ({
  ...answer,
  answeredAt: at.toISOString(),
});
