import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { LedgerException } from '../errors/ledger.exception';
import { type PassageEntity } from '../passage/passage.entity';
import { type DailyStageCount, PassageRepository, type PassageSearch } from '../passage/passage.repository';

export interface PassagePage {
  readonly items: PassageEntity[];
  /** Pass it back as `cursor` for the next page; `null` on the last page. */
  readonly nextCursor: string | null;
}

export const encodeCursor = (row: Pick<PassageEntity, 'capturedAt' | 'id'>): string =>
  Buffer.from(`${row.capturedAt.toISOString()}|${row.id}`, 'utf8').toString('base64url');

export function decodeCursor(cursor: string): { capturedAt: Date; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const capturedAt = new Date(at ?? '');
  if (!id || rest.length > 0 || Number.isNaN(capturedAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new LedgerException('invalid-request', 'cursor: not a cursor this API returned');
  }
  return { capturedAt, id };
}

/** Read side of ledger A: search with keyset pagination, one passage, daily counts by stage. */
export class QueryPassagesService {
  constructor(private readonly dataSource: DataSource) {}

  private get passages(): PassageRepository {
    return new PassageRepository(this.dataSource.manager);
  }

  async search(enterpriseId: EnterpriseId, query: PassageSearch): Promise<PassagePage> {
    const rows = await this.passages.search(enterpriseId, { ...query, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
  }

  async get(enterpriseId: EnterpriseId, id: string): Promise<PassageEntity> {
    const row = await this.passages.findOne(enterpriseId, { id });
    // Another enterprise's passage is indistinguishable from a missing one.
    if (!row) throw new LedgerException('passage-not-found', `no passage ${id}`);
    return row;
  }

  dailyCountsByStage(enterpriseId: EnterpriseId, from: Date, to: Date): Promise<DailyStageCount[]> {
    return this.passages.dailyCountsByStage(enterpriseId, from, to);
  }
}
