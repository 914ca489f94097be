/**
 * `npm run bench:inspection`: an inspection of a month of one enterprise, against the Postgres,
 * Kafka and MinIO of `npm run infra:up`.
 *
 * Seeds ≈3 000 passages over 30 days (SQL), gives each entry a scene and a plate photo (real
 * JPEGs in MinIO, made with ffmpeg), chains every passage (the hash chain as the intake writes
 * it) and signs the day's root. A local HTTP server answers the video archive's clips contract
 * with two real small MP4s (ffmpeg) per passage. Then, three times: the sample (10 passages + 3
 * windows, `POST …/inspections`), the report (`GET …/report.pdf`), the evidence pack (POST to
 * `done`), its download and offline verification. Prints the medians.
 */
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseEnterpriseId } from '@ecogate/persistence';
import { createObjectStorage } from '@ecogate/storage';
import { minioTestStorage } from '@ecogate/testing';
import { chainRecord } from '../src/chain/append-to-chain';
import { signChainRoots } from '../src/chain/chain-roots';
import { chainSignerFromPem } from '../src/chain/chain-signing';
import { DEFAULT_EXPORT_CONFIG } from '../src/export/export.config';
import { verifyPack } from '../src/evidence-pack/verify-pack';
import { startLedgerHarness } from '../src/testing/ledger-harness';
import { seedSyntheticLedger } from '../src/testing/synthetic-ledger';
import { VideoArchiveClient } from '../src/video-archive/video-archive.client';

const ENTERPRISE = 'bench-inspection-ent';
const PASSAGES = 3_000;
const MONTH_FROM = '2026-11-01';
const MONTH_TO = '2026-11-30';
const RUNS = 3;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

