import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEnvelope, type EventContext } from '@ecogate/messaging';
import { createObjectStorage } from '@ecogate/storage';
import { createLogger } from '@ecogate/telemetry';
import { minioTestStorage } from '@ecogate/testing';
import { signChainRoots, shanghaiDay } from '../chain/chain-roots';
import { chainSignerFromPem } from '../chain/chain-signing';
import { DEFAULT_EXPORT_CONFIG } from '../export/export.config';
import { inspectionSchema } from '../inspection/inspection-responses';
import { RecordDecisionService } from '../record-decision/record-decision.service';
import { type Api, type LedgerHarness, startLedgerHarness } from '../testing/ledger-harness';
import { aDecision, memberOf, type TestCaller } from '../testing/ledger-test-kit';
import { pdfText } from '../testing/pdf-text';
import { VideoArchiveClient } from '../video-archive/video-archive.client';
import { readZip } from './canonical-zip';
import { evidencePackSchema, type EvidencePackView } from './evidence-pack.schemas';
import { verifyPackCommand } from './verify-pack-command';

jest.setTimeout(120_000);

// An inspection's report and evidence pack against the whole service (real Postgres and MinIO):
// passages with photos recorded through the intake (so chained), a signed daily root, a sample
// marked and closed, the report downloaded, the pack built (waiting out a video archive outage)
// and verified offline; one flipped byte fails it.

const ENTERPRISE = 'ent-evidence';
const inspector: TestCaller = { role: 'inspector', subject: 'inspector-3', enterprises: [ENTERPRISE] };
const signer = chainSignerFromPem(
  generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
  'cluster-it',
);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const context = (): EventContext => ({
  topic: 'gate.barrier.decided.v1',
  partition: 0,
  offset: '0',
  key: null,
  attempt: 1,
  claim: () => Promise.resolve(true),
});

