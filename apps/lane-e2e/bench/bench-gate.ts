/**
 * `npm run bench:gate [-- --samples N] [--rounds N] [--lanes N] [--decisions N]`
 *
 * 1. Trigger → barrier command latency (camera push sent → ISAPI "open" received by the simulated
 *    camera) through the real chain (camera-ingest, barrier-control, ledger as processes), with the
 *    camera's own plate read and with server-side recognition (plate-recognition reads the snapshot;
 *    the camera's read is doubtful so only the server's read can lift the barrier), at 1 lane and
 *    at N concurrent lanes.
 * 2. Ledger ingest: decisions published to Kafka, each twice (idempotency), until that many
 *    passages exist; against a plain batched INSERT into the same Postgres in the same run.
 *
 * Uses the shared local services (`npm run infra:up`); topics, databases and enterprise are its own.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { scenePhoto } from '@ecogate/camera-simulator';
import { createKafka, KafkaEventPublisher } from '@ecogate/messaging';
import { createDataSource, createTemporaryDatabase } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { type InfraEnv, kafkaClientOptions, loadInfraEnv } from '@ecogate/testing';
import { BarrierClock } from '../src/harness/barrier-clock';
import { LaneChain } from '../src/harness/lane-chain';
import { type LatencySummary, summarise, table } from '../src/harness/latency-stats';
import { type EnterpriseSpec } from '../src/harness/lane-topology';
import { allowedEntry } from './decision-fixture';

interface Args {
  samples: number;
  rounds: number;
  lanes: number;
  decisions: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { samples: 20, rounds: 3, lanes: 50, decisions: 2000 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]?.replace(/^--/, '') as keyof Args | undefined;
    const value = Number(argv[i + 1]);
    if (name && name in args && Number.isInteger(value) && value > 0) {
      args[name] = value;
      i++;
    } else throw new Error(`unknown argument ${argv[i]} (see the header of bench-gate.ts)`);
  }
  return args;
}

const logger = createLogger({ service: 'bench-gate', level: 'silent' });
const say = (line: string) => process.stdout.write(`${line}\n`);
/** barrier-control's open cycle; Hikvision capture times have whole seconds, so a lane waits > 2 cycles. */
const OPEN_CYCLE_S = 1;
const LANE_PAUSE_MS = 2_100;

type Path = 'camera' | 'server';

/** One arrival per lane and round, lanes side by side; a lane waits out its barrier cycle between arrivals. */
async function measureLatency(
  chain: LaneChain,
  enterpriseId: string,
  lanes: number,
  rounds: number,
  path: Path,
) {
  const samples: number[] = [];
  let missed = 0;
  const prefix = path === 'camera' ? '冀F' : '冀G';
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      const camera = chain.camera(enterpriseId, laneId(lane));
      const clock = clocks.get(camera) ?? new BarrierClock(camera);
      clocks.set(camera, clock);
      for (let round = 0; round < rounds; round++) {
        const plate = `${prefix}${String(plateNo++).padStart(5, '0')}`;
        const opened = clock.count;
        const started = performance.now();
        // Server path: the camera reports what the server will read in the scene it sends, so the
        // two reads agree; a scene the server cannot read with trust is sent but not timed.
        const expected = path === 'server' ? sceneReads.get((camera.sent.length + 1) % SCENES) : undefined;
        const arrival =
          path === 'camera' ? { plate, colour: 'yellow' } : (expected ?? { plate, colour: 'yellow' });
        const result = await camera.arrive(arrival);
        if (result.status !== 200) throw new Error(`push refused: ${result.status} ${result.body}`);
        if (path === 'server' && !expected) {
          await sleep(LANE_PAUSE_MS);
          continue;
        }
        const at = await clock.openAt(opened, path === 'camera' ? 15_000 : 120_000);
        if (at === undefined) missed += 1;
        else samples.push(at - started);
        await sleep(LANE_PAUSE_MS);
      }
    }),
  );
  return summarise(samples, missed);
}
const clocks = new WeakMap<object, BarrierClock>();
/** Every arrival of the run has its own plate: a lane ignores a second read of the vehicle in front. */
let plateNo = 0;
/** The simulator's scene photos (`scenePhoto(captureId)`), and what the server reads in each with trust. */
const SCENES = 7;
const sceneReads = new Map<number, { plate: string; colour: string }>();

