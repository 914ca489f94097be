import { Brackets, Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { PersistenceError } from '../errors/persistence-error';
import { parseEnterpriseId } from './enterprise-id';
import { scopeWhere, TenantRepository } from './tenant-repository';

@Entity({ name: 'vehicles' })
class VehicleEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ type: 'text' })
  plate!: string;
}

const acme = parseEnterpriseId('acme');
const other = parseEnterpriseId('other');

describe('scopeWhere', () => {
  it('adds the tenant to a where clause', () => {
    expect(scopeWhere<VehicleEntity>(acme, { plate: '京A12345' })).toEqual([
      { plate: '京A12345', enterpriseId: 'acme' },
    ]);
  });

  it('adds the tenant to every alternative of an OR', () => {
    expect(scopeWhere<VehicleEntity>(acme, [{ plate: 'A' }, { id: 'v2' }])).toEqual([
      { plate: 'A', enterpriseId: 'acme' },
      { id: 'v2', enterpriseId: 'acme' },
    ]);
  });

  it('turns no condition, or an empty OR, into "every row of the tenant"', () => {
    expect(scopeWhere<VehicleEntity>(acme)).toEqual([{ enterpriseId: 'acme' }]);
    expect(scopeWhere<VehicleEntity>(acme, [])).toEqual([{ enterpriseId: 'acme' }]);
  });

  it('cannot be widened to another tenant by a smuggled enterpriseId', () => {
    const smuggled = { plate: 'A', enterpriseId: other } as unknown as { plate: string };
    expect(scopeWhere<VehicleEntity>(acme, smuggled)).toEqual([{ plate: 'A', enterpriseId: 'acme' }]);
  });

  it('refuses undefined values, which TypeORM would silently drop', () => {
    expect(() => scopeWhere<VehicleEntity>(acme, { plate: undefined })).toThrow(
      expect.objectContaining({ code: 'undefined-in-where' }),
    );
  });

  it('checks the id at run time too, for values cast past the type', () => {
    expect(() => scopeWhere<VehicleEntity>('' as typeof acme, {})).toThrow(PersistenceError);
  });
});

describe('TenantRepository', () => {
  let dataSource: DataSource;
  let vehicles: TenantRepository<VehicleEntity>;

  beforeAll(async () => {
    // Metadata only: no connection is opened, SQL is built but never sent.
    dataSource = new DataSource({ type: 'postgres', entities: [VehicleEntity] });
    await dataSource['buildMetadatas']();
    vehicles = TenantRepository.of(dataSource, VehicleEntity);
  });

  it('requires a parsed EnterpriseId on every query (checked by the compiler)', () => {
    const typeOnly = (): void => {
      // @ts-expect-error -- a query without the tenant does not compile
      void vehicles.find({ where: { plate: 'A' } });
      // @ts-expect-error -- a plain string is not an EnterpriseId: it must go through parseEnterpriseId
      void vehicles.findOne('acme', { plate: 'A' });
      // @ts-expect-error -- the tenant cannot be part of the where clause
      void vehicles.count(acme, { enterpriseId: 'other' });
      // @ts-expect-error -- nor of the values written
      void vehicles.update(acme, { id: 'v1' }, { enterpriseId: 'other' });
    };
    expect(typeOnly).toBeInstanceOf(Function);
  });

  it('builds a scoped query with the tenant as a bound parameter', () => {
    const [sql, parameters] = vehicles
      .scopedQueryBuilder(acme, 'v')
      .andWhere('v.plate LIKE :prefix', { prefix: '京A%' })
      .getQueryAndParameters();
    expect(sql).toMatch(/WHERE "v"\."enterprise_id" = \$1 AND "v"\."plate" LIKE \$2/);
    expect(parameters).toEqual(['acme', '京A%']);
  });

  it('keeps an OR inside brackets, after the tenant condition', () => {
    const [sql] = vehicles
      .scopedQueryBuilder(acme, 'v')
      .andWhere(
        new Brackets((or) => or.where('v.plate = :a', { a: 'A' }).orWhere('v.plate = :b', { b: 'B' })),
      )
      .getQueryAndParameters();
    expect(sql).toMatch(/WHERE "v"\."enterprise_id" = \$1 AND \("v"\."plate" = \$2 OR "v"\."plate" = \$3\)/);
  });

  it('refuses where() and orWhere() on a scoped query, which would drop the tenant condition', () => {
    expect(() => vehicles.scopedQueryBuilder(acme, 'v').where('v.plate = :p', { p: 'A' })).toThrow(
      expect.objectContaining({ code: 'unscoped-query' }),
    );
    expect(() => vehicles.scopedQueryBuilder(acme, 'v').orWhere('1 = 1')).toThrow(
      expect.objectContaining({ code: 'unscoped-query' }),
    );
  });

  it('binds to a transaction manager without losing subclass methods', () => {
    class VehicleRepository extends TenantRepository<VehicleEntity> {
      label(): string {
        return 'vehicles';
      }
      currentManager(): unknown {
        return this.manager;
      }
    }
    const repository = new VehicleRepository(VehicleEntity, dataSource.manager);
    const txManager = dataSource.createEntityManager();
    const bound = repository.withManager(txManager);
    expect(bound.label()).toBe('vehicles');
    expect(bound.currentManager()).toBe(txManager);
    expect(repository.currentManager()).toBe(dataSource.manager);
  });
});
