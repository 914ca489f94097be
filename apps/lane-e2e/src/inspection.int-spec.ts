import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RtspTestServer, samplesDir } from '@ecogate/camera-simulator';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, loadInfraEnv } from '@ecogate/testing';
import { arriveUntilDelivered } from './harness/arrivals';
import { LaneChain } from './harness/lane-chain';
import { SITE_ID } from './harness/lane-topology';
import { ServiceProcess } from './harness/service-process';

// Issue #16 end to end, every service a real process on the real Postgres, Kafka and MinIO: a
// month of one enterprise's ledger, a gate camera recorded by the video archive from an RTSP source
// that shows three real plates, two of which pass the lane (passages) while the third never does.
// The inspector's sample is reproducible from its seed; the system reads the plates from the
// archived window and reports the one with no passage; report and evidence pack are produced and
// verified offline; a flipped byte of the pack and an edited row of the database are both caught.
jest.setTimeout(300_000);

const MINUTE = 60_000;
/** Scenes of ../shared/samples whose single plate the default reader reads and trusts. */
const PASSING = [
  { scene: 'double_yellow.jpg', plate: '京EA5331', colour: 'yellow' },
  { scene: 'Quicker_20220930_180919.png', plate: '粤NBM959', colour: 'blue' },
] as const;
const UNRECORDED = { scene: 'single_green.jpg', plate: '沪AF71017' } as const;
const SCENE_SECONDS = 4;

/** The calendar day in China (the ledger's periods are local dates). */
const chinaDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read the JSON freely
type Json = any;

