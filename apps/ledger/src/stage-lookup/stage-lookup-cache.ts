import { type StageLookupResponse, stageLookupResponseSchema } from '@ecogate/contracts';
import { type DataSource } from '@ecogate/persistence';
import { type StageLookupKey, type StageLookupReply } from './stage-lookup';

export interface StageLookupCacheTtl {
  /** found and conflict answers */
  readonly ttlMs: number;
  /** not-found: shorter, a record may be added at the source later */
  readonly notFoundTtlMs: number;
}

export const toWire = (reply: StageLookupReply): StageLookupResponse => {
  const answeredAt = reply.answeredAt.toISOString();
  switch (reply.result) {
    case 'found':
      return { result: 'found', record: reply.record, answeredAt };
    case 'conflict':
      return { result: 'conflict', records: [...reply.records], answeredAt };
    case 'not-found':
      return { result: 'not-found', answeredAt };
  }
};

export const fromWire = (wire: StageLookupResponse): StageLookupReply => {
  const answeredAt = new Date(wire.answeredAt);
  switch (wire.result) {
    case 'found':
      return { result: 'found', record: wire.record, answeredAt };
    case 'conflict':
      return { result: 'conflict', records: wire.records, answeredAt };
    case 'not-found':
      return { result: 'not-found', answeredAt };
  }
};

/**
 * The source's answers by key, shared by the city's enterprises: a fresh entry answers without a
 * request. Only answers are kept — an outage or a 429 is never cached, so it never reads as
 * "not found" later.
 */
export class StageLookupCache {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ttl: StageLookupCacheTtl,
  ) {}

  async get(key: StageLookupKey, now: Date): Promise<StageLookupReply | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT "answer" FROM "stage_lookup_cache" WHERE "key_kind" = $1 AND "key_value" = $2 AND "expires_at" > $3`,
      [key.kind, key.value, now],
    )) as { answer: unknown }[];
    const parsed = row ? stageLookupResponseSchema.safeParse(row.answer) : undefined;
    return parsed?.success ? fromWire(parsed.data) : undefined;
  }

  async put(key: StageLookupKey, reply: StageLookupReply, now: Date): Promise<void> {
    const ttlMs = reply.result === 'not-found' ? this.ttl.notFoundTtlMs : this.ttl.ttlMs;
    await this.dataSource.query(
      `INSERT INTO "stage_lookup_cache" ("key_kind", "key_value", "result", "answer", "answered_at", "expires_at")
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ("key_kind", "key_value") DO UPDATE
          SET "result" = $3, "answer" = $4, "answered_at" = $5, "expires_at" = $6`,
      [
        key.kind,
        key.value,
        reply.result,
        JSON.stringify(toWire(reply)),
        reply.answeredAt,
        new Date(now.getTime() + ttlMs),
      ],
    );
  }
}
