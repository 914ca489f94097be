import { createPublicKey, generateKeyPairSync, randomUUID, verify } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createObjectStorage, type ObjectStorage } from '@ecogate/storage';
import { expectEventually, minioTestStorage } from '@ecogate/testing';
import * as ExcelJS from 'exceljs';
import { type Api, type LedgerHarness, startLedgerHarness } from '../testing/ledger-harness';
import { memberOf, type TestCaller } from '../testing/ledger-test-kit';
import { DEFAULT_EXPORT_CONFIG, type ExportConfig } from './export.config';
import { type ExportJobView } from './export.schemas';
import { seedSyntheticLedger } from '../testing/synthetic-ledger';
import { rootMessage } from '../chain/chain-maths';
import { shanghaiDay } from '../chain/chain-roots';
import { chainSignerFromPem } from '../chain/chain-signing';
import { CHAIN_ROOTS_HEADER_ROW, CHAIN_ROOTS_SHEET_NAME } from './chain-roots-sheet';

jest.setTimeout(120_000);

const X = 'ent-exp-x';
const Y = 'ent-exp-y';
const Z = 'ent-exp-z';
const DAY = 86_400_000;
/** The seeded window: 20 days ending at the start of today (UTC). */
const until = new Date(Math.floor(Date.now() / DAY) * DAY);
const since = new Date(until.getTime() - 20 * DAY);
const window = { from: since.toISOString(), to: until.toISOString() };

