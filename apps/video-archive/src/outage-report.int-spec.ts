import {
  createDataSource,
  createTemporaryDatabase,
  type DataSource,
  parseEnterpriseId,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { loadInfraEnv } from '@ecogate/testing';
import { OutageReportService } from './outage/outage-report.service';
import { videoEntities, videoMigrations } from './video-archive.data-source';

// `GET …/outages` against real Postgres: outages overlapping a period, filed or not as the outage
// detector recorded them, seconds clipped to the period. (Its policy: the access spec's route matrix.)

const ENTERPRISE = parseEnterpriseId('ent-outages');
const at = (hhmm: string) => new Date(`2026-04-01T${hhmm}:00+08:00`);

describe('outage report', () => {
  let database: TemporaryDatabase;
  let dataSource: DataSource;
  let report: OutageReportService;

  beforeAll(async () => {
    database = await createTemporaryDatabase(loadInfraEnv().DATABASE_URL, 'video_outages_it');
    dataSource = createDataSource({
      url: database.url,
      entities: videoEntities,
      migrations: videoMigrations,
      logging: false,
    });
    await dataSource.initialize();
    await runMigrations(dataSource);
    report = new OutageReportService(dataSource);
    const [filing] = (await dataSource.query(
      `INSERT INTO "outage_filings" ("enterprise_id", "camera_id", "from_at", "to_at", "reason", "filed_by", "filed_at")
       VALUES ($1, 'cam-east', $2, $3, '计划停电', 'enterprise-admin-1', $4) RETURNING "id"`,
      [ENTERPRISE, at('08:00'), at('12:00'), at('07:00')],
    )) as { id: string }[];
    const outage = (camera: string, from: Date, to: Date, filingId: string | null, enterprise = ENTERPRISE) =>
      dataSource.query(
        `INSERT INTO "camera_outages" ("enterprise_id", "camera_id", "start_at", "end_at", "filing_id")
         VALUES ($1, $2, $3, $4, $5)`,
        [enterprise, camera, from, to, filingId],
      );
    await outage('cam-east', at('09:00'), at('09:30'), filing!.id);
    // Overlaps the period's end: only its part inside counts.
    await outage('cam-west', at('23:50'), new Date('2026-04-02T00:20:00+08:00'), null);
    await outage('cam-west', at('10:00'), at('10:01'), null);
    // Before the period, and another enterprise's: not listed.
    await outage(
      'cam-west',
      new Date('2026-03-31T10:00:00+08:00'),
      new Date('2026-03-31T11:00:00+08:00'),
      null,
    );
    await outage('cam-east', at('09:00'), at('10:00'), null, parseEnterpriseId('ent-elsewhere'));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const day = { from: '2026-04-01T00:00:00+08:00', to: '2026-04-02T00:00:00+08:00' };

  it('lists the outages overlapping the period, filed or not, seconds clipped to the period', async () => {
    expect(await report.outages(ENTERPRISE, day)).toEqual([
      {
        cameraId: 'cam-east',
        from: at('09:00').toISOString(),
        to: at('09:30').toISOString(),
        seconds: 1800,
        filed: true,
        filingId: expect.any(String),
      },
      {
        cameraId: 'cam-west',
        from: at('10:00').toISOString(),
        to: at('10:01').toISOString(),
        seconds: 60,
        filed: false,
        filingId: null,
      },
      {
        cameraId: 'cam-west',
        from: at('23:50').toISOString(),
        to: '2026-04-01T16:20:00.000Z',
        seconds: 600,
        filed: false,
        filingId: null,
      },
    ]);
    expect(await report.outages(parseEnterpriseId('ent-none'), day)).toEqual([]);
  });

  it('refuses a period out of order or too long, as invalid-request', async () => {
    await expect(report.outages(ENTERPRISE, { from: day.to, to: day.from })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(
      report.outages(ENTERPRISE, { from: '2025-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' }),
    ).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(report.outages(ENTERPRISE, { from: 'yesterday' })).rejects.toMatchObject({
      code: 'invalid-request',
    });
  });
});
