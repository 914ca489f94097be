/**
 * `tsx --tsconfig tsconfig.base.json apps/ledger/bench/bench-intake.ts [-- --decisions N --enterprises N --concurrency N]`:
 * how many barrier decisions per second the ledger's intake records (RecordDecisionService, each in
 * its own transaction, as the consumer runs it) on the Postgres of `npm run infra:up`, without
 * Kafka: the cost of the per-change work (passage row, claim, outbox, hash chain). Entries and
 * exits of distinct plates over a few enterprises, `concurrency` at once (LEDGER_INTAKE_CONCURRENCY).
 */
import { buildEnvelope, type EventContext } from '@ecogate/messaging';
import { createDataSource } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { loadInfraEnv } from '@ecogate/testing';
import { ledgerEntities, ledgerMigrations } from '../src/ledger.data-source';
import { RecordDecisionService } from '../src/record-decision/record-decision.service';
import { migratedDatabase } from '../src/testing/ledger-harness';
import { aDecision } from '../src/testing/ledger-test-kit';

const arg = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const DECISIONS = arg('decisions', 2_000);
const ENTERPRISES = arg('enterprises', 4);
const CONCURRENCY = arg('concurrency', 3);

const context = (): EventContext => ({
  topic: 'gate.barrier.decided.v1',
  partition: 0,
  offset: '0',
  key: null,
  attempt: 1,
  claim: () => Promise.resolve(true),
});

async function main(): Promise<void> {
  const database = await migratedDatabase(loadInfraEnv().DATABASE_URL, 'ledger_bench_intake');
  const db = createDataSource({
    url: database.url,
    entities: ledgerEntities,
    migrations: ledgerMigrations,
    logging: false,
  });
  await db.initialize();
  try {
    const service = new RecordDecisionService(db, createLogger({ service: 'bench', level: 'silent' }));
    const decisions = Array.from({ length: DECISIONS }, (_, i) => {
      const pair = Math.floor(i / 2);
      return aDecision({
        enterpriseId: `ent-bench-${pair % ENTERPRISES}`,
        direction: i % 2 === 0 ? 'in' : 'out',
        plate: { text: `冀B${String(pair).padStart(5, '0')}`, colour: 'yellow' },
      });
    });
    const record = (decision: (typeof decisions)[number]) =>
      service.execute(
        buildEnvelope('gate.barrier.decided.v1', {
          enterpriseId: decision.lane.enterpriseId,
          key: decision.lane.enterpriseId,
          payload: decision,
        }),
        context(),
      );
    // Warm-up: connections, plans.
    for (const decision of decisions.splice(0, 40)) await record(decision);
    const started = process.hrtime.bigint();
    let next = 0;
    const take = () => decisions.slice(next, (next += 2));
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        // Entry before exit of a plate: each worker takes the next pair.
        for (let pair = take(); pair.length > 0; pair = take()) {
          for (const decision of pair) await record(decision);
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(
      JSON.stringify({
        decisions: decisions.length,
        enterprises: ENTERPRISES,
        concurrency: CONCURRENCY,
        seconds: Number(seconds.toFixed(2)),
        decisionsPerSecond: Math.round(decisions.length / seconds),
      }),
    );
  } finally {
    await db.destroy();
    await database.drop();
  }
}

void main();
