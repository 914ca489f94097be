import {
  Brackets,
  type EnterpriseId,
  type EntityManager,
  type SelectQueryBuilder,
  TenantRepository,
} from '@ecogate/persistence';
import { type EmissionStage } from '@ecogate/domain';
import { InPlantVehicleEntity } from '../in-plant/in-plant-vehicle.entity';
import { MachineryEntity } from '../machinery/machinery.entity';
import { PassageEntity } from '../passage/passage.entity';
import { VehicleEntity } from '../vehicle/vehicle.entity';
import { type ExportFilters, type ExportLedger } from './export-job.entity';
import { type InPlantSource, type MachinerySource, type PassageSource, type SourceOf } from './export-rows';

/**
 * Reads one enterprise's rows of a ledger in pages, by keyset (never OFFSET, never the whole
 * result at once): each page is one indexed query that starts after the last row of the one
 * before, so memory holds one page and no transaction stays open.
 */
export interface ExportSource<S> {
  count(enterpriseId: EnterpriseId, filters: ExportFilters): Promise<number>;
  pages(enterpriseId: EnterpriseId, filters: ExportFilters, pageSize: number): AsyncGenerator<S[]>;
}

/**
 * The passage search's conditions (`PassageRepository.search`), for the same rows in the same
 * order (newest first, then id): the integration test compares the file with the search API.
 */
function whereFilters(qb: SelectQueryBuilder<PassageEntity>, filters: ExportFilters): void {
  if (filters.from) qb.andWhere('p.capturedAt >= :from', { from: new Date(filters.from) });
  if (filters.to) qb.andWhere('p.capturedAt < :to', { to: new Date(filters.to) });
  if (filters.plate) qb.andWhere('p.plate = :plate', { plate: filters.plate });
  if (filters.stage) qb.andWhere('p.stage = :stage', { stage: filters.stage });
  if (filters.gateId) {
    const gateId = filters.gateId;
    qb.andWhere(
      new Brackets((b) => {
        b.where('p.entryGateId = :gateId', { gateId }).orWhere('p.exitGateId = :gateId', { gateId });
      }),
    );
  }
  if (filters.minCompleteness !== undefined)
    qb.andWhere('p.completeness >= :minC', { minC: filters.minCompleteness });
  if (filters.maxCompleteness !== undefined)
    qb.andWhere('p.completeness <= :maxC', { maxC: filters.maxCompleteness });
}

interface PassageRaw {
  id: string;
  capturedAt: Date;
  cursorAt: string;
  plate: string;
  plateColour: string;
  entryCapturedAt: Date | null;
  exitCapturedAt: Date | null;
  stage: EmissionStage | null;
  cargoName: string | null;
  cargoTonnes: string | null;
  fleet: string | null;
  vehicleFound: string | null;
  vin: string | null;
  engineNo: string | null;
  registrationDate: string | null;
  vehicleFleet: string | null;
}

/** Ledger A: passages with their vehicle's registry columns (one LEFT JOIN on the unique plate). */
export class PassageExportSource implements ExportSource<PassageSource> {
  constructor(private readonly manager: EntityManager) {}

  private scoped(enterpriseId: EnterpriseId, filters: ExportFilters): SelectQueryBuilder<PassageEntity> {
    const qb = TenantRepository.of(this.manager, PassageEntity).scopedQueryBuilder(enterpriseId, 'p');
    whereFilters(qb, filters);
    return qb;
  }

  async count(enterpriseId: EnterpriseId, filters: ExportFilters): Promise<number> {
    const row = await this.scoped(enterpriseId, filters).select('COUNT(*)', 'n').getRawOne<{ n: string }>();
    return Number(row?.n ?? 0);
  }

