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
  for (const row of rows) contents.set(row.id, canonicalJson(row));
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
