import { loadInfraEnv, releaseAll } from '@ecogate/testing';
import {
  Brackets,
  Column,
  type DataSource,
  Entity,
  type MigrationInterface,
  PrimaryColumn,
  type QueryRunner,
} from 'typeorm';
import { createDataSource } from '../data-source/create-data-source';
import { runMigrations } from '../migrations/migration-runner';
import { findPendingSchemaChanges } from '../migrations/schema-drift';
import { createTemporaryDatabase, type TemporaryDatabase } from '../testing/temporary-database';
import { parseEnterpriseId } from './enterprise-id';
import { TenantRepository } from './tenant-repository';

@Entity({ name: 'test_vehicles' })
class TestVehicleEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_test_vehicles' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ type: 'text' })
  plate!: string;
}

class CreateTestVehicles1795868999000 implements MigrationInterface {
  name = 'CreateTestVehicles1795868999000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "test_vehicles" (
        "id" text NOT NULL,
        "enterprise_id" text NOT NULL,
        "plate" text NOT NULL,
        CONSTRAINT "PK_test_vehicles" PRIMARY KEY ("id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "test_vehicles"`);
  }
}

class VehicleRepository extends TenantRepository<TestVehicleEntity> {
  byPlatePrefix(
    enterpriseId: ReturnType<typeof parseEnterpriseId>,
    prefix: string,
  ): Promise<TestVehicleEntity[]> {
    return this.scopedQueryBuilder(enterpriseId, 'v')
      .andWhere('v.plate LIKE :prefix', { prefix: `${prefix}%` })
      .orderBy('v.id')
      .getMany();
  }
}

describe('TenantRepository against the real Postgres', () => {
  const acme = parseEnterpriseId('acme');
  const other = parseEnterpriseId('other');
  let database: TemporaryDatabase;
  let dataSource: DataSource;
  let vehicles: VehicleRepository;

  beforeAll(async () => {
    database = await createTemporaryDatabase(loadInfraEnv().DATABASE_URL, 'persistence_it');
    dataSource = createDataSource({
      url: database.url,
      entities: [TestVehicleEntity],
      migrations: [CreateTestVehicles1795868999000],
      logging: false,
    });
    await dataSource.initialize();
    await runMigrations(dataSource);
    vehicles = new VehicleRepository(TestVehicleEntity, dataSource.manager);
  });

  afterAll(() =>
    releaseAll(
      () => dataSource?.destroy(),
      () => database?.drop(),
    ),
  );

  beforeEach(async () => {
    await dataSource.query(`TRUNCATE "test_vehicles"`);
    await vehicles.insert(acme, [
      { id: 'a1', plate: 'JA-1' },
      { id: 'a2', plate: 'JA-2' },
    ]);
    await vehicles.insert(other, [
      { id: 'o1', plate: 'JA-1' },
      { id: 'o2', plate: 'JB-9' },
    ]);
  });

  it('has a migration for the test entity (the drift check sees nothing)', async () => {
    expect(await findPendingSchemaChanges(dataSource)).toEqual([]);
  });

  it('finds, counts and checks existence only within the tenant', async () => {
    expect((await vehicles.find(acme)).map((v) => v.id).sort()).toEqual(['a1', 'a2']);
    expect((await vehicles.find(acme, { where: { plate: 'JA-1' } })).map((v) => v.id)).toEqual(['a1']);
    expect(
      (
        await vehicles.find(acme, { where: [{ plate: 'JA-1' }, { plate: 'JB-9' }], order: { id: 'ASC' } })
      ).map((v) => v.id),
    ).toEqual(['a1']);
    expect(await vehicles.findOne(acme, { id: 'o1' })).toBeNull();
    expect(await vehicles.count(other)).toBe(2);
    expect(await vehicles.exists(acme, { plate: 'JB-9' })).toBe(false);
  });

  it('updates and deletes only within the tenant, and never moves a row to another tenant', async () => {
    expect(await vehicles.update(acme, { plate: 'JA-1' }, { plate: 'JA-1X' })).toBe(1);
    expect((await vehicles.findOne(other, { id: 'o1' }))?.plate).toBe('JA-1');

    const smuggled = { plate: 'JA-2Y', enterpriseId: 'other' } as unknown as { plate: string };
    await vehicles.update(acme, { id: 'a2' }, smuggled);
    expect(await vehicles.findOne(acme, { id: 'a2' })).toMatchObject({
      enterpriseId: 'acme',
      plate: 'JA-2Y',
    });

    expect(await vehicles.delete(acme, { id: 'o2' })).toBe(0);
    expect(await vehicles.delete(acme, {})).toBe(2);
    expect(await vehicles.count(other)).toBe(2);
  });

  it('scopes custom queries, including ORs grouped in brackets', async () => {
    expect((await vehicles.byPlatePrefix(acme, 'JA')).map((v) => v.id)).toEqual(['a1', 'a2']);
    const either = await vehicles
      .scopedQueryBuilder(other, 'v')
      .andWhere(
        new Brackets((or) => or.where('v.id = :x', { x: 'a1' }).orWhere('v.plate = :p', { p: 'JB-9' })),
      )
      .getMany();
    expect(either.map((v) => v.id)).toEqual(['o2']);
  });

  it('joins a transaction through withManager', async () => {
    await expect(
      dataSource.transaction(async (tx) => {
        await vehicles.withManager(tx).insert(acme, { id: 'a3', plate: 'JA-3' });
        expect(await vehicles.withManager(tx).count(acme)).toBe(3);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await vehicles.count(acme)).toBe(2);
  });
});
