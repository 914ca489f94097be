/**
 * `npm run bench:ledger-query [-- --passages N --enterprises N --samples N]`: the console's ledger
 * page (`GET /api/v1/enterprises/:id/passages`) against a large ledger, on the Postgres and Kafka
 * of `npm run infra:up`.
 *
 * Seeds 1 000 000 passages over 20 enterprises and 60 days (200 plates each, half registered) into
 * a temporary database with `generate_series`, starts the ledger service and times the search
 * through its HTTP API (token verification, policy, validation, query, JSON) and, for reference,
 * the query service alone: a 30-day window of one enterprise (chosen at random per call), the first
 * page and the cursor pages after it, without and with a plate filter. Cases take turns in slices,
 * so load from elsewhere on the machine falls on all alike. Target: p95 ≤ 100 ms. Prints a table,
 * the query plans, and writes JSON results to the OS temp directory.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestIssuer } from '@ecogate/auth';
import { createDataSource, type DataSource, parseEnterpriseId } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { kafkaClientOptions, loadInfraEnv } from '@ecogate/testing';
import { seedSyntheticLedger, syntheticPlate } from '../src/testing/synthetic-ledger';
import { ledgerEntities, ledgerMigrations } from '../src/ledger.data-source';
import { decodeCursor, QueryPassagesService } from '../src/query-passages/query-passages.service';
import { startLedgerService } from '../src/start-ledger-service';
import { migratedDatabase } from '../src/testing/ledger-harness';
import { serviceConfig } from '../src/testing/ledger-test-kit';

const arg = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const PASSAGES = arg('passages', 1_000_000);
const ENTERPRISES = arg('enterprises', 20);
const SAMPLES = arg('samples', 300);
const DAYS = 60;
const PLATES = 200;
const LIMIT = 50;
const WARMUP = 20;
const SLICE = 25;
const DAY = 86_400_000;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

interface Page {
  items: unknown[];
  nextCursor: string | null;
}

/** One timed call; returns the page so a case can follow its cursor. */
type Call = (query: Record<string, string>, enterprise: string) => Promise<Page>;

async function seed(url: string, enterprises: string[], from: Date): Promise<number> {
  const seeding = createDataSource({
    url,
    entities: ledgerEntities,
    migrations: ledgerMigrations,
    logging: false,
    slowQueryMs: 3_600_000,
  });
  await seeding.initialize();
  const started = Date.now();
  try {
    await seedSyntheticLedger(seeding.manager, {
      enterprises,
      perEnterprise: Math.round(PASSAGES / enterprises.length),
      from,
      days: DAYS,
      plates: PLATES,
    });
  } finally {
    await seeding.destroy();
  }
  return (Date.now() - started) / 1000;
}

/** The plan of the search's statement for one enterprise (as `PassageRepository.search` builds it). */
async function plan(
  dataSource: DataSource,
  enterprise: string,
  window: { from: string; to: string },
  plate?: string,
) {
  const rows: { 'QUERY PLAN': string }[] = await dataSource.query(
    `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF)
     SELECT p.* FROM "passages" p
      WHERE p."enterprise_id" = $1 AND p."captured_at" >= $2 AND p."captured_at" < $3
        ${plate ? 'AND p."plate" = $4' : ''}
      ORDER BY p."captured_at" DESC, p."id" DESC LIMIT ${LIMIT + 1}`,
    [enterprise, window.from, window.to, ...(plate ? [plate] : [])],
  );
  return rows.map((row) => row['QUERY PLAN']);
}

