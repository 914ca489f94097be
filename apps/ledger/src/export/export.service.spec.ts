import { ExportJobEntity } from './export-job.entity';
import { exportFileName, exportObjectKey } from './export-runner';
import { exportJobSchema } from './export.schemas';
import { exportJobView } from './export.service';

const job = (changes: Partial<ExportJobEntity> = {}): ExportJobEntity =>
  Object.assign(new ExportJobEntity(), {
    id: '7c1e9b7e-1f8e-4a1e-9f1e-0c5a3f8b2d11',
    enterpriseId: 'ent-a',
    enterpriseIds: ['ent-a'],
    ledger: 'passages',
    filters: { from: '2024-02-29T16:00:00.000Z', to: '2024-03-31T16:00:00.000Z' },
    state: 'running',
    requestedBy: 'clerk-1',
    rows: 250,
    totalRows: 1_000,
    error: null,
    attempts: 1,
    worker: 'w',
    objectKey: null,
    fileName: null,
    bytes: null,
    createdAt: new Date('2024-04-07T02:00:00Z'),
    startedAt: new Date('2024-04-07T02:00:01Z'),
    heartbeatAt: new Date('2024-04-07T02:00:02Z'),
    finishedAt: null,
    expiresAt: null,
    ...changes,
  });

describe('export job view', () => {
  it('shows progress as rows written of rows counted, and matches the documented schema', () => {
    const view = exportJobView(job());
    expect(view).toMatchObject({
      state: 'running',
      rows: 250,
      totalRows: 1_000,
      progress: 0.25,
      expiresAt: null,
    });
    expect(view.downloadUrl).toBeUndefined();
    expect(exportJobSchema.parse(view)).toEqual(view);
  });

  it('is 0 before counting, 1 when done, and carries the link it was given', () => {
    expect(exportJobView(job({ state: 'queued', rows: 0, totalRows: null })).progress).toBe(0);
    expect(exportJobView(job({ state: 'running', rows: 0, totalRows: 0 })).progress).toBe(0);
    const done = exportJobView(
      job({
        state: 'done',
        rows: 1_000,
        fileName: 'passages-ent-a-20240301-20240331.xlsx',
        bytes: 73_000,
        finishedAt: new Date('2024-04-07T02:00:09Z'),
        expiresAt: new Date('2024-04-08T02:00:09Z'),
      }),
      { url: 'https://minio/x', expiresAt: new Date('2024-04-07T02:05:09Z') },
    );
    expect(done).toMatchObject({
      progress: 1,
      downloadUrl: 'https://minio/x',
      downloadUrlExpiresAt: '2024-04-07T02:05:09.000Z',
      expiresAt: '2024-04-08T02:00:09.000Z',
      bytes: 73_000,
    });
    expect(exportJobSchema.parse(done)).toEqual(done);
  });
});

describe('export file', () => {
  it('is named by ledger, enterprise and Shanghai days (to exclusive)', () => {
    expect(exportFileName(job())).toBe('passages-ent-a-20240301-20240331.xlsx');
    expect(exportFileName(job({ filters: {} }))).toBe('passages-ent-a-20240407.xlsx');
    expect(exportFileName(job({ filters: { from: '2024-02-29T16:00:00.000Z' } }))).toBe(
      'passages-ent-a-20240301-20240407.xlsx',
    );
    expect(
      exportFileName(
        job({ enterpriseId: '*', enterpriseIds: ['a', 'b', 'c'], ledger: 'machinery', filters: {} }),
      ),
    ).toBe('machinery-3-enterprises-20240407.xlsx');
  });

  it('lives in a folder of its job, under its enterprise or `several`', () => {
    expect(exportObjectKey(job(), 'f.xlsx')).toBe(
      'exports/ent-a/7c1e9b7e-1f8e-4a1e-9f1e-0c5a3f8b2d11/f.xlsx',
    );
    expect(exportObjectKey(job({ enterpriseId: '*' }), 'f.xlsx')).toMatch(/^exports\/several\//);
  });
});