/** Answers the archive's clips contract: one archived clip for the first passage, pending for the second, 503 while down. */
class FakeArchive {
  down = true;
  requests = 0;
  readonly clip = Buffer.from('\x00\x00\x00\x18ftypmp42 a tiny stand-in for an MP4', 'latin1');
  readonly clipId = randomUUID();
  private server!: Server;
  url = '';
  archived = '';
  pending = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.requests++;
      if (this.down) return void res.writeHead(503).end();
      if (req.url === `/media/${this.clipId}.mp4`)
        return void res.writeHead(200, { 'content-type': 'video/mp4' }).end(this.clip);
      const id = /\/passages\/([^/]+)\/clips$/.exec(req.url ?? '')?.[1];
      const window = { from: new Date().toISOString(), to: new Date().toISOString() };
      const body =
        id === this.archived
          ? [
              {
                clipId: this.clipId,
                direction: 'in',
                cameraId: 'cam-1',
                status: 'archived',
                actual: window,
                sha256: sha256(this.clip),
                bytes: this.clip.length,
                url: `${this.url}/media/${this.clipId}.mp4`,
              },
            ]
          : id === this.pending
            ? [
                {
                  clipId: randomUUID(),
                  direction: 'in',
                  cameraId: 'cam-1',
                  status: 'pending',
                  reason: 'segment not closed yet',
                },
              ]
            : undefined;
      if (!body) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('inspection report and evidence pack', () => {
  const archive = new FakeArchive();
  const photosBucket = `ledger-it-photos-${randomUUID().slice(0, 8)}`;
  const photos = createObjectStorage(minioTestStorage());
  let h: LedgerHarness;
  let asInspector: Api;
  let dir: string;
  const passageIds: string[] = [];
  /** The Shanghai day inspected, fixed when the passages are seeded. */
  let today: string;

  beforeAll(async () => {
    await archive.start();
    dir = await mkdtemp(join(tmpdir(), 'evidence-pack-'));
    h = await startLedgerHarness({
      chain: { signer, rootsIntervalMs: 0 },
      videoArchive: new VideoArchiveClient({
        baseUrl: archive.url,
        timeoutMs: 2_000,
        token: { header: () => Promise.resolve('Bearer ledger') },
      }),
      evidencePacks: { archiveWait: { retryMs: 50, maxWaitMs: 60_000 } },
      exports: { ...DEFAULT_EXPORT_CONFIG, pollIntervalMs: 100, staleAfterMs: 10_000 },
    });
    asInspector = h.as(inspector);
    await photos.ensureBucket(photosBucket);
    const record = new RecordDecisionService(
      h.service.dataSource,
      createLogger({ service: 'it', level: 'silent' }),
    );
    // Six passages of the last hour, all on today's Shanghai day (the inspected period): just after
    // midnight there, they are packed into the minutes since it.
    const now = Date.now();
    today = shanghaiDay(new Date(now));
    const first = Math.max(now - 60 * 60_000, Date.parse(`${today}T00:00:00+08:00`));
    const step = Math.min(60_000, Math.floor((now - first) / 7));
    for (let n = 0; n < 6; n++) {
      const decisionId = `d-${randomUUID()}`;
      const image = async (kind: string) => {
        const data = Buffer.from(`${kind} photo of passage ${n}`);
        const key = `${kind}/${decisionId}.jpg`;
        await photos.put(photosBucket, key, data, { contentType: 'image/jpeg' });
        return {
          bucket: photosBucket,
          key,
          sha256: sha256(data),
          contentType: 'image/jpeg',
          bytes: data.length,
        };
      };
      const decision = aDecision({
        enterpriseId: ENTERPRISE,
        decisionId,
        plate: { text: `冀B1000${n}`, colour: 'yellow' },
        capturedAt: new Date(first + (n + 1) * step).toISOString(),
        images: { scene: await image('scene'), plate: await image('plate') },
      });
      await record.execute(
        buildEnvelope('gate.barrier.decided.v1', {
          enterpriseId: ENTERPRISE,
          key: ENTERPRISE,
          payload: decision,
        }),
        context(),
      );
    }
    passageIds.push(
      ...(
        (await h.service.dataSource.query(`SELECT "id" FROM "passages" WHERE "enterprise_id" = $1`, [
          ENTERPRISE,
        ])) as { id: string }[]
      ).map((r) => r.id),
    );
    // Today's root, as the job signs it once the day is over.
    await signChainRoots(h.service.dataSource, signer, new Date(Date.now() + 86_400_000));
  });

  afterAll(async () => {
    await h?.close();
    await archive.close();
    await rm(dir, { recursive: true, force: true });
  });

  const json = (method: string, body?: unknown): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

  it('reports and packs a closed inspection that anyone can verify offline; one changed byte fails it', async () => {
    expect(passageIds).toHaveLength(6);
    const created = inspectionSchema.parse(
      (
        await asInspector(
          `/enterprises/${ENTERPRISE}/inspections`,
          json('POST', { from: today, to: today, seed: 'pack', passages: 5, windows: 2, windowMinutes: 5 }),
        )
      ).body,
    );
    // Each sampled passage's chain proof in the view: its links, linked up to today's signed root.
    for (const item of created.passages)
      expect(item.chainProof).toMatchObject({
        entries: expect.arrayContaining([
          expect.objectContaining({ kind: 'passage-created', hash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
        ]),
        linked: true,
        root: { day: today, keyId: signer.keyId, verified: true },
        problems: [],
      });
    const base = `/enterprises/${ENTERPRISE}/inspections/${created.id}`;
    for (const item of [...created.passages, ...created.windows]) {
      const mark =
        item.position === 0 && 'passageId' in item
          ? { verdict: 'inconsistent', note: '随车清单缺失' }
          : { verdict: 'consistent' };
      expect((await asInspector(`${base}/items/${item.itemId}`, json('PUT', mark))).status).toBe(200);
    }
    expect((await asInspector(`${base}/close`, json('POST'))).status).toBe(200);
    const sampled = created.passages.map((p) => p.passageId);
    archive.archived = sampled[0]!;
    archive.pending = sampled[1]!;

    // The report, straight from the route: a PDF whose text is the Chinese report.
    const report = await fetch(`${h.service.url}/api/v1${base}/report.pdf`, {
      headers: { authorization: await h.issuer.bearer(inspector) },
    });
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toBe('application/pdf');
    const reportText = pdfText(Buffer.from(await report.arrayBuffer())).replace(/\n/g, '');
    for (const expected of [
      '重污染天气应急运输核查报告',
      ENTERPRISE,
      'inspector-3',
      '随车清单缺失',
      '未发现篡改',
      '尚未生成',
    ])
      expect(reportText).toContain(expected);

    // The pack: queued (202), built in the background while the archive is down, then up.
    const queued = await asInspector(`${base}/evidence-packs`, json('POST'));
    expect(queued.status).toBe(202);
    const packId = evidencePackSchema.parse(queued.body).packId;
    const seen: EvidencePackView[] = [];
    let view: EvidencePackView;
    for (;;) {
      view = evidencePackSchema.parse((await asInspector(`${base}/evidence-packs/${packId}`)).body);
      seen.push(view);
      if (view.activity?.startsWith('waiting for the video archive')) archive.down = false;
      if (view.state === 'done' || view.state === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(view).toMatchObject({
      state: 'done',
      progress: 1,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(seen.some((v) => v.state === 'running' && v.progress > 0 && v.progress < 1)).toBe(true);
    expect(archive.down).toBe(false); // it waited for the archive instead of packing without clips

    const pack = Buffer.from(await (await fetch(view.downloadUrl!)).arrayBuffer());
    expect({ bytes: pack.length, sha256: sha256(pack) }).toEqual({ bytes: view.bytes, sha256: view.sha256 });
    const files = new Map(readZip(pack).map((e) => [e.name, e.data]));
    for (const id of sampled) {
      expect(files.has(`records/passages/${id}.json`)).toBe(true);
      expect(files.get(`photos/${id}-entry-scene.jpg`)?.toString()).toMatch(/^scene photo of passage \d$/);
    }
    expect(files.get(`clips/${sampled[0]}-in-${archive.clipId}.mp4`)).toEqual(archive.clip);
    const missing = JSON.parse(files.get('clips/MISSING.json')!.toString()) as {
      passageId: string;
      status: string;
    }[];
    expect(missing.map((m) => [m.passageId, m.status])).toEqual([
      [sampled[1], 'pending'],
      ...sampled.slice(2).map((id) => [id, 'unknown-to-archive']),
    ]);
    expect(pdfText(files.get('report.pdf')!).replace(/\n/g, '')).toContain('核查概况');

    // Offline, with the CLI's own function: verified with the cluster key; one byte flipped is not.
    const packFile = join(dir, 'pack.zip');
    const keyFile = join(dir, 'cluster.pub.pem');
    await writeFile(packFile, pack);
    await writeFile(keyFile, signer.publicKeyPem);
    const out: string[] = [];
    expect(verifyPackCommand(['--verify-pack', packFile, '--public-key', keyFile], (t) => out.push(t))).toBe(
      0,
    );
    expect(out.join('')).toMatch(/^VERIFIED: /);
    // Nothing merely noted either: every sampled record's links reach today's signed root.
    expect(out.join('')).not.toMatch(/note /);
    const proof = JSON.parse(files.get('chain/proof.json')!.toString()) as {
      roots: unknown[];
      records: { seqs: number[] }[];
    };
    expect(proof.roots.length).toBeGreaterThan(0);
    expect(proof.records.every((r) => r.seqs.length > 0)).toBe(true);
    const flipped = Buffer.from(pack);
    const at = pack.indexOf(Buffer.from('随车清单缺失'));
    flipped.writeUInt8(flipped.readUInt8(at) ^ 0x01, at);
    await writeFile(packFile, flipped);
    out.length = 0;
    expect(verifyPackCommand(['--verify-pack', packFile, '--public-key', keyFile], (t) => out.push(t))).toBe(
      1,
    );
    expect(out.join('\n')).toMatch(
      /NOT VERIFIED[^]*FAIL zip: not the canonical ZIP[^]*FAIL records\/\S+: SHA-256 differs from SHA256SUMS/,
    );

    // Every report and pack is audited as its caller.
    const audited = (await h.service.dataSource.query(
      `SELECT "actor", "action" FROM "audit_log" WHERE "enterprise_id" = $1 AND "entity_type" = 'inspection' AND "entity_id" = $2 AND "action" IN ('report', 'evidence-pack-request', 'evidence-pack-built', 'evidence-pack-download') ORDER BY "at"`,
      [ENTERPRISE, created.id],
    )) as { actor: string; action: string }[];
    expect(new Set(audited.map((a) => `${a.actor} ${a.action}`))).toEqual(
      new Set([
        'inspector-3 report',
        'inspector-3 evidence-pack-request',
        'inspector-3 evidence-pack-built',
        'inspector-3 evidence-pack-download',
      ]),
    );

    // Who may read the inspection may have its report and packs; an inspector of other districts sees nothing.
    expect(
      (await h.as(memberOf(ENTERPRISE, 'enterprise-admin'))(`${base}/evidence-packs/${packId}`)).status,
    ).toBe(200);
    const stranger = h.as({ role: 'inspector', subject: 'inspector-9', enterprises: ['ent-other'] });
    expect((await stranger(`${base}/evidence-packs`, json('POST'))).status).toBe(404);
    expect((await asInspector(`${base}/evidence-packs/${randomUUID()}`)).status).toBe(404);
  });
});
