// `npm run bench:upload [records]` (default 100,000): seeds a backlog straight into a fresh
// database, starts the service against the simulator on loopback, and reports the time to drain
// it and the sustained records/s. Needs the local services (`npm run infra:up`).
import { randomUUID } from 'node:crypto';
import { TestIssuer } from '@ecogate/auth';
import { createDataSource, createTemporaryDatabase, runMigrations } from '@ecogate/persistence';
import { getJson, startPlatformSimulator } from '@ecogate/platform-simulator';
import { createLogger } from '@ecogate/telemetry';
import { kafkaClientOptions, loadInfraEnv } from '@ecogate/testing';
import { deriveSerial } from '../src/delivery/delivery-serial';
import { startUploadService } from '../src/start-upload-service';
import { aPassage, ENTERPRISES, serviceConfig, TEST_APP } from '../src/testing/upload-test-kit';
import { uploadEntities, uploadMigrations } from '../src/upload.data-source';

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 100_000);
  const infra = loadInfraEnv();
  const logger = createLogger({ service: 'bench-upload', level: 'silent' });
  const simulator = await startPlatformSimulator({
    apps: { [TEST_APP.appId]: TEST_APP.secret },
    logLevel: 'silent',
    maxRecords: 1_000,
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
    const enterprises = Object.keys(ENTERPRISES);
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
    const service = await startUploadService(
      serviceConfig({
        databaseUrl: database.url,
        ...kafkaClientOptions(infra),
        topicPrefix: `bench-${randomUUID().slice(0, 8)}.`,
        platformUrl: simulator.httpUrl,
        requestTimeoutMs: 10_000,
      }),
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
      `drained ${total} records (${enterprises.length} enterprises, batches of 100) in ${seconds.toFixed(1)} s ` +
        `(boot included): ${(total / seconds).toFixed(0)} records/s`,
    );
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