describe('an inspection end to end: ledger month, recorded video, window checked by the system, evidence pack', () => {
  const infra = loadInfraEnv();
  const logger = createLogger({ service: 'inspection-e2e', level: 'silent' });
  const enterpriseId = `ent-insp-${randomUUID().slice(0, 6)}`;
  const rtsp = new RtspTestServer({
    images: [...PASSING, UNRECORDED].map((s) => ({
      path: join(samplesDir(), 'scene', s.scene),
      seconds: SCENE_SECONDS,
    })),
  });
  let work: string;
  let chain: LaneChain;
  let publicKeyFile: string;

  const ledger = async (path: string, init: RequestInit = {}): Promise<{ status: number; body: Json }> =>
    chain.ledger(enterpriseId, path, init, 'city-admin');
  const post = (path: string, body: unknown) =>
    ledger(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'inspection-e2e-'));
    const keys = generateKeyPairSync('ed25519');
    const privateKeyFile = join(work, 'chain-key.pem');
    publicKeyFile = join(work, 'chain-key.pub.pem');
    await writeFile(privateKeyFile, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await writeFile(publicKeyFile, keys.publicKey.export({ type: 'spki', format: 'pem' }));
    await rtsp.start();
    chain = await LaneChain.start({
      infra,
      logger,
      plateRecognition: true,
      enterprises: [
        {
          enterpriseId,
          alertLevel: 'none',
          lanes: [{ gateId: 'north', laneId: 'n-in', direction: 'in' }],
          vehicles: PASSING.map((p) => ({
            plate: p.plate,
            stage: 'VI',
            category: 'heavy-truck',
            fuel: 'diesel',
          })),
        },
      ],
      videoArchive: {
        cameras: [{ enterpriseId, cameraId: 'north-gate', sourceUrl: rtsp.url }],
        env: { VIDEO_SEGMENT_SECONDS: '5', VIDEO_POLL_MS: '200' },
      },
      ledgerEnv: { LEDGER_CHAIN_SIGNING_KEY_FILE: privateKeyFile },
    });
  });

  afterAll(async () => {
    await chain?.stop();
    await rtsp.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('samples a month reproducibly, finds the filmed vehicle with no passage, and packs evidence that verifies offline', async () => {
    // A month of entries typed by the enterprise's staff (manual passages are chained too).
    const now = Date.now();
    for (let day = 29; day >= 1; day -= 1) {
      for (const hour of [9, 15]) {
        const capturedAt = new Date(now - day * 24 * 3_600_000 + (hour - 12) * 3_600_000);
        const reply = await chain.ledger(enterpriseId, 'passages/manual', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            requestId: randomUUID(),
            gateId: 'north',
            siteId: SITE_ID,
            direction: 'in',
            plate: day % 2 ? '冀B12345' : '冀C54321',
            colour: 'yellow',
            capturedAt: capturedAt.toISOString(),
            reason: '道闸检修期间补录',
            stage: 'V',
          }),
        });
        expect(reply).toMatchObject({ status: 201 });
      }
    }

    // Two trucks pass the lane while the gate camera films them; the third is only ever filmed.
    const camera = chain.camera(enterpriseId, 'n-in');
    for (const truck of PASSING)
      await arriveUntilDelivered(camera, { plate: truck.plate, colour: truck.colour });
    const passed = await expectEventually(async () => {
      const reply = await ledger('passages?limit=50');
      const plates = (reply.body.items as Json[]).map((p) => p.plate);
      for (const truck of PASSING) expect(plates).toContain(truck.plate);
      return reply.body.items as Json[];
    });
    const arrivedAt = Math.min(
      ...passed
        .filter((p) => PASSING.some((t) => t.plate === p.plate))
        .map((p) => Date.parse(p.entryCapturedAt)),
    );

    // The city's red alert of five whole minutes around the arrivals (alerts in the past cannot be
    // set through the API, by design): the sample's only window is that alert.
    const alertFrom = new Date(Math.floor(arrivedAt / MINUTE) * MINUTE - 4 * MINUTE);
    const alertUntil = new Date(alertFrom.getTime() + 5 * MINUTE);
    await chain.ledgerSql(`DELETE FROM "alert_levels" WHERE "enterprise_id" = $1`, [enterpriseId]);
    await chain.ledgerSql(
      `INSERT INTO "alert_levels" ("id", "enterprise_id", "level", "reason", "set_by", "set_at")
       VALUES (gen_random_uuid(), $1, 'red', '重污染天气红色预警', 'city-admin-1', $2),
              (gen_random_uuid(), $1, 'none', NULL, 'city-admin-1', $3)`,
      [enterpriseId, alertFrom, alertUntil],
    );
    // The window must be over (and its last segment archived) before it is inspected.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, alertUntil.getTime() + 8_000 - Date.now())),
    );

    const period = { from: chinaDate(new Date(now - 30 * 24 * 3_600_000)), to: chinaDate(new Date()) };
    const request = { ...period, seed: 'e2e-month', passages: 10, windows: 2, windowMinutes: 5 };
    const first = await post('inspections', request);
    const again = await post('inspections', request);
    expect([first.status, again.status]).toEqual([201, 201]);
    const sample = (body: Json) => ({
      passages: body.passages.map((p: Json) => p.passageId),
      windows: body.windows.map((w: Json) => [w.from, w.until]),
    });
    expect(first.body.passages).toHaveLength(10);
    expect(sample(again.body)).toEqual(sample(first.body));
    expect(first.body.windowPlacement).toBe('alert');
    expect(sample(first.body).windows).toEqual([[alertFrom.toISOString(), alertUntil.toISOString()]]);
    const id = first.body.id as string;

    // The system reads the archived window and matches what it saw against the ledger.
    const window = await expectEventually(
      async () => {
        const view = await ledger(`inspections/${id}`);
        const scanned = view.body.windows[0];
        expect(scanned.scan?.status).toBe('done');
        return scanned;
      },
      { timeoutMs: 150_000, intervalMs: 1_000 },
    );
    const sightings = window.scan.sightings as Json[];
    const passageIds = new Map(passed.map((p) => [p.plate, p.id]));
    for (const truck of PASSING)
      expect(sightings.find((s) => s.plate === truck.plate)).toMatchObject({
        finding: 'in-ledger',
        passageId: passageIds.get(truck.plate),
      });
    expect(sightings.find((s) => s.plate === UNRECORDED.plate)).toMatchObject({
      finding: 'seen-without-passage',
      trusted: true,
      passageId: null,
    });
    expect(window.scan).toMatchObject({ seenWithoutPassage: 1, finding: 'vehicles-without-passage' });

    // The indicators read the archive's outages and the lane's violations (two trucks back to back
    // may be flagged as tailgating: the count is whatever barrier-control published).
    const violations = chain.tap
      .events('gate.violation.detected.v1')
      .filter((e) => e.payload.lane.enterpriseId === enterpriseId).length;
    const indicators = await expectEventually(async () => {
      const reply = await ledger(`inspections/${id}/indicators`);
      expect(reply.body.violations.total).toBe(violations);
      return reply.body;
    });
    expect(indicators.outages.status).toBe('available');

    // The inspector confirms: passages consistent, the window not (a truck the ledger lacks).
    for (const item of first.body.passages as Json[])
      expect((await ledger(`inspections/${id}/items/${item.itemId}`, verdict('consistent'))).status).toBe(
        200,
      );
    const windowVerdict = verdict('inconsistent', `${UNRECORDED.plate} 在视频中出现，台账无记录`);
    expect((await ledger(`inspections/${id}/items/${window.itemId}`, windowVerdict)).status).toBe(200);
    expect((await post(`inspections/${id}/close`, {})).status).toBe(200);

    // The report (PDF) and the evidence pack, verified offline with the cluster's public key.
    const report = await fetch(
      `${chain.urls.get('ledger')}/api/v1/enterprises/${enterpriseId}/inspections/${id}/report.pdf`,
      {
        headers: { authorization: await chain.bearer('city-admin', enterpriseId) },
      },
    );
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toContain('application/pdf');
    const requested = await post(`inspections/${id}/evidence-packs`, {});
    expect(requested.status).toBe(202);
    const pack = await expectEventually(
      async () => {
        const job = await ledger(`inspections/${id}/evidence-packs/${requested.body.packId}`);
        expect(job.body.state).toBe('done');
        return job.body;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const zip = Buffer.from(await (await fetch(pack.downloadUrl)).arrayBuffer());
    const packFile = join(work, 'pack.zip');
    await writeFile(packFile, zip);
    const verifyPack = (file: string) =>
      ServiceProcess.run({
        app: 'ledger',
        env: {},
        args: ['--verify-pack', file, '--public-key', publicKeyFile],
      });
    await verifyPack(packFile);

    const tampered = Buffer.from(zip);
    const middle = Math.floor(tampered.length / 2);
    tampered.writeUInt8(tampered.readUInt8(middle) ^ 0x01, middle);
    await writeFile(join(work, 'tampered.zip'), tampered);
    await expect(verifyPack(join(work, 'tampered.zip'))).rejects.toThrow(/exited 1/);
    expect(Buffer.compare(await readFile(packFile), zip)).toBe(0);

    // A superuser edits a sampled passage in the database: verification names it.
    const edited = first.body.passages[0].passageId as string;
    await chain.ledgerSql(`UPDATE "passages" SET "plate" = '冀Z99999' WHERE "id" = $1`, [edited]);
    const verified = await ledger('chain/verify');
    expect(verified.status).toBe(200);
    expect(JSON.stringify(verified.body)).toContain(edited);
  });
});

function verdict(value: 'consistent' | 'inconsistent', note?: string): RequestInit {
  return {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ verdict: value, ...(note ? { note } : {}) }),
  };
}
