import { randomUUID } from 'node:crypto';
import {
  createDataSource,
  type DataSource,
  parseEnterpriseId,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { loadInfraEnv } from '@ecogate/testing';
import { EvidencePackEntity } from '../evidence-pack/evidence-pack.entity';
import { EvidencePackStore } from '../evidence-pack/evidence-pack.store';
import { ExportJobEntity } from '../export/export-job.entity';
import { ExportJobStore } from '../export/export-job.store';
import { ledgerEntities, ledgerMigrations } from '../ledger.data-source';
import { migratedDatabase } from '../testing/ledger-harness';
import { queuedFileJob } from './file-job.entity';
import { MAX_JOB_ATTEMPTS } from './file-job.table';

jest.setTimeout(60_000);

const ENTERPRISE = parseEnterpriseId('ent-a');

/**
 * The job-table mechanics shared by exports and evidence packs, on the table with the most of its
 * own columns (the pack's `steps`, `total_steps`, `activity`, `sha256`); the export's table runs
 * the same SQL with `rows`, `total_rows` only.
 */
describe('FileJobTable (Postgres)', () => {
  const infra = loadInfraEnv();
  let database: TemporaryDatabase;
  let dataSource: DataSource;
  let packs: EvidencePackStore;
  const at = (second: number): Date => new Date(Date.UTC(2026, 0, 1, 0, 0, second));

  beforeAll(async () => {
    database = await migratedDatabase(infra.DATABASE_URL, 'ledger_file_job');
    dataSource = createDataSource({
      url: database.url,
      entities: ledgerEntities,
      migrations: ledgerMigrations,
      logging: false,
    });
    await dataSource.initialize();
    packs = new EvidencePackStore(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  beforeEach(() => dataSource.query(`DELETE FROM "evidence_packs"; DELETE FROM "export_jobs"`));

  async function queuePack(createdAt: Date): Promise<string> {
    const id = randomUUID();
    await packs.insert(
      Object.assign(new EvidencePackEntity(), {
        id,
        enterpriseId: 'ent-a',
        inspectionId: randomUUID(),
        ...queuedFileJob('inspector-1', createdAt),
        steps: 0,
        totalSteps: null,
        activity: null,
        sha256: null,
      } satisfies EvidencePackEntity),
    );
    return id;
  }

  const row = (id: string): Promise<EvidencePackEntity> =>
    dataSource.manager.findOneByOrFail(EvidencePackEntity, { id });

  it('claims the oldest queued job, records progress for its worker only, and finishes with all steps done', async () => {
    const older = await queuePack(at(0));
    await queuePack(at(1));

    const claimed = await packs.claim('w1', at(2));
    expect(claimed).toMatchObject({ id: older, state: 'running', worker: 'w1', attempts: 1, steps: 0 });

    const progress = { done: 3, total: 7, notes: { activity: 'waiting for the video archive' } };
    expect(await packs.progress(older, 'w2', progress, at(3))).toBe(false);
    expect(await packs.progress(older, 'w1', progress, at(3))).toBe(true);
    expect(await row(older)).toMatchObject({
      steps: 3,
      totalSteps: 7,
      activity: 'waiting for the video archive',
      heartbeatAt: at(3),
    });

    const file = {
      objectKey: 'exports/ent-a/p.zip',
      fileName: 'p.zip',
      bytes: 5_000_000_000,
      expiresAt: at(100),
      facts: { sha256: 'ab'.repeat(32) },
    };
    expect(await packs.finish(older, 'w2', file, at(4))).toBe(false);
    expect(await packs.finish(older, 'w1', file, at(4))).toBe(true);
    expect(await row(older)).toMatchObject({
      state: 'done',
      steps: 7,
      activity: null,
      objectKey: 'exports/ent-a/p.zip',
      bytes: 5_000_000_000,
      sha256: 'ab'.repeat(32),
      finishedAt: at(4),
      expiresAt: at(100),
    });
  });

  it('fails a run with its error and clears what the run said about itself', async () => {
    const id = await queuePack(at(0));
    await packs.claim('w1', at(1));
    await packs.progress(id, 'w1', { done: 1, total: 4, notes: { activity: 'reading' } }, at(2));

    expect(await packs.fail(id, 'w1', 'x'.repeat(2000), at(3))).toBe(true);
    const failed = await row(id);
    expect(failed).toMatchObject({ state: 'failed', activity: null, steps: 1, finishedAt: at(3) });
    expect(failed.error).toHaveLength(1000);
  });

  it('releases a stopped run to the queue without counting its attempt, and a new claim starts over', async () => {
    const id = await queuePack(at(0));
    await packs.claim('w1', at(1));
    await packs.progress(id, 'w1', { done: 2, total: 4, notes: { activity: 'reading' } }, at(2));

    await packs.release(id, 'w2'); // not its worker: nothing
    expect(await row(id)).toMatchObject({ state: 'running', worker: 'w1' });
    await packs.release(id, 'w1');
    expect(await row(id)).toMatchObject({
      state: 'queued',
      worker: null,
      attempts: 0,
      steps: 0,
      totalSteps: 4,
      activity: null,
      startedAt: null,
      heartbeatAt: null,
    });
    expect(await packs.claim('w2', at(3))).toMatchObject({ id, attempts: 1, steps: 0, totalSteps: null });
  });

  it('requeues a run whose process stopped, and fails it once it stopped MAX_JOB_ATTEMPTS times', async () => {
    const id = await queuePack(at(0));
    for (let attempt = 1; attempt <= MAX_JOB_ATTEMPTS; attempt += 1) {
      const started = at(attempt * 100);
      expect(await packs.claim(`w${attempt}`, started)).toMatchObject({ id, attempts: attempt });
      await packs.progress(id, `w${attempt}`, { done: 2, total: 4, notes: { activity: 'x' } }, started);
      // Not stale yet.
      expect(await packs.recoverOrphans(new Date(started.getTime() + 5_000), 10_000)).toEqual({
        requeued: [],
        failed: [],
      });
      const recovered = await packs.recoverOrphans(new Date(started.getTime() + 11_000), 10_000);
      const last = attempt === MAX_JOB_ATTEMPTS;
      expect(recovered).toEqual({ requeued: last ? [] : [id], failed: last ? [id] : [] });
      expect(await row(id)).toMatchObject({
        state: last ? 'failed' : 'queued',
        worker: null,
        steps: 0,
        activity: null,
      });
    }
    expect((await row(id)).error).toBe(
      `interrupted: the process running it stopped ${MAX_JOB_ATTEMPTS} times`,
    );
  });

  it('writes the rows an export counted, and keeps its total when a progress gives none', async () => {
    const exports = new ExportJobStore(dataSource);
    const id = randomUUID();
    await exports.insert(
      dataSource.manager,
      Object.assign(new ExportJobEntity(), {
        id,
        enterpriseId: 'ent-a',
        enterpriseIds: ['ent-a'],
        ledger: 'passages',
        filters: {},
        ...queuedFileJob('clerk-1', at(0)),
        rows: 0,
        totalRows: null,
      } satisfies ExportJobEntity),
    );
    await exports.claim('w1', at(1));
    await exports.progress(id, 'w1', { done: 0, total: 1_500 }, at(2));
    await exports.progress(id, 'w1', { done: 1_000 }, at(3));
    expect(await exports.findForEnterprise(ENTERPRISE, id)).toMatchObject({ rows: 1_000, totalRows: 1_500 });
    const file = { objectKey: 'k', fileName: 'f.xlsx', bytes: 10, expiresAt: at(100), done: 1_499 };
    expect(await exports.finish(id, 'w1', file, at(4))).toBe(true);
    expect(await exports.findForEnterprise(ENTERPRISE, id)).toMatchObject({
      state: 'done',
      rows: 1_499,
      totalRows: 1_500,
    });
  });
});