  async *pages(
    enterpriseId: EnterpriseId,
    filters: ExportFilters,
    pageSize: number,
  ): AsyncGenerator<PassageSource[]> {
    // The cursor keeps Postgres' microseconds (a JS Date has milliseconds): no row is skipped or repeated.
    let after: { capturedAt: string; id: string } | undefined;
    for (;;) {
      const qb = this.scoped(enterpriseId, filters)
        .leftJoin(VehicleEntity, 'v', 'v.enterpriseId = p.enterpriseId AND v.plate = p.plate')
        .select('p.id', 'id')
        .addSelect('p.capturedAt', 'capturedAt')
        .addSelect('CAST(p.capturedAt AS text)', 'cursorAt')
        .addSelect('p.plate', 'plate')
        .addSelect('p.plateColour', 'plateColour')
        .addSelect('p.entryCapturedAt', 'entryCapturedAt')
        .addSelect('p.exitCapturedAt', 'exitCapturedAt')
        .addSelect('p.stage', 'stage')
        .addSelect('p.cargoName', 'cargoName')
        .addSelect('p.cargoTonnes', 'cargoTonnes')
        .addSelect('p.fleet', 'fleet')
        .addSelect('v.id', 'vehicleFound')
        .addSelect('v.vin', 'vin')
        .addSelect('v.engineNo', 'engineNo')
        .addSelect(`to_char(v.registrationDate, 'YYYY-MM-DD')`, 'registrationDate')
        .addSelect('v.fleet', 'vehicleFleet');
      if (after) {
        qb.andWhere('(p.capturedAt, p.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))', {
          afterAt: after.capturedAt,
          afterId: after.id,
        });
      }
      const raw = await qb
        .orderBy('p.capturedAt', 'DESC')
        .addOrderBy('p.id', 'DESC')
        .limit(pageSize)
        .getRawMany<PassageRaw>();
      if (raw.length === 0) return;
      yield raw.map(toPassageSource);
      const last = raw[raw.length - 1];
      if (!last || raw.length < pageSize) return;
      after = { capturedAt: last.cursorAt, id: last.id };
    }
  }
}

function toPassageSource(row: PassageRaw): PassageSource {
  return {
    id: row.id,
    capturedAt: row.capturedAt,
    plate: row.plate,
    plateColour: row.plateColour,
    entryCapturedAt: row.entryCapturedAt,
    exitCapturedAt: row.exitCapturedAt,
    stage: row.stage,
    cargoName: row.cargoName,
    cargoTonnes: row.cargoTonnes === null ? null : Number(row.cargoTonnes),
    fleet: row.fleet,
    vehicle:
      row.vehicleFound === null
        ? undefined
        : {
            vin: row.vin,
            engineNo: row.engineNo,
            registrationDate: row.registrationDate,
            fleet: row.vehicleFleet,
          },
  };
}

/** A registry (ledgers B and C) in key order; `from`/`to` bound the row's last change. */
class RegistryExportSource<E extends InPlantVehicleEntity | MachineryEntity, S> implements ExportSource<S> {
  constructor(
    private readonly manager: EntityManager,
    private readonly entity: new () => E,
    private readonly key: 'number' | 'registrationCode',
    private readonly toSource: (row: E) => S,
  ) {}

  private scoped(enterpriseId: EnterpriseId, filters: ExportFilters): SelectQueryBuilder<E> {
    const qb = TenantRepository.of(this.manager, this.entity).scopedQueryBuilder(enterpriseId, 'r');
    if (filters.from) qb.andWhere('r.updatedAt >= :from', { from: new Date(filters.from) });
    if (filters.to) qb.andWhere('r.updatedAt < :to', { to: new Date(filters.to) });
    return qb;
  }

  count(enterpriseId: EnterpriseId, filters: ExportFilters): Promise<number> {
    return this.scoped(enterpriseId, filters).getCount();
  }

  async *pages(enterpriseId: EnterpriseId, filters: ExportFilters, pageSize: number): AsyncGenerator<S[]> {
    let after: string | undefined;
    for (;;) {
      const qb = this.scoped(enterpriseId, filters);
      if (after !== undefined) qb.andWhere(`r.${this.key} > :after`, { after });
      const rows = await qb.orderBy(`r.${this.key}`, 'ASC').take(pageSize).getMany();
      if (rows.length === 0) return;
      yield rows.map(this.toSource);
      const last = rows[rows.length - 1];
      if (!last || rows.length < pageSize) return;
      after =
        this.key === 'number'
          ? (last as InPlantVehicleEntity).number
          : (last as MachineryEntity).registrationCode;
    }
  }
}

/** The source of each ledger, on `manager`. */
export function exportSources(manager: EntityManager): { [L in ExportLedger]: ExportSource<SourceOf[L]> } {
  return {
    passages: new PassageExportSource(manager),
    'in-plant-vehicles': new RegistryExportSource(
      manager,
      InPlantVehicleEntity,
      'number',
      (row): InPlantSource => ({
        number: row.number,
        registrationDate: row.registrationDate,
        vin: row.vin,
        engineNo: row.engineNo,
        emissionStage: row.emissionStage,
      }),
    ),
    machinery: new RegistryExportSource(
      manager,
      MachineryEntity,
      'registrationCode',
      (row): MachinerySource => ({
        registrationCode: row.registrationCode,
        productionDate: row.productionDate,
        emissionStage: row.emissionStage,
        machineCode: row.machineCode,
      }),
    ),
  };
}