function media(dir: string): { scene: Buffer; plate: Buffer; mp4: Buffer[] } {
  const ffmpeg = (args: string[]) => execFileSync('ffmpeg', ['-loglevel', 'error', '-y', ...args]);
  const still = (name: string, size: string) => {
    const file = join(dir, `${name}.jpg`);
    ffmpeg(['-f', 'lavfi', '-i', `testsrc=size=${size}`, '-frames:v', '1', file]);
    return readFileSync(file);
  };
  const mp4 = ['in', 'out'].map((direction, i) => {
    const file = join(dir, `${direction}.mp4`);
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      `testsrc=size=640x360:rate=10:duration=${8 + i * 4}`,
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      file,
    ]);
    return readFileSync(file);
  });
  return { scene: still('scene', '1280x720'), plate: still('plate', '320x100'), mp4 };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-inspection-'));
  const { scene, plate, mp4 } = media(dir);
  // The archive's clips contract: both directions archived, bytes from this server.
  const server = createServer((req, res) => {
    const media = /^\/media\/(\d)\.mp4$/.exec(req.url ?? '');
    if (media) return void res.writeHead(200, { 'content-type': 'video/mp4' }).end(mp4[Number(media[1])]);
    if (!/\/passages\/[^/]+\/clips$/.test(req.url ?? '')) return void res.writeHead(404).end();
    const now = new Date().toISOString();
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify(
        mp4.map((clip, i) => ({
          clipId: randomUUID(),
          direction: i ? 'out' : 'in',
          cameraId: 'cam-1',
          status: 'archived',
          actual: { from: now, to: now },
          sha256: sha256(clip),
          bytes: clip.length,
          url: `${url}/media/${i}.mp4`,
        })),
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signer = chainSignerFromPem(
    generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
    'bench',
  );
  const h = await startLedgerHarness({
    chain: { signer, rootsIntervalMs: 0 },
    videoArchive: new VideoArchiveClient({
      baseUrl: url,
      timeoutMs: 10_000,
      token: { header: () => Promise.resolve('Bearer bench') },
    }),
    exports: { ...DEFAULT_EXPORT_CONFIG, pollIntervalMs: 50 },
  });
  try {
    const db = h.service.dataSource;
    const seedStarted = performance.now();
    await seedSyntheticLedger(db.manager, {
      enterprises: [ENTERPRISE],
      perEnterprise: PASSAGES,
      from: new Date(`${MONTH_FROM}T00:00:00+08:00`),
      days: 30,
      plates: 300,
    });
    const bucket = `bench-photos-${randomUUID().slice(0, 8)}`;
    const photos = createObjectStorage(minioTestStorage());
    await photos.ensureBucket(bucket);
    const ref = (key: string, data: Buffer) => ({
      bucket,
      key,
      sha256: sha256(data),
      contentType: 'image/jpeg',
      bytes: data.length,
    });
    const ids = (await db.query(
      `SELECT "id", "captured_at" FROM "passages" WHERE "enterprise_id" = $1 ORDER BY "captured_at", "id"`,
      [ENTERPRISE],
    )) as { id: string; captured_at: Date }[];
    for (let i = 0; i < ids.length; i += 50) {
      await Promise.all(
        ids
          .slice(i, i + 50)
          .flatMap(({ id }) => [
            photos.put(bucket, `scene/${id}.jpg`, scene, { contentType: 'image/jpeg' }),
            photos.put(bucket, `plate/${id}.jpg`, plate, { contentType: 'image/jpeg' }),
          ]),
      );
    }
    await db.query(
      `UPDATE "passages" SET "entry_photos" = jsonb_build_object(
          'vehicle', $2::jsonb || jsonb_build_object('key', 'scene/' || "id" || '.jpg'),
          'plate', $3::jsonb || jsonb_build_object('key', 'plate/' || "id" || '.jpg'))
        WHERE "enterprise_id" = $1`,
      [ENTERPRISE, JSON.stringify(ref('', scene)), JSON.stringify(ref('', plate))],
    );
    // Chained as the intake chains them, in capture order, 100 to a transaction; today's root signed.
    const enterpriseId = parseEnterpriseId(ENTERPRISE);
    for (let i = 0; i < ids.length; i += 100)
      await db.transaction(async (tx) => {
        for (const { id, captured_at } of ids.slice(i, i + 100))
          await chainRecord(tx, enterpriseId, 'passage-created', { table: 'passages', id }, captured_at);
      });
    await signChainRoots(db, signer, new Date(Date.now() + 86_400_000));
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const inspector = h.as({ role: 'inspector', subject: 'bench-inspector', enterprises: [ENTERPRISE] });
    const post = (path: string, body?: unknown) =>
      inspector(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const rows: {
      sample: number;
      report: number;
      pack: number;
      download: number;
      verify: number;
      bytes: number;
      files: number;
    }[] = [];
    for (let run = 0; run < RUNS; run++) {
      let t = performance.now();
      const created = await post(`/enterprises/${ENTERPRISE}/inspections`, {
        from: MONTH_FROM,
        to: MONTH_TO,
        seed: `bench-${run}`,
        passages: 10,
        windows: 3,
      });
      if (created.status !== 201)
        throw new Error(`sample: ${created.status} ${JSON.stringify(created.body)}`);
      const sample = performance.now() - t;
      const base = `/enterprises/${ENTERPRISE}/inspections/${(created.body as { id: string }).id}`;
      t = performance.now();
      const report = await fetch(`${h.service.url}/api/v1${base}/report.pdf`, {
        headers: {
          authorization: await h.issuer.bearer({
            role: 'inspector',
            subject: 'bench-inspector',
            enterprises: [ENTERPRISE],
          }),
        },
      });
      await report.arrayBuffer();
      if (report.status !== 200) throw new Error(`report: ${report.status}`);
      const reportMs = performance.now() - t;
      t = performance.now();
      const queued = await post(`${base}/evidence-packs`);
      const packId = (queued.body as { packId: string }).packId;
      let view: { state: string; error?: string; downloadUrl?: string; bytes?: number };
      do {
        await new Promise((resolve) => setTimeout(resolve, 50));
        view = (await inspector(`${base}/evidence-packs/${packId}`)).body as typeof view;
      } while (view.state === 'queued' || view.state === 'running');
      if (view.state !== 'done' || !view.downloadUrl)
        throw new Error(`pack: ${view.state} ${view.error ?? ''}`);
      const pack = performance.now() - t;
      t = performance.now();
      const zip = Buffer.from(await (await fetch(view.downloadUrl)).arrayBuffer());
      const download = performance.now() - t;
      t = performance.now();
      const verified = verifyPack(zip, signer.publicKeyPem);
      const verify = performance.now() - t;
      if (!verified.ok) throw new Error(`verify: ${verified.failures.join('; ')}`);
      rows.push({
        sample,
        report: reportMs,
        pack,
        download,
        verify,
        bytes: zip.length,
        files: verified.files,
      });
    }
    const line = (name: string, key: keyof (typeof rows)[number], unit = 'ms') =>
      `| ${name.padEnd(44)} | ${rows.map((r) => r[key].toFixed(0).padStart(7)).join(' | ')} | ${median(
        rows.map((r) => r[key]),
      )
        .toFixed(0)
        .padStart(7)} ${unit} |`;
    console.log(
      `\nInspection of one enterprise's month: ${PASSAGES} passages with photos, chained (seeded in ${seedSeconds.toFixed(1)} s);`,
    );
    console.log(
      `sample of 10 passages + 3 windows; clips: 2 real MP4s per passage (${mp4.map((m) => `${(m.length / 1024).toFixed(0)} KB`).join(' + ')}) from a local HTTP server.\n`,
    );
    console.log(
      `| ${'step'.padEnd(44)} | ${rows.map((_, i) => `run ${i + 1}`.padStart(7)).join(' | ')} | median     |`,
    );
    console.log(`|${'-'.repeat(46)}|${rows.map(() => '-'.repeat(9)).join('|')}|------------|`);
    console.log(line('sample (POST …/inspections, 10 + 3)', 'sample'));
    console.log(line('report (GET …/report.pdf)', 'report'));
    console.log(line('evidence pack (POST → done, report included)', 'pack'));
    console.log(line('download of the pack', 'download'));
    console.log(line('offline verification (verifyPack)', 'verify'));
    console.log(
      `| ${'sample + evidence pack'.padEnd(44)} | ${rows.map((r) => (r.sample + r.pack).toFixed(0).padStart(7)).join(' | ')} | ${median(
        rows.map((r) => r.sample + r.pack),
      )
        .toFixed(0)
        .padStart(7)} ms |`,
    );
    console.log(
      `| ${'pack size'.padEnd(44)} | ${rows.map((r) => `${(r.bytes / 1_048_576).toFixed(1)}M`.padStart(7)).join(' | ')} |            |`,
    );
    console.log(
      `| ${'files in the pack'.padEnd(44)} | ${rows.map((r) => String(r.files).padStart(7)).join(' | ')} |            |`,
    );
  } finally {
    await h.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
