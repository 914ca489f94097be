import {
  DataSource,
  type EntityManager,
  type EntityTarget,
  type FindOptionsOrder,
  type FindOptionsWhere,
  type ObjectLiteral,
  type QueryDeepPartialEntity,
  type SelectQueryBuilder,
} from 'typeorm';
import { PersistenceError } from '../errors/persistence-error';
import { type EnterpriseId, parseEnterpriseId } from './enterprise-id';

/** An entity that belongs to one tenant: the property maps to an `enterprise_id` column. */
export type TenantEntity = ObjectLiteral & { enterpriseId: string };

/** A where clause without the tenant: the repository adds it, and a caller cannot override it. */
export type TenantWhere<T> = Omit<FindOptionsWhere<T>, 'enterpriseId'>;

/** Row values without the tenant: the repository fills it from the id it was given. */
export type TenantInsert<T> = Omit<QueryDeepPartialEntity<T>, 'enterpriseId'>;

export interface TenantFindOptions<T> {
  /** An array means OR; the tenant is added to every alternative. */
  readonly where?: TenantWhere<T> | readonly TenantWhere<T>[];
  readonly order?: FindOptionsOrder<T>;
  readonly take?: number;
  readonly skip?: number;
}

const TENANT_PARAMETER = 'tenantScopeEnterpriseId';

/**
 * Adds the tenant to each alternative of a where clause. The tenant is spread last so a
 * smuggled `enterpriseId` (through a cast) cannot widen the scope, and `undefined` values are
 * refused because TypeORM silently drops them, turning `{ plate: undefined }` into "any row".
 */
export function scopeWhere<T extends TenantEntity>(
  enterpriseId: EnterpriseId,
  where?: TenantWhere<T> | readonly TenantWhere<T>[],
): FindOptionsWhere<T>[] {
  const tenant = parseEnterpriseId(enterpriseId);
  const list: readonly object[] = where === undefined ? [] : isWhereList(where) ? where : [where];
  // No condition (or an empty OR list) means every row of the tenant, never every row.
  const alternatives = list.length > 0 ? list : [{}];
  return alternatives.map((alternative) => {
    for (const [field, value] of Object.entries(alternative)) {
      if (value === undefined) {
        throw new PersistenceError(
          'undefined-in-where',
          `where.${field} is undefined; TypeORM would ignore it and match every row of the tenant`,
        );
      }
    }
    return { ...alternative, enterpriseId: tenant } as unknown as FindOptionsWhere<T>;
  });
}

function isWhereList<T>(
  where: TenantWhere<T> | readonly TenantWhere<T>[],
): where is readonly TenantWhere<T>[] {
  return Array.isArray(where);
}

/**
 * Base repository for tenant-owned entities: every method takes the `EnterpriseId` first and
 * puts it in the WHERE clause (or the inserted row), so a query without it does not compile.
 * Apps extend it with their own query methods built on these ones or on `scopedQueryBuilder`.
 */
export class TenantRepository<T extends TenantEntity> {
  constructor(
    protected readonly target: EntityTarget<T>,
    protected readonly manager: EntityManager,
  ) {}

  static of<E extends TenantEntity>(
    source: DataSource | EntityManager,
    target: EntityTarget<E>,
  ): TenantRepository<E> {
    return new TenantRepository(target, source instanceof DataSource ? source.manager : source);
  }

  /**
   * The same repository (subclass methods included) running on a transaction's manager, so its
   * writes commit or roll back with the caller's other writes.
   */
  withManager(manager: EntityManager): this {
    // Object.create keeps the subclass and its fields; only the manager is shadowed.
    const bound = Object.create(this) as this;
    Object.defineProperty(bound, 'manager', { value: manager, writable: false });
    return bound;
  }

  find(enterpriseId: EnterpriseId, options: TenantFindOptions<T> = {}): Promise<T[]> {
    return this.manager.find(this.target, {
      where: scopeWhere<T>(enterpriseId, options.where),
      ...(options.order ? { order: options.order } : {}),
      ...(options.take !== undefined ? { take: options.take } : {}),
      ...(options.skip !== undefined ? { skip: options.skip } : {}),
    });
  }

  findOne(enterpriseId: EnterpriseId, where: TenantWhere<T> | readonly TenantWhere<T>[]): Promise<T | null> {
    return this.manager.findOne(this.target, { where: scopeWhere<T>(enterpriseId, where) });
  }

  count(enterpriseId: EnterpriseId, where?: TenantWhere<T> | readonly TenantWhere<T>[]): Promise<number> {
    return this.manager.count(this.target, { where: scopeWhere<T>(enterpriseId, where) });
  }

  exists(enterpriseId: EnterpriseId, where?: TenantWhere<T> | readonly TenantWhere<T>[]): Promise<boolean> {
    return this.manager.exists(this.target, { where: scopeWhere<T>(enterpriseId, where) });
  }

  async insert(
    enterpriseId: EnterpriseId,
    rows: TenantInsert<T> | readonly TenantInsert<T>[],
  ): Promise<void> {
    const tenant = parseEnterpriseId(enterpriseId);
    const list: readonly TenantInsert<T>[] = Array.isArray(rows) ? rows : [rows as TenantInsert<T>];
    if (list.length === 0) return;
    const values = list.map((row) => ({ ...row, enterpriseId: tenant }) as QueryDeepPartialEntity<T>);
    await this.manager.insert(this.target, values);
  }

  /** Returns the number of rows changed; the tenant of a row can never be changed. */
  async update(enterpriseId: EnterpriseId, where: TenantWhere<T>, changes: TenantInsert<T>): Promise<number> {
    const [criteria] = scopeWhere<T>(enterpriseId, where);
    const patch = { ...changes } as Record<string, unknown>;
    delete patch['enterpriseId'];
    const result = await this.manager.update(this.target, criteria, patch as QueryDeepPartialEntity<T>);
    return result.affected ?? 0;
  }

  /** Returns the number of rows deleted. */
  async delete(enterpriseId: EnterpriseId, where: TenantWhere<T>): Promise<number> {
    const [criteria] = scopeWhere<T>(enterpriseId, where);
    const result = await this.manager.delete(this.target, criteria);
    return result.affected ?? 0;
  }

  /**
   * A select query already restricted to the tenant, for what find options cannot express.
   * Add conditions with `andWhere` (an OR goes inside `new Brackets(...)`): `where` and
   * `orWhere` throw, because they would replace or bypass the tenant condition.
   */
  scopedQueryBuilder(enterpriseId: EnterpriseId, alias: string): SelectQueryBuilder<T> {
    const tenant = parseEnterpriseId(enterpriseId);
    const qb = this.manager
      .createQueryBuilder(this.target, alias)
      .where(`${alias}.enterpriseId = :${TENANT_PARAMETER}`, { [TENANT_PARAMETER]: tenant });
    const refuse = (method: string) => (): never => {
      throw new PersistenceError(
        'unscoped-query',
        `${method}() on a tenant-scoped query would drop the tenant condition; use andWhere()`,
      );
    };
    qb.where = refuse('where');
    qb.orWhere = refuse('orWhere');
    return qb;
  }
}