async function main(): Promise<void> {
  const infra = loadInfraEnv();
  const enterprises = Array.from({ length: ENTERPRISES }, (_, i) => `bench-q-${String(i).padStart(2, '0')}`);
  const now = Date.now();
  const from = new Date(now - DAYS * DAY);
  const window = { from: new Date(now - 30 * DAY).toISOString(), to: new Date(now).toISOString() };
  const database = await migratedDatabase(infra.DATABASE_URL, 'ledger_bench_query');
  const issuer = await TestIssuer.start();
  try {
    const seedSeconds = await seed(database.url, enterprises, from);
    console.log(
      `seeded ${PASSAGES} passages (${ENTERPRISES} enterprises × ${DAYS} days, ${PLATES} plates each) in ${seedSeconds.toFixed(0)} s`,
    );
    const service = await startLedgerService(
      serviceConfig({
        databaseUrl: database.url,
        ...kafkaClientOptions(infra),
        topicPrefix: `bench-${randomUUID().slice(0, 8)}.`,
        verifier: issuer.verifierOptions,
      }),
      createLogger({ service: 'bench-ledger-query', level: 'warn' }),
    );
    try {
      const authorization = await issuer.bearer({ role: 'city-admin', subject: 'bench' });
      const api: Call = async (query, enterprise) => {
        const response = await fetch(
          `${service.url}/api/v1/enterprises/${enterprise}/passages?${new URLSearchParams(query).toString()}`,
          { headers: { authorization } },
        );
        if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
        return (await response.json()) as Page;
      };
      const queries = new QueryPassagesService(service.dataSource);
      const direct: Call = async (query, enterprise) => {
        const page = await queries.search(parseEnterpriseId(enterprise), {
          from: new Date(query['from'] ?? ''),
          to: new Date(query['to'] ?? ''),
          limit: Number(query['limit']),
          ...(query['plate'] ? { plate: query['plate'] } : {}),
          ...(query['cursor'] ? { cursor: decodeCursor(query['cursor']) } : {}),
        });
        return page;
      };

      /** A case: the timed calls of one sample (the first page, or the cursor pages after it). */
      interface Case {
        readonly name: string;
        readonly samples: number[];
        readonly once: () => Promise<void>;
      }
      const timed = async (into: number[] | undefined, call: () => Promise<Page>): Promise<Page> => {
        const started = process.hrtime.bigint();
        const page = await call();
        into?.push(Number(process.hrtime.bigint() - started) / 1e6);
        return page;
      };
      const makeCase = (name: string, call: Call, withPlate: boolean, cursorPages: number): Case => {
        const samples: number[] = [];
        return {
          name,
          samples,
          once: async () => {
            const enterprise = pick(enterprises);
            const query: Record<string, string> = {
              ...window,
              limit: String(LIMIT),
              ...(withPlate ? { plate: syntheticPlate(Math.floor(Math.random() * PLATES)) } : {}),
            };
            let page = await timed(cursorPages === 0 ? samples : undefined, () => call(query, enterprise));
            for (let i = 0; i < cursorPages && page.nextCursor; i++) {
              const cursor = page.nextCursor;
              page = await timed(samples, () => call({ ...query, cursor }, enterprise));
            }
          },
        };
      };
      const cases: Case[] = [
        makeCase('API  first page, 30 days', api, false, 0),
        makeCase('API  cursor pages 2–5, 30 days', api, false, 4),
        makeCase('API  first page, 30 days, plate', api, true, 0),
        makeCase('API  cursor pages 2–3, 30 days, plate', api, true, 2),
        makeCase('query first page, 30 days', direct, false, 0),
        makeCase('query first page, 30 days, plate', direct, true, 0),
      ];
      for (const c of cases) for (let i = 0; i < WARMUP; i++) await c.once();
      for (const c of cases) c.samples.length = 0;
      const rounds = Math.ceil(SAMPLES / SLICE);
      for (let round = 0; round < rounds; round++)
        for (const c of cases) for (let i = 0; i < SLICE; i++) await c.once();

      const rows = cases.map((c) => {
        const sorted = [...c.samples].sort((a, b) => a - b);
        return {
          name: c.name,
          calls: sorted.length,
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          p99: percentile(sorted, 99),
          max: sorted[sorted.length - 1] ?? NaN,
        };
      });
      const width = Math.max(...rows.map((r) => r.name.length));
      const ms = (value: number) => value.toFixed(1).padStart(7);
      console.log(
        `\nledger page query, ${PASSAGES} passages, limit ${LIMIT} (${cpus().length} CPUs, load ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}); ms`,
      );
      console.log(`  ${'case'.padEnd(width)}  calls      p50      p95      p99      max  target p95 ≤ 100`);
      for (const r of rows)
        console.log(
          `  ${r.name.padEnd(width)}  ${String(r.calls).padStart(5)}  ${ms(r.p50)}  ${ms(r.p95)}  ${ms(r.p99)}  ${ms(r.max)}  ${r.p95 <= 100 ? 'ok' : 'MISSED'}`,
        );
      const plans = {
        firstPage: await plan(service.dataSource, enterprises[0] ?? '', window),
        firstPageWithPlate: await plan(service.dataSource, enterprises[0] ?? '', window, syntheticPlate(7)),
      };
      console.log(`\nplan, first page:\n  ${plans.firstPage.join('\n  ')}`);
      console.log(`\nplan, first page with plate:\n  ${plans.firstPageWithPlate.join('\n  ')}`);
      const out = join(tmpdir(), `ecogate-bench-ledger-query-${Date.now()}.json`);
      writeFileSync(
        out,
        JSON.stringify(
          {
            bench: 'ledger-query',
            at: new Date().toISOString(),
            passages: PASSAGES,
            enterprises: ENTERPRISES,
            days: DAYS,
            plates: PLATES,
            limit: LIMIT,
            seedSeconds,
            cpus: cpus().length,
            loadavg: loadavg(),
            results: rows,
            plans,
          },
          null,
          2,
        ),
      );
      console.log(`\nresults: ${out}`);
    } finally {
      await service.close();
    }
  } finally {
    await issuer.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