/** Asks plate-recognition (`POST /recognize`) which scenes it reads with trust, and as what. */
async function calibrateScenes(recognitionUrl: string, authorization: string): Promise<void> {
  for (let i = 0; i < SCENES; i++) {
    const response = await fetch(`${recognitionUrl}/recognize`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', authorization },
      body: scenePhoto(i),
    });
    const result = (await response.json()) as {
      kind: string;
      plates?: { text: string; verdict: string; colour: string }[];
    };
    const trusted = result.plates?.find((p) => p.verdict === 'trusted');
    if (trusted) sceneReads.set(i, { plate: trusted.text, colour: trusted.colour });
  }
  say(
    `  server reads ${sceneReads.size}/${SCENES} scenes with trust: ${[...sceneReads.values()].map((r) => r.plate).join(' ')}`,
  );
}
const laneId = (i: number) => `l${String(i + 1).padStart(2, '0')}-in`;

function enterprise(id: string, lanes: number): EnterpriseSpec {
  return {
    enterpriseId: id,
    alertLevel: 'none',
    lanes: Array.from({ length: lanes }, (_, i) => ({
      gateId: `g${i + 1}`,
      laneId: laneId(i),
      direction: 'in' as const,
    })),
  };
}

async function latencyRuns(infra: InfraEnv, args: Args, path: Path): Promise<[string, LatencySummary][]> {
  const id = `bench-${path}-${randomUUID().slice(0, 6)}`;
  const chain = await LaneChain.start({
    infra,
    brokers: infra.KAFKA_BROKERS,
    enterprises: [enterprise(id, args.lanes)],
    plateRecognition: path === 'server',
    openCycleSeconds: OPEN_CYCLE_S,
    // Camera path: a site without server recognition acts on the camera's read at once; the server
    // path fuses the camera and server reads of a capture, as a site running plate-recognition does.
    barrierEnv: { BARRIER_FUSION_WAIT_MS: path === 'camera' ? '0' : '1500' },
    logger,
  });
  try {
    if (path === 'server')
      await calibrateScenes(
        chain.urls.get('plate-recognition') ?? '',
        await chain.bearer('city-operator', '*'),
      );
    // A first arrival warms every process up (JIT, connections) and is not counted.
    await measureLatency(chain, id, 1, 1, path);
    const one = await measureLatency(chain, id, 1, args.samples, path);
    say(`  ${path}, 1 lane: done`);
    const many = await measureLatency(
      chain,
      id,
      args.lanes,
      path === 'camera' ? args.rounds : Math.max(1, args.rounds - 1),
      path,
    );
    say(`  ${path}, ${args.lanes} lanes: done`);
    return [
      [`${path} read, 1 lane`, one],
      [`${path} read, ${args.lanes} lanes`, many],
    ];
  } finally {
    await chain.stop();
  }
}

interface Throughput {
  readonly label: string;
  readonly rows: number;
  readonly seconds: number;
}

