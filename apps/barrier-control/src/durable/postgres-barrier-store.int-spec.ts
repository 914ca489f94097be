import {
  createDataSource,
  createTemporaryDatabase,
  type DataSource,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { loadInfraEnv, releaseAll } from '@ecogate/testing';
import { barrierControlDataSourceSettings } from '../barrier-control.data-source';
import { type StoredCapture } from './barrier-store.port';
import { PostgresBarrierStore } from './postgres-barrier-store';

// The store on a migrated temporary database: what `resume` reads back after a restart.

const LANE = { enterpriseId: 'ent-store', laneId: 'in-1' };
const aCapture = (captureId: string, seenAt: string, extra: Partial<StoredCapture> = {}): StoredCapture => ({
  ...LANE,
  captureId,
  reads: { captureId, server: [] },
  decidedReadIds: [],
  seenAt: new Date(seenAt),
  ...extra,
});

describe('PostgresBarrierStore', () => {
  let database: TemporaryDatabase;
  let dataSource: DataSource;
  let store: PostgresBarrierStore;

  beforeAll(async () => {
    database = await createTemporaryDatabase(loadInfraEnv().DATABASE_URL, 'bc_store_it');
    dataSource = createDataSource(barrierControlDataSourceSettings(database.url));
    await dataSource.initialize();
    await runMigrations(dataSource);
    store = new PostgresBarrierStore(dataSource);
  });
  afterAll(() =>
    releaseAll(
      () => dataSource?.destroy(),
      () => database?.drop(),
    ),
  );

  it('keeps a lane state with its instants', async () => {
    const state = {
      mode: 'auto' as const,
      phase: 'opening' as const,
      vehicle: { plate: '冀A66666', captureId: 'c', readId: 'r', readAt: new Date('2024-12-01T08:00:00Z') },
      openingAt: new Date('2024-12-01T08:00:01Z'),
    };
    await store.save({ lane: { ...LANE, state } });
    await store.save({ lane: { ...LANE, state: { ...state, phase: 'open' } } });
    expect(await store.lanes()).toEqual([{ ...LANE, state: { ...state, phase: 'open' } }]);
  });

  it('keeps a held capture, then its decision and open, under one key; the first sighting stays', async () => {
    const heldUntil = new Date('2024-12-01T08:00:05Z');
    await store.save({ capture: aCapture('cap-1', '2024-12-01T08:00:00Z', { heldUntil }) });
    expect(await store.capture(LANE, 'cap-1')).toMatchObject({ heldUntil, decidedReadIds: [] });
    const decision = { decisionId: 'dec-1', verdict: 'allow' } as unknown as StoredCapture['decision'];
    await store.save({
      capture: aCapture('cap-1', '2024-12-01T09:00:00Z', {
        decision,
        decidedReadIds: ['read-camera', 'read-server'],
        open: { decisionId: 'dec-1', outcome: 'pending' },
      }),
    });
    const stored = await store.capture(LANE, 'cap-1');
    expect(stored).toEqual(
      aCapture('cap-1', '2024-12-01T08:00:00Z', {
        decision,
        decidedReadIds: ['read-camera', 'read-server'],
        open: { decisionId: 'dec-1', outcome: 'pending' },
      }),
    );
    expect(await store.capture(LANE, 'cap-unknown')).toBeUndefined();
  });

  it('lists the newest capture of every lane and prunes old captures that hold no read', async () => {
    await store.save({ capture: aCapture('cap-2', '2024-12-01T08:01:00Z') });
    await store.save({ capture: { ...aCapture('cap-9', '2024-12-01T07:00:00Z'), laneId: 'out-1' } });
    expect((await store.currentCaptures()).map((c) => [c.laneId, c.captureId])).toEqual([
      ['in-1', 'cap-2'],
      ['out-1', 'cap-9'],
    ]);
    await store.save({
      capture: aCapture('cap-3', '2024-11-01T00:00:00Z', { heldUntil: new Date('2024-11-01T00:00:05Z') }),
    });
    expect(await store.prune(new Date('2024-12-01T08:00:30Z'))).toBe(2); // cap-1 and cap-9; cap-3 is held
    expect(await store.capture(LANE, 'cap-3')).toBeDefined();
  });
});