const signer = chainSignerFromPem(
  generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
  'cluster-export-it',
);
/** Signed daily roots as the roots job stores them: two of X inside the window, one before it, one of Y. */
async function storeRoots(): Promise<void> {
  const roots = [
    { enterpriseId: X, at: since.getTime() - 5 * DAY, lastSeq: 10 },
    { enterpriseId: X, at: since.getTime() + 2 * DAY, lastSeq: 20 },
    { enterpriseId: X, at: since.getTime() + 3 * DAY, lastSeq: 30 },
    { enterpriseId: Y, at: since.getTime() + 2 * DAY, lastSeq: 5 },
  ].map(({ enterpriseId, at, lastSeq }) => ({
    enterpriseId,
    day: shanghaiDay(new Date(at)),
    lastSeq,
    lastHash: lastSeq.toString(16).padStart(64, '0'),
    count: 4,
  }));
  for (const root of roots) {
    await ledger.service.dataSource.query(
      `INSERT INTO "ledger_chain_roots" ("enterprise_id", "day", "last_seq", "last_hash", "count", "key_id",
         "signature", "signed_at") VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
      [
        root.enterpriseId,
        root.day,
        root.lastSeq,
        root.lastHash,
        root.count,
        signer.keyId,
        signer.sign(rootMessage(root)),
      ],
    );
  }
}

let ledger: LedgerHarness;
let storage: ObjectStorage;
let tmp: string;
let config: ExportConfig;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'ledger-export-it-'));
  config = {
    ...DEFAULT_EXPORT_CONFIG,
    bucket: `ledger-it-exp-${randomUUID().slice(0, 8)}`,
    pollIntervalMs: 100,
    staleAfterMs: 10_000,
    maxRows: 5_000,
    tmpDir: tmp,
  };
  ledger = await startLedgerHarness({ exports: config, chain: { signer, rootsIntervalMs: 0 } });
  storage = createObjectStorage(minioTestStorage());
  const manager = ledger.service.dataSource.manager;
  const seed = { from: since, days: 20, plates: 40 };
  await seedSyntheticLedger(manager, { ...seed, enterprises: [X], perEnterprise: 2_500, seed: 'x' });
  await seedSyntheticLedger(manager, { ...seed, enterprises: [Y], perEnterprise: 600, seed: 'y' });
  await seedSyntheticLedger(manager, { ...seed, enterprises: [Z], perEnterprise: 2_600, seed: 'z' });
  await storeRoots();
});
afterAll(async () => {
  await ledger?.close();
  await rm(tmp, { recursive: true, force: true });
});

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const staff = (enterprise: string) => ledger.as(memberOf(enterprise, 'enterprise-staff'));
const inspector = (enterprises: string[], subject = `inspector-${enterprises.join('-')}`): Api =>
  ledger.as({ role: 'inspector', subject, enterprises } satisfies TestCaller);

/** Polls a job until it is done or failed. */
async function settled(api: Api, path: string): Promise<ExportJobView> {
  return expectEventually(
    async () => {
      const answer = await api(path);
      expect(answer.status).toBe(200);
      const job = answer.body as ExportJobView;
      expect(['done', 'failed']).toContain(job.state);
      return job;
    },
    { timeoutMs: 60_000, intervalMs: 100 },
  );
}

/** The file behind a job's link, every sheet's rows as text cells (header included). */
async function download(job: ExportJobView): Promise<{ name: string; rows: string[][] }[]> {
  expect(job.downloadUrl).toBeDefined();
  const response = await fetch(job.downloadUrl ?? '');
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook.worksheets.map((sheet) => {
    const width = sheet.getRow(1).cellCount;
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      rows.push(Array.from({ length: width }, (_, i) => String(row.getCell(i + 1).value ?? '')));
    });
    return { name: sheet.name, rows };
  });
}

interface SearchItem {
  plate: string;
  plateColour: string;
  entryCapturedAt: string | null;
  exitCapturedAt: string | null;
  stage: string | null;
  cargoName: string | null;
  cargoTonnes: number | null;
  fleet: string | null;
}

/** Every page of the passage search API, as the console reads it. */
async function searchAll(api: Api, enterprise: string, query: Record<string, string>): Promise<SearchItem[]> {
  const items: SearchItem[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ ...query, limit: '500', ...(cursor ? { cursor } : {}) });
    const page = await api(`/enterprises/${enterprise}/passages?${params.toString()}`);
    expect(page.status).toBe(200);
    const body = page.body as { items: SearchItem[]; nextCursor: string | null };
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

interface Registered {
  vin: string | null;
  engineNo: string | null;
  registrationDate: string | null;
  fleet: string | null;
}

async function registry(enterprise: string): Promise<Map<string, Registered>> {
  const rows: (Registered & { plate: string })[] = await ledger.service.dataSource.query(
    `SELECT "plate", "vin", "engine_no" AS "engineNo", to_char("registration_date", 'YYYYMMDD') AS "registrationDate", "fleet"
       FROM "vehicles" WHERE "enterprise_id" = $1`,
    [enterprise],
  );
  return new Map(rows.map((row) => [row.plate, row]));
}

/** `yyyyMMdd HHmmss` in Asia/Shanghai, worked out here rather than with the code under test. */
const shanghai = (iso: string | null): string =>
  iso
    ? new Date(Date.parse(iso) + 8 * 3_600_000)
        .toISOString()
        .replace(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2}).*$/, '$1$2$3 $4$5$6')
    : '';
const STAGE_CODE: Record<string, string> = { IV: '4', V: '5', VI: '6', VIb: '6', electric: 'D' };
const COLOUR: Record<string, string> = {
  yellow: '黄色',
  blue: '蓝色',
  green: '渐变绿色',
  'yellow-green': '黄绿双拼色',
};

/** The sheet row the guide asks for, from the search API's item and the registry. */
function expectedRow(item: SearchItem, vehicles: Map<string, Registered>): string[] {
  const vehicle = vehicles.get(item.plate);
  return [
    shanghai(item.entryCapturedAt),
    shanghai(item.exitCapturedAt),
    item.plate,
    COLOUR[item.plateColour] ?? item.plateColour,
    vehicle?.registrationDate ?? '',
    vehicle?.vin ?? '',
    vehicle?.engineNo ?? '',
    item.stage ? (STAGE_CODE[item.stage] ?? '?') : '',
    item.cargoName ?? '',
    item.cargoTonnes === null ? '' : item.cargoTonnes.toFixed(1),
    item.fleet ?? vehicle?.fleet ?? '',
    '',
  ];
}

const TRANSPORT_HEADER = [
  '进厂时间',
  '出厂时间',
  '车牌号码',
  '号牌颜色',
  '注册登记日期',
  '车辆识别代号（VIN）',
  '发动机号码',
  '排放阶段',
  '运输货物名称',
  '运输量（吨）',
  '车队名称',
  '备注',
];

async function auditOf(enterprise: string, jobId: string): Promise<{ actor: string; action: string }[]> {
  return ledger.service.dataSource.query(
    `SELECT "actor", "action" FROM "audit_log"
      WHERE "enterprise_id" = $1 AND "entity_type" = 'export' AND "entity_id" = $2 ORDER BY "at", "action" DESC`,
    [enterprise, jobId],
  );
}

describe('export of one enterprise', () => {
  let jobX: ExportJobView;

  it('queues a job (202), runs it in the background and writes exactly what the search API shows', async () => {
    const queued = await staff(X)(
      `/enterprises/${X}/exports`,
      json('POST', { ledger: 'passages', ...window }),
    );
    expect(queued).toMatchObject({
      status: 202,
      body: {
        state: 'queued',
        ledger: 'passages',
        enterpriseIds: [X],
        rows: 0,
        totalRows: null,
        progress: 0,
        requestedBy: `enterprise-staff-${X}`,
        expiresAt: null,
      },
    });
    const { jobId } = queued.body as ExportJobView;

    jobX = await settled(staff(X), `/enterprises/${X}/exports/${jobId}`);
    expect(jobX).toMatchObject({ state: 'done', rows: 2_500, totalRows: 2_500, progress: 1 });
    expect(jobX.fileName).toMatch(new RegExp(`^passages-${X}-\\d{8}-\\d{8}\\.xlsx$`));
    expect(Date.parse(jobX.expiresAt ?? '') - Date.parse(jobX.finishedAt ?? '')).toBe(86_400_000);
    expect(Date.parse(jobX.downloadUrlExpiresAt ?? '')).toBeLessThanOrEqual(Date.now() + 300_000);
    // The link is the file's: the browser saves it under its name.
    expect(new URL(jobX.downloadUrl ?? '').pathname.endsWith(`/${jobX.fileName ?? '?'}`)).toBe(true);

    const [sheet, ...more] = await download(jobX);
    expect(more.map((other) => other.name)).toEqual([CHAIN_ROOTS_SHEET_NAME]);
    expect(sheet?.name).toBe('进出厂运输车辆台账');
    expect(sheet?.rows[0]).toEqual(TRANSPORT_HEADER);
    const searched = await searchAll(staff(X), X, window);
    expect(searched).toHaveLength(2_500);
    const vehicles = await registry(X);
    expect(sheet?.rows.slice(1)).toEqual(searched.map((item) => expectedRow(item, vehicles)));
    // Nothing stays behind in the temporary directory.
    expect(await readdir(tmp)).toEqual([]);
  });

  it('carries the signed daily roots of its period, each checkable offline with the key in the sheet', async () => {
    const response = await fetch(jobX.downloadUrl ?? '');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet(CHAIN_ROOTS_SHEET_NAME) as ExcelJS.Worksheet;
    const key = createPublicKey(String(sheet.getCell('B3').value));
    const roots: {
      enterpriseId: string;
      day: string;
      lastSeq: number;
      lastHash: string;
      count: number;
      keyId: string;
      signature: string;
    }[] = [];
    sheet.eachRow((row, n) => {
      if (n <= CHAIN_ROOTS_HEADER_ROW) return;
      const [enterpriseId, day, lastSeq, lastHash, count, keyId, signature] = (row.values as unknown[]).slice(
        1,
      );
      roots.push({
        enterpriseId: String(enterpriseId),
        day: String(day),
        lastSeq: Number(lastSeq),
        lastHash: String(lastHash),
        count: Number(count),
        keyId: String(keyId),
        signature: String(signature),
      });
    });
    // X's roots inside the window only: not the day before it, not Y's.
    expect(roots.map((root) => [root.enterpriseId, root.lastSeq, root.keyId])).toEqual([
      [X, 20, 'cluster-export-it'],
      [X, 30, 'cluster-export-it'],
    ]);
    for (const root of roots) {
      expect(verify(null, Buffer.from(rootMessage(root)), key, Buffer.from(root.signature, 'base64'))).toBe(
        true,
      );
    }
    expect(
      verify(
        null,
        Buffer.from(rootMessage({ ...roots[0]!, count: 3 })),
        key,
        Buffer.from(roots[0]!.signature, 'base64'),
      ),
    ).toBe(false);
  });

  it('audits the request and each download link as the caller', async () => {
    await ledger.as(memberOf(X, 'enterprise-admin', 'env-officer'))(
      `/enterprises/${X}/exports/${jobX.jobId}`,
    );
    expect(await auditOf(X, jobX.jobId)).toEqual([
      { actor: `enterprise-staff-${X}`, action: 'request' },
      { actor: `enterprise-staff-${X}`, action: 'download' },
      { actor: 'env-officer', action: 'download' },
    ]);
  });

  it('applies the search filters the same way', async () => {
    const filters = {
      from: new Date(since.getTime() + 3 * DAY).toISOString(),
      to: new Date(since.getTime() + 9 * DAY).toISOString(),
      plate: '冀A00012',
      stage: 'VI',
    };
    const queued = await staff(X)(
      `/enterprises/${X}/exports`,
      json('POST', { ledger: 'passages', ...filters }),
    );
    expect(queued.status).toBe(202);
    const job = await settled(staff(X), `/enterprises/${X}/exports/${(queued.body as ExportJobView).jobId}`);
    expect(job.filters).toEqual(filters);
    const searched = await searchAll(staff(X), X, filters);
    expect(searched.length).toBeGreaterThan(3);
    expect(job.rows).toBe(searched.length);
    const vehicles = await registry(X);
    expect((await download(job))[0]?.rows.slice(1)).toEqual(
      searched.map((item) => expectedRow(item, vehicles)),
    );
  });

  it('lists the enterprise’s jobs newest first, without links', async () => {
    const list = await staff(X)(`/enterprises/${X}/exports?limit=1`);
    expect(list.status).toBe(200);
    const { items } = list.body as { items: ExportJobView[] };
    expect(items).toHaveLength(1);
    expect(items[0]?.downloadUrl).toBeUndefined();
    const all = (await staff(X)(`/enterprises/${X}/exports`)).body as { items: ExportJobView[] };
    expect(all.items.map((job) => job.jobId)).toContain(jobX.jobId);
  });

  it('exports a registry (ledger B) and refuses passage filters on it', async () => {
    const admin = ledger.as(memberOf(X, 'enterprise-admin'));
    for (const [number, body] of [
      ['FORK-01', { vin: 'LFWADRJF011002346', stage: { stage: 'IV', source: 'document' } }],
      ['FORK-02', { registrationDate: '2019-05-01', engineNo: 'E-2' }],
      ['内部-03', { stage: { stage: 'electric', source: 'manual' } }],
    ] as const) {
      expect(
        (await admin(`/enterprises/${X}/in-plant-vehicles/${encodeURIComponent(number)}`, json('PUT', body)))
          .status,
      ).toBe(200);
    }
    const queued = await admin(`/enterprises/${X}/exports`, json('POST', { ledger: 'in-plant-vehicles' }));
    const job = await settled(admin, `/enterprises/${X}/exports/${(queued.body as ExportJobView).jobId}`);
    expect((await download(job))[0]).toEqual({
      name: '厂内运输车辆台账',
      rows: [
        ['车牌号码或内部编号', '注册登记日期', '车辆识别代号（VIN）', '发动机号码', '排放阶段', '备注'],
        ['FORK-01', '', 'LFWADRJF011002346', '', '4', ''],
        ['FORK-02', '20190501', '', 'E-2', '', ''],
        ['内部-03', '', '', '', 'D', ''],
      ],
    });
    expect(
      await admin(`/enterprises/${X}/exports`, json('POST', { ledger: 'machinery', plate: '冀A00001' })),
    ).toMatchObject({ status: 400, body: { code: 'invalid-request' } });
  });

  it('refuses what it cannot export (400)', async () => {
    const post = (body: unknown) => staff(X)(`/enterprises/${X}/exports`, json('POST', body));
    expect((await post({ ledger: 'ledger-d' })).status).toBe(400);
    expect((await post({ ledger: 'passages', from: window.to, to: window.from })).status).toBe(400);
    expect((await post({ ledger: 'passages', cursor: 'x' })).status).toBe(400);
    expect((await staff(X)(`/enterprises/${X}/exports?limit=0`)).status).toBe(400);
    expect(await staff(X)(`/enterprises/${X}/exports/not-a-job`)).toMatchObject({
      status: 400,
      body: { code: 'invalid-request' },
    });
  });

  it('keeps each enterprise’s jobs to itself (404 without data)', async () => {
    expect(await staff(Y)(`/enterprises/${Y}/exports/${jobX.jobId}`)).toMatchObject({
      status: 404,
      body: { code: 'export-not-found' },
    });
    expect(await staff(Y)(`/enterprises/${X}/exports/${jobX.jobId}`)).toMatchObject({
      status: 404,
      body: { code: 'enterprise-not-found' },
    });
    expect((await staff(Y)(`/enterprises/${Y}/exports`)).body).toEqual({ items: [] });
    // A city admin reads it under its own enterprise, not another's.
    expect((await ledger.api(`/enterprises/${Y}/exports/${jobX.jobId}`)).status).toBe(404);
    expect((await ledger.api(`/exports/${jobX.jobId}`)).status).toBe(200);
    expect((await inspector([Y])(`/exports/${jobX.jobId}`)).status).toBe(404);
  });
});

describe('export over several enterprises (city roles)', () => {
  it('is refused to enterprise roles (403) and for an enterprise outside the caller’s (404)', async () => {
    const body = { enterpriseIds: [X], ledger: 'passages', ...window };
    for (const role of ['enterprise-admin', 'enterprise-staff'] as const) {
      expect(await ledger.as(memberOf(X, role))('/exports', json('POST', body))).toMatchObject({
        status: 403,
        body: { code: 'forbidden' },
      });
    }
    expect(await inspector([X])('/exports', json('POST', { ...body, enterpriseIds: [X, Y] }))).toMatchObject({
      status: 404,
      body: { code: 'enterprise-not-found' },
    });
    const [{ count }] = (await ledger.service.dataSource.query(
      `SELECT count(*)::int AS "count" FROM "export_jobs" WHERE "enterprise_id" = '*'`,
    )) as [{ count: number }];
    expect(count).toBe(0);
  });

  it('writes the enterprises one after the other in one sheet, 企业编号 first, and audits each', async () => {
    const api = inspector([X, Y, 'ent-other'], 'inspector-7');
    const queued = await api(
      '/exports',
      json('POST', { enterpriseIds: [Y, X], ledger: 'passages', ...window }),
    );
    expect(queued).toMatchObject({ status: 202, body: { enterpriseIds: [Y, X], state: 'queued' } });
    const job = await settled(api, `/exports/${(queued.body as ExportJobView).jobId}`);
    expect(job).toMatchObject({ state: 'done', rows: 3_100, totalRows: 3_100 });
    expect(job.fileName).toMatch(/^passages-2-enterprises-\d{8}-\d{8}\.xlsx$/);

    const rows = (await download(job))[0]?.rows ?? [];
    expect(rows[0]).toEqual(['企业编号', ...TRANSPORT_HEADER]);
    const [vehiclesY, vehiclesX] = [await registry(Y), await registry(X)];
    expect(rows.slice(1)).toEqual([
      ...(await searchAll(ledger.api, Y, window)).map((item) => [Y, ...expectedRow(item, vehiclesY)]),
      ...(await searchAll(ledger.api, X, window)).map((item) => [X, ...expectedRow(item, vehiclesX)]),
    ]);

    expect(await auditOf(X, job.jobId)).toEqual([
      { actor: 'inspector-7', action: 'request' },
      { actor: 'inspector-7', action: 'download' },
    ]);
    expect(await auditOf(Y, job.jobId)).toHaveLength(2);
    // Not an enterprise's job, and not another inspector's to see.
    expect((await staff(X)(`/enterprises/${X}/exports/${job.jobId}`)).status).toBe(404);
    expect((await inspector([X])(`/exports/${job.jobId}`)).status).toBe(404);
    const listed = (await api('/exports')).body as { items: ExportJobView[] };
    expect(listed.items.map((item) => item.jobId)).toContain(job.jobId);
    const narrower = (await inspector([Y])('/exports')).body as { items: ExportJobView[] };
    expect(narrower.items.map((item) => item.jobId)).not.toContain(job.jobId);
  });

  it('fails a job over the row limit before writing anything', async () => {
    const queued = await ledger.api('/exports', json('POST', { enterpriseIds: [X, Z], ledger: 'passages' }));
    const job = await settled(ledger.api, `/exports/${(queued.body as ExportJobView).jobId}`);
    expect(job).toMatchObject({ state: 'failed', rows: 0, totalRows: 5_100 });
    expect(job.error).toMatch(/^too-many-rows: 5100 rows, at most 5000/);
    expect(job.downloadUrl).toBeUndefined();
  });
});

describe('jobs across processes', () => {
  /** A job as a process that died mid-run leaves it. */
  async function orphan(attempts: number): Promise<string> {
    const id = randomUUID();
    await ledger.service.dataSource.query(
      `INSERT INTO "export_jobs" ("id", "enterprise_id", "enterprise_ids", "ledger", "filters", "state", "requested_by",
                                  "rows", "total_rows", "attempts", "worker", "created_at", "started_at", "heartbeat_at")
       VALUES ($1, $2, ARRAY[$2], 'passages', $3, 'running', 'someone', 1000, 600, $4, 'gone-host:1:dead',
               now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 hour')`,
      [id, Y, JSON.stringify(window), attempts],
    );
    return id;
  }

  it('starts a run orphaned by a dead process over, and fails one orphaned three times', async () => {
    const again = await orphan(1);
    const given = await orphan(3);
    const restarted = await settled(staff(Y), `/enterprises/${Y}/exports/${again}`);
    expect(restarted).toMatchObject({ state: 'done', rows: 600, totalRows: 600 });
    const [row] = (await ledger.service.dataSource.query(
      `SELECT "attempts", "worker" FROM "export_jobs" WHERE "id" = $1`,
      [again],
    )) as [{ attempts: number; worker: string }];
    expect(row.attempts).toBe(2);
    expect(row.worker).not.toBe('gone-host:1:dead');
    expect(await settled(staff(Y), `/enterprises/${Y}/exports/${given}`)).toMatchObject({
      state: 'failed',
      error: 'interrupted: the process running it stopped 3 times',
    });
  });

  it('leaves removal to the bucket’s lifecycle rule; past `expiresAt` a job has no link', async () => {
    // The ledger's MinIO key may not delete (ADR 0007): the rule on `exports/` does, after the days kept.
    expect(await storage.getExpiryRules(config.bucket)).toEqual([
      expect.objectContaining({ prefix: 'exports/', days: config.keepDays }),
    ]);
    const queued = await staff(Y)(
      `/enterprises/${Y}/exports`,
      json('POST', { ledger: 'passages', ...window }),
    );
    const job = await settled(staff(Y), `/enterprises/${Y}/exports/${(queued.body as ExportJobView).jobId}`);
    expect(Date.parse(job.expiresAt ?? '') - Date.parse(job.finishedAt ?? '')).toBe(
      config.keepDays * 86_400_000,
    );
    await ledger.service.dataSource.query(
      `UPDATE "export_jobs" SET "expires_at" = now() - interval '1 second' WHERE "id" = $1`,
      [job.jobId],
    );
    const expired = (await staff(Y)(`/enterprises/${Y}/exports/${job.jobId}`)).body as ExportJobView;
    expect(expired).toMatchObject({ state: 'done', rows: 600 });
    expect(expired.downloadUrl).toBeUndefined();
  });
});
