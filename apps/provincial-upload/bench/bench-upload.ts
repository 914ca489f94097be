// `npm run bench:upload -- [records] [--enterprises N] [--concurrent N]` (defaults 100,000
// records of 2 enterprises, 4 drained at once): seeds a backlog straight into a fresh database,
// starts the service against the simulator on loopback, and reports the time to drain it, the
// sustained records/s, and whether each enterprise's records reached the platform in capture order.
// A city after a day-long outage: `-- 300000 --enterprises 1000`. Needs `npm run infra:up`.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { TestIssuer } from '@ecogate/auth';
import { createDataSource, createTemporaryDatabase, runMigrations } from '@ecogate/persistence';
import { getJson, startPlatformSimulator } from '@ecogate/platform-simulator';
import { createLogger } from '@ecogate/telemetry';
import { kafkaClientOptions, loadInfraEnv } from '@ecogate/testing';
import { deriveSerial } from '../src/delivery/delivery-serial';
import { startUploadService } from '../src/start-upload-service';
import { aPassage, serviceConfig, TEST_APP } from '../src/testing/upload-test-kit';
import { uploadEntities, uploadMigrations } from '../src/upload.data-source';

/** `count` enterprises, each with an HJ 608 code of its own (one credit code, a 3-digit unit number). */
function enterpriseCodes(count: number): Map<string, string> {
  if (!Number.isInteger(count) || count < 1 || count > 1_000) throw new Error('--enterprises: 1 to 1000');
  return new Map(
    Array.from({ length: count }, (_, i) => [`ent-${i}`, `91130200699229617X${String(i).padStart(3, '0')}P`]),
  );
}

/** Whether the platform received each enterprise's records in capture order (its arrival order). */
async function captureOrderKept(adminUrl: string, codes: Map<string, string>): Promise<string> {
  let outOfOrder = 0;
  for (const code of codes.values()) {
    const { records } = await getJson<{ records: { record: { capturedAt: string } }[] }>(
      `${adminUrl}/_sim/records?enterpriseCode=${code}`,
    );
    const times = records.map((r) => r.record.capturedAt);
    if (times.some((time, i) => i > 0 && time < (times[i - 1] ?? time))) outOfOrder += 1;
  }
  return outOfOrder === 0 ? `kept for all ${codes.size}` : `BROKEN for ${outOfOrder} of ${codes.size}`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { enterprises: { type: 'string', default: '2' }, concurrent: { type: 'string', default: '4' } },
  });
  const total = Number(positionals[0] ?? 100_000);
  const codes = enterpriseCodes(Number(values.enterprises));
  const concurrentEnterprises = Number(values.concurrent);
  const infra = loadInfraEnv();
  const logger = createLogger({ service: 'bench-upload', level: 'silent' });
  const simulator = await startPlatformSimulator({
    apps: { [TEST_APP.appId]: TEST_APP.secret },
    logLevel: 'silent',
    maxRecords: total, // every body kept: the capture-order check reads them back
    maxSerials: total + 1_000,
  });
  const database = await createTemporaryDatabase(infra.DATABASE_URL, 'upload_bench');
  // The operator API verifies tokens; the bench calls none, so a local issuer is all it needs.
  const issuer = await TestIssuer.start();
  try {
    const seed = createDataSource({
      url: database.url,
      entities: uploadEntities,
      migrations: uploadMigrations,
      logging: false,
    });
    await seed.initialize();
    await runMigrations(seed);
    const enterprises = [...codes.keys()];
    const t0 = Date.now() - 24 * 3_600_000;
    const seedStart = Date.now();
    for (let offset = 0; offset < total; offset += 5_000) {
      const passages = Array.from({ length: Math.min(5_000, total - offset) }, (_, i) =>
        aPassage({
          enterpriseId: enterprises[(offset + i) % enterprises.length] ?? 'ent-a',
          passageId: `bench-${offset + i}`,
          capturedAt: new Date(t0 + (offset + i) * 100).toISOString(),
        }),
      );
      await seed.query(
        `INSERT INTO "upload_deliveries" ("serial", "enterprise_id", "passage_id", "direction", "revision", "captured_at", "passage")
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::jsonb[])`,
        [
          passages.map((p) => deriveSerial(p)),
          passages.map((p) => p.enterpriseId),
          passages.map((p) => p.passageId),
          passages.map((p) => p.direction),
          passages.map((p) => p.revision),
          passages.map((p) => p.capturedAt),
          passages.map((p) => JSON.stringify(p)),
        ],
      );
    }
    await seed.destroy();
    console.log(`seeded ${total} pending records in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

    const started = Date.now();
    const config = serviceConfig({
      databaseUrl: database.url,
      ...kafkaClientOptions(infra),
      topicPrefix: `bench-${randomUUID().slice(0, 8)}.`,
      platformUrl: simulator.httpUrl,
      requestTimeoutMs: 10_000,
    });
    const service = await startUploadService(
      { ...config, delivery: { ...config.delivery, enterpriseCodes: codes, concurrentEnterprises } },
      issuer.verifierOptions,
      logger,
    );
    let accepted = 0;
    let lastReport = Date.now();
    while (accepted < total) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      accepted = (await getJson<{ accepted: number }>(`${simulator.adminUrl}/_sim/stats`)).accepted;
      if (Date.now() - lastReport > 5_000) {
        lastReport = Date.now();
        console.log(
          `  ${accepted}/${total} acknowledged after ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      }
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `drained ${total} records (${enterprises.length} enterprises, ${concurrentEnterprises} at once, batches of 100) ` +
        `in ${seconds.toFixed(1)} s (boot included): ${(total / seconds).toFixed(0)} records/s`,
    );
    console.log(`capture order per enterprise: ${await captureOrderKept(simulator.adminUrl, codes)}`);
    await service.close();
  } finally {
    await issuer.close();
    await simulator.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
