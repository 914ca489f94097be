import { randomBytes } from 'node:crypto';
import { NATIONAL_RETENTION_FLOORS, type RetentionDays } from '@ecogate/domain';
import {
  type DataSource,
  type EntityManager,
  type FindOptionsWhere,
  ILike,
  In,
  QueryFailedError,
} from '@ecogate/persistence';
import { type Enterprise, enterpriseOf } from './enterprise';
import {
  type EnterpriseChanges,
  type EnterpriseFilter,
  type Paging,
  type Registration,
} from './enterprise-input';
import { addEnterpriseEvent, type EnterpriseChange } from './enterprise-events';
import { EnterpriseEntity } from './enterprise.entity';
import { EnterpriseError } from './enterprise.errors';

export interface EnterprisePage {
  readonly items: readonly Enterprise[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** One change for the gateway's audit log (等保: data changes, with who and when). */
export interface EnterpriseAuditEntry {
  readonly action: EnterpriseChange;
  readonly enterpriseId: string;
  readonly actor: string;
  readonly at: Date;
  readonly before?: Enterprise;
  readonly after: Enterprise;
}

/** Called inside the change's transaction, so the audit record commits with the change or not at all. */
export interface EnterpriseChangeAudit {
  record(tx: EntityManager, entry: EnterpriseAuditEntry): Promise<void>;
}

export interface EnterpriseDirectoryOptions {
  /** The city's retention floors (≥ the national 180 / 365 days). */
  readonly retentionFloors?: RetentionDays;
  readonly audit?: EnterpriseChangeAudit;
}

/** Whose enterprises a reader sees: `*` for city-wide roles, else the ids in their token. */
export type Visibility = '*' | readonly string[];

/**
 * The city's enterprise directory. Every change is one transaction that also puts the full record
 * on the outbox (`gateway.enterprise.registered.v1`), so services learn exactly what committed.
 */
export class EnterpriseDirectory {
  /** The city's retention floors (≥ the national 180 / 365 days). */
  readonly retentionFloors: RetentionDays;
  private readonly audit: EnterpriseChangeAudit | undefined;

  constructor(
    private readonly dataSource: DataSource,
    options: EnterpriseDirectoryOptions = {},
  ) {
    this.retentionFloors = options.retentionFloors ?? NATIONAL_RETENTION_FLOORS;
    this.audit = options.audit;
  }

  async register(registration: Registration, actor: string, now = new Date()): Promise<Enterprise> {
    const { retention, ...fields } = registration;
    const row = Object.assign(new EnterpriseEntity(), {
      ...fields,
      id: registration.id ?? newEnterpriseId(),
      videoRetentionDays: retention.videoDays,
      ledgerRetentionDays: retention.ledgerDays,
      active: true,
      revision: 1,
      registeredBy: actor,
      registeredAt: now,
      changedBy: actor,
      changedAt: now,
    });
    return this.write(async (tx) => {
      await tx.insert(EnterpriseEntity, row);
      return this.announce(tx, row, 'registered', actor, undefined);
    });
  }

  async update(id: string, changes: EnterpriseChanges, actor: string, now = new Date()): Promise<Enterprise> {
    return this.write(async (tx) => {
      const row = await this.lockActive(tx, id, changes.expectedRevision);
      const before = enterpriseOf(row);
      const { retention, expectedRevision: _ignored, ...fields } = changes;
      Object.assign(row, fields, {
        ...(retention
          ? { videoRetentionDays: retention.videoDays, ledgerRetentionDays: retention.ledgerDays }
          : {}),
        revision: row.revision + 1,
        changedBy: actor,
        changedAt: now,
      });
      await tx.save(row);
      return this.announce(tx, row, 'updated', actor, before);
    });
  }

  /** Deactivated enterprises stay in the directory (their records are retained) but leave every scope. */
  async deactivate(id: string, actor: string, now = new Date()): Promise<Enterprise> {
    return this.write(async (tx) => {
      const row = await this.lockActive(tx, id);
      const before = enterpriseOf(row);
      Object.assign(row, { active: false, revision: row.revision + 1, changedBy: actor, changedAt: now });
      await tx.save(row);
      return this.announce(tx, row, 'deactivated', actor, before);
    });
  }

  async get(id: string, visibleTo: Visibility = '*'): Promise<Enterprise> {
    const row = visible(id, visibleTo)
      ? await this.dataSource.getRepository(EnterpriseEntity).findOneBy({ id })
      : null;
    if (!row) throw new EnterpriseError('enterprise-not-found', `no enterprise ${id}`);
    return enterpriseOf(row);
  }

  async list(filter: EnterpriseFilter, paging: Paging, visibleTo: Visibility = '*'): Promise<EnterprisePage> {
    const where: FindOptionsWhere<EnterpriseEntity> = {
      ...(filter.districtCode !== undefined ? { districtCode: filter.districtCode } : {}),
      ...(filter.industry !== undefined ? { industry: filter.industry } : {}),
      ...(filter.performanceClass !== undefined ? { performanceClass: filter.performanceClass } : {}),
      ...(filter.active !== undefined ? { active: filter.active } : {}),
      ...(filter.name !== undefined ? { name: ILike(`%${escapeLike(filter.name)}%`) } : {}),
      ...(visibleTo !== '*' ? { id: In([...visibleTo]) } : {}),
    };
    const [rows, total] = await this.dataSource.getRepository(EnterpriseEntity).findAndCount({
      where,
      order: { name: 'ASC', id: 'ASC' },
      skip: (paging.page - 1) * paging.pageSize,
      take: paging.pageSize,
    });
    return { items: rows.map(enterpriseOf), total, page: paging.page, pageSize: paging.pageSize };
  }

  /** Registered and active: what the gateway checks before it trusts an enterprise id. */
  async exists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(EnterpriseEntity).existsBy({ id, active: true });
  }

  /** The active enterprises of these districts: what an inspector's token lists as their scope. */
  async enterpriseIdsInDistricts(districts: readonly string[]): Promise<string[]> {
    if (districts.length === 0) return [];
    const rows = await this.dataSource.getRepository(EnterpriseEntity).find({
      select: { id: true },
      where: { districtCode: In([...districts]), active: true },
      order: { id: 'ASC' },
    });
    return rows.map((row) => row.id);
  }

  private async lockActive(
    tx: EntityManager,
    id: string,
    expectedRevision?: number,
  ): Promise<EnterpriseEntity> {
    const row = await tx.findOne(EnterpriseEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new EnterpriseError('enterprise-not-found', `no enterprise ${id}`);
    if (!row.active) throw new EnterpriseError('enterprise-inactive', `enterprise ${id} is deactivated`);
    if (expectedRevision !== undefined && expectedRevision !== row.revision)
      throw new EnterpriseError(
        'revision-conflict',
        `enterprise ${id} is at revision ${row.revision}, not ${expectedRevision}: reload and retry`,
      );
    return row;
  }

  private async announce(
    tx: EntityManager,
    row: EnterpriseEntity,
    change: EnterpriseChange,
    actor: string,
    before: Enterprise | undefined,
  ): Promise<Enterprise> {
    const after = enterpriseOf(row);
    await this.audit?.record(tx, {
      action: change,
      enterpriseId: after.id,
      actor,
      at: after.changedAt,
      ...(before ? { before } : {}),
      after,
    });
    await addEnterpriseEvent(tx, after, change);
    return after;
  }

  private async write(work: (tx: EntityManager) => Promise<Enterprise>): Promise<Enterprise> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      throw duplicateOrSame(error);
    }
  }
}

function visible(id: string, visibleTo: Visibility): boolean {
  return visibleTo === '*' || visibleTo.includes(id);
}

/** `ent-` and 12 hex digits: an id that fits every path and topic key (`idSchema`). */
function newEnterpriseId(): string {
  return `ent-${randomBytes(6).toString('hex')}`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

const UNIQUE_VIOLATION = '23505';

function duplicateOrSame(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const driver = (error as QueryFailedError & { driverError?: { code?: string; constraint?: string } })
    .driverError;
  if (driver?.code !== UNIQUE_VIOLATION) return error;
  return new EnterpriseError(
    'enterprise-exists',
    driver.constraint === 'UQ_enterprises_credit_code'
      ? 'an enterprise with this unified social credit code is already registered'
      : 'an enterprise with this id is already registered',
  );
}
