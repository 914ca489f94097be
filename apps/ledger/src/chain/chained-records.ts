import { Between, type EnterpriseId, type EntityManager, In, TenantRepository } from '@ecogate/persistence';
import { PassageEntity } from '../passage/passage.entity';
import { VehicleStageEvidenceEntity } from '../vehicle/vehicle-stage-evidence.entity';
import { VehicleEntity } from '../vehicle/vehicle.entity';
import { canonicalJson } from './canonical-json';
import { type ChainTable } from './chain-maths';

const ENTITIES: Record<ChainTable, new () => { id: string; enterpriseId: string }> = {
  passages: PassageEntity,
  vehicles: VehicleEntity,
  vehicle_stage_evidence: VehicleStageEvidenceEntity,
};

/**
 * Columns added to a chained table after its rows began to be chained. A row's content carries such
 * a column only when it holds a value: rows chained before the column existed read it back as null
 * and still hash as they were chained, while a value written later is as tamper-evident as any
 * other column. Append a column here in the migration that adds it; never remove one.
 */
export const COLUMNS_ADDED_AFTER_CHAINING: Readonly<Record<ChainTable, readonly string[]>> = {
  passages: [],
  // 1797610000000: the 信息公开编号, for the stage lookup.
  vehicles: ['disclosureNumber'],
  vehicle_stage_evidence: [],
};

/** The canonical text a row is hashed as (see `COLUMNS_ADDED_AFTER_CHAINING`). */
export function chainedContent(table: ChainTable, row: object): string {
  const content: Record<string, unknown> = { ...row };
  for (const column of COLUMNS_ADDED_AFTER_CHAINING[table]) {
    if (content[column] === null) delete content[column];
  }
  return canonicalJson(content);
}

function rowsById<E extends { id: string; enterpriseId: string }>(
  manager: EntityManager,
  enterpriseId: EnterpriseId,
  entity: new () => E,
  ids: readonly string[],
  capturedAt?: Date,
): Promise<E[]> {
  // A passage's capture time (±1 ms: a stored microsecond a Date cannot carry) prunes the read to its
  // month's partition instead of probing every partition's primary key.
  const partition = capturedAt
    ? { capturedAt: Between(new Date(capturedAt.getTime() - 1), new Date(capturedAt.getTime() + 1)) }
    : {};
  return TenantRepository.of(manager, entity).find(enterpriseId, {
    where: { id: In([...ids]), ...partition } as never,
  });
}

/**
 * The canonical content of rows as they read back now, by id. Append and verify both read the row
 * back (never hash the object the caller wrote), so column types that round-trip differently
 * (bigint, numeric, timestamptz microseconds) hash the same at both ends.
 */
export async function currentContents(
  manager: EntityManager,
  enterpriseId: EnterpriseId,
  table: ChainTable,
  ids: readonly string[],
  /** One passage's capture time, when the caller knows it. */
  capturedAt?: Date,
): Promise<Map<string, string>> {
  const contents = new Map<string, string>();
  if (ids.length === 0) return contents;
  const rows = await rowsById(manager, enterpriseId, ENTITIES[table], ids, capturedAt);
  for (const row of rows) contents.set(row.id, chainedContent(table, row));
  return contents;
}

/** One row's canonical content now; the row must exist (the caller just wrote it). */
export async function currentContent(
  manager: EntityManager,
  enterpriseId: EnterpriseId,
  table: ChainTable,
  id: string,
  capturedAt?: Date,
): Promise<string> {
  const content = (await currentContents(manager, enterpriseId, table, [id], capturedAt)).get(id);
  if (content === undefined) throw new Error(`${table}/${id} not found after it was written`);
  return content;
}