/** Decisions (each delivered twice) → ledger passages, on a chain with the ledger only listening. */
async function ledgerIngest(infra: InfraEnv, args: Args): Promise<Throughput> {
  const id = `bench-ledger-${randomUUID().slice(0, 6)}`;
  const chain = await LaneChain.start({
    infra,
    brokers: infra.KAFKA_BROKERS,
    enterprises: [enterprise(id, 1)],
    logger,
  });
  const messaging = {
    ...kafkaClientOptions(infra),
    clientId: 'bench-gate',
    topicPrefix: chain.topicPrefix,
    logger,
  };
  const publisher = new KafkaEventPublisher(createKafka(messaging), messaging);
  await publisher.connect();
  try {
    const decisions = Array.from({ length: args.decisions }, (_, i) =>
      allowedEntry(id, `冀H${String(i).padStart(5, '0')}`, `l${String(i % 12).padStart(2, '0')}-in`),
    );
    const started = performance.now();
    for (let i = 0; i < decisions.length; i += 200) {
      const batch = decisions.slice(i, i + 200);
      // Each decision twice, in two envelopes: the ledger must record it once.
      await Promise.all(
        [...batch, ...batch].map((payload) =>
          publisher.publish('gate.barrier.decided.v1', {
            enterpriseId: id,
            key: payload.lane.laneId,
            payload,
          }),
        ),
      );
    }
    let rows = 0;
    while (rows < args.decisions) {
      const [row] = await chain.ledgerQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM passages WHERE enterprise_id = $1`,
        [id],
      );
      rows = row?.n ?? 0;
      if (performance.now() - started > 600_000) throw new Error(`ledger stopped at ${rows} passages`);
      if (rows < args.decisions) await sleep(50);
    }
    const seconds = (performance.now() - started) / 1000;
    await sleep(2_000);
    const [after] = await chain.ledgerQuery<{ n: number; plates: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT plate)::int AS plates FROM passages WHERE enterprise_id = $1`,
      [id],
    );
    if (after?.n !== args.decisions || after.plates !== args.decisions) {
      throw new Error(`idempotency broken: ${JSON.stringify(after)} for ${args.decisions} decisions`);
    }
    return { label: `ledger: ${args.decisions} decisions x2 via Kafka`, rows: args.decisions, seconds };
  } finally {
    await publisher.disconnect();
    await chain.stop();
  }
}

/** The floor: the same number of rows in one table, multi-row parameterised INSERTs of 500. */
async function plainInsert(infra: InfraEnv, args: Args): Promise<Throughput> {
  const database = await createTemporaryDatabase(infra.DATABASE_URL, 'bench_gate_plain');
  const db = createDataSource({ url: database.url, entities: [], migrations: [], name: 'bench-gate' });
  await db.initialize();
  try {
    await db.query(
      `CREATE TABLE plain_passages (id uuid PRIMARY KEY, enterprise_id text NOT NULL, plate text NOT NULL,
        captured_at timestamptz NOT NULL, photos jsonb NOT NULL)`,
    );
    const started = performance.now();
    for (let i = 0; i < args.decisions; i += 500) {
      const count = Math.min(500, args.decisions - i);
      const values: unknown[] = [];
      const tuples = Array.from({ length: count }, (_, j) => {
        values.push(
          randomUUID(),
          'bench',
          `冀H${String(i + j).padStart(5, '0')}`,
          new Date(),
          JSON.stringify({ scene: `k${i + j}` }),
        );
        const b = j * 5;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5})`;
      });
      await db.query(`INSERT INTO plain_passages VALUES ${tuples.join(', ')}`, values);
    }
    return {
      label: `plain batched INSERT (500/statement)`,
      rows: args.decisions,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await db.destroy();
    await database.drop();
  }
}

const ms = (value: number) => (Number.isNaN(value) ? '-' : value.toFixed(0));

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const infra = loadInfraEnv();
  const t0 = performance.now();
  say(`bench:gate  ${new Date().toISOString()}  ${JSON.stringify(args)}`);
  const latencies = [
    ...(await latencyRuns(infra, args, 'camera')),
    ...(await latencyRuns(infra, args, 'server')),
  ];
  say('  latency: done');
  const ingest = await ledgerIngest(infra, args);
  const plain = await plainInsert(infra, args);

  say('\nTrigger (camera push sent) → barrier "open" received at the camera, ms');
  say(
    table(
      ['path', 'n', 'missed', 'p50', 'p95', 'p99', 'max'],
      latencies.map(([label, s]) => [
        label,
        String(s.n),
        String(s.missed),
        ms(s.p50),
        ms(s.p95),
        ms(s.p99),
        ms(s.max),
      ]),
    ),
  );
  say('\nLedger ingest vs plain INSERT, same Postgres, same run');
  say(
    table(
      ['what', 'rows', 'seconds', 'rows/s'],
      [ingest, plain].map((t) => [
        t.label,
        String(t.rows),
        t.seconds.toFixed(2),
        (t.rows / t.seconds).toFixed(0),
      ]),
    ),
  );
  say(`\ntotal ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
