import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { embeddedTransport, type EventConsumer } from '@ecogate/messaging';
import { createLogger } from '@ecogate/telemetry';
import { CuttableProxy, expectEventually } from '@ecogate/testing';
import { describeMessagingTransportContract } from '@ecogate/messaging/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresProcessedEventStore } from '../idempotency/postgres-processed-event-store';
import { runMigrations } from '../migrations/migration-runner';
import { persistenceEntities, persistenceMigrations } from '../schema/persistence-schema';
import { openPostgresEventLog, type PostgresEventLog } from '../event-log/postgres-event-log';
import {
  type EmbeddedPostgres,
  EmbeddedPostgresError,
  startEmbeddedPostgres,
} from './embedded-postgres-server';

const logger = createLogger({ service: 'embedded-profile-spec', level: 'fatal' });
const EVENTS_DB = 'ecogate_events';
const REPO_ROOT = resolve(__dirname, '../../../..');

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('embedded profile on a real PostgreSQL from npm', () => {
  let home: string;
  let port: number;
  let server: EmbeddedPostgres;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'ecogate-home-'));
    // The server runs as `postgres` when the tests run as root: let it into the home.
    await import('node:fs/promises').then((fs) => fs.chmod(home, 0o755));
    port = await freePort();
    server = await startEmbeddedPostgres({ home, port, databases: [EVENTS_DB], logger });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await rm(home, { recursive: true, force: true });
  }, 60_000);

  describe('the server', () => {
    it('keeps its data across a restart', async () => {
      await query(server.url(EVENTS_DB), `CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)`);
      await server.stop();
      server = await startEmbeddedPostgres({ home, port, databases: [EVENTS_DB, 'ecogate_second'], logger });
      expect(await query(server.url(EVENTS_DB), `SELECT n FROM kept`)).toEqual([{ n: 42 }]);
      expect(await query(server.url('ecogate_second'), `SELECT current_database() AS db`)).toEqual([
        { db: 'ecogate_second' },
      ]);
    }, 120_000);

    it('refuses a port that is taken, naming it and how to choose another', async () => {
      const attempt = startEmbeddedPostgres({ home, port, databases: [], logger });
      await expect(attempt).rejects.toThrow(EmbeddedPostgresError);
      await expect(attempt).rejects.toThrow(new RegExp(`port ${port} .*ECOGATE_POSTGRES_PORT`));
    });

    it('listens on 127.0.0.1 only, with a password', async () => {
      const [row] = await query<{ listen: string }>(
        server.url('postgres'),
        `SELECT current_setting('listen_addresses') AS listen`,
      );
      expect(row!.listen).toBe('127.0.0.1');
      const wrong = new URL(server.url('postgres'));
      wrong.password = 'wrong';
      await expect(query(wrong.toString(), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
    });
  });

  describeMessagingTransportContract('embedded bus on the Postgres log', async () =>
    embeddedTransport(
      { topicPrefix: `c-${randomUUID().slice(0, 8)}.`, pollIntervalMs: 20 },
      { logger },
      await openPostgresEventLog(server.url(EVENTS_DB), logger),
    ),
  );

  describe('the Postgres log', () => {
    let log: PostgresEventLog;
    beforeAll(async () => {
      log = await openPostgresEventLog(server.url(EVENTS_DB), logger);
    });
    afterAll(() => log.close());

    it('gives dense offsets per partition under concurrent appends', async () => {
      const topic = `dense-${randomUUID()}`;
      await log.ensureTopics([{ name: topic, partitions: 2 }]);
      const offsets = await Promise.all(
        Array.from({ length: 40 }, (_, n) =>
          log.append(topic, n % 2, { key: null, value: `${n}`, headers: {} }),
        ),
      );
      const perPartition = [0, 1].map((p) =>
        offsets
          .filter((_, n) => n % 2 === p)
          .map((o) => o.offset)
          .sort((a, b) => a - b),
      );
      expect(perPartition).toEqual([0, 1].map(() => Array.from({ length: 20 }, (_, i) => i)));
      expect(await log.endOffset(topic, 1)).toBe(20);
    });

    it('deletes records past retention by age and by size; readers go on from the first kept', async () => {
      const topic = `retention-${randomUUID()}`;
      await log.ensureTopics([{ name: topic, partitions: 1 }]);
      for (let n = 0; n < 10; n++) await log.append(topic, 0, { key: 'k', value: `${n}`, headers: {} });
      await log.trimPartitions(4);
      expect((await log.read(topic, 0, 0, 100)).map((r) => r.value)).toEqual(['6', '7', '8', '9']);
      await log.deleteAppendedBefore(new Date(Date.now() + 1_000));
      expect(await log.read(topic, 0, 0, 100)).toEqual([]);
      await log.append(topic, 0, { key: 'k', value: 'after', headers: {} });
      expect(await log.read(topic, 0, 3, 100)).toMatchObject([{ offset: 10, value: 'after' }]);
    });

    it('lets one process at a time hold a consumer group; the next takes over on release', async () => {
      const other = await openPostgresEventLog(server.url(EVENTS_DB), logger);
      try {
        const first = await log.leaseGroup('leased-group', new AbortController().signal);
        let secondHeld = false;
        const second = other.leaseGroup('leased-group', new AbortController().signal).then((lease) => {
          secondHeld = true;
          return lease;
        });
        await new Promise((resolve) => setTimeout(resolve, 700));
        expect(secondHeld).toBe(false);
        await first.release();
        await (await second).release();
        expect(secondHeld).toBe(true);
      } finally {
        await other.close();
      }
    });

    it('reports a lease whose connection drops as lost, without an uncaught error; the group is free again', async () => {
      const target = new URL(server.url(EVENTS_DB));
      const proxy = await new CuttableProxy(target.hostname, Number(target.port)).start();
      const viaProxy = await openPostgresEventLog(proxy.url(server.url(EVENTS_DB)), logger);
      try {
        const lease = await viaProxy.leaseGroup('dropped-group', new AbortController().signal);
        proxy.cut();
        // pg reports the reset as an 'error' event of the idle client: the lease hears it (no crash).
        await expect(lease.lost).resolves.toHaveProperty(
          'message',
          expect.stringMatching(/ECONNRESET|ended|terminat/),
        );
        // Postgres ended the session, so another process takes the group at once.
        const next = await log.leaseGroup('dropped-group', AbortSignal.timeout(10_000));
        await next.release();
        await lease.release();
      } finally {
        proxy.restore();
        await viaProxy.close();
        await proxy.stop();
      }
    });

    it('refuses a topic nobody created', async () => {
      await expect(log.partitionCount(`missing-${randomUUID()}`)).rejects.toMatchObject({
        code: 'unknown-topic',
      });
    });
  });

  describe('a publisher killed with SIGKILL', () => {
    let child: ChildProcess | undefined;
    let consumer: EventConsumer | undefined;
    let dataSource: DataSource | undefined;

    afterEach(async () => {
      child?.kill('SIGKILL');
      await consumer?.stop();
      await dataSource?.destroy();
    });

    it('loses no acknowledged publish, and each is handled exactly once after restart', async () => {
      const topicPrefix = `crash-${randomUUID().slice(0, 8)}.`;
      const url = server.url(EVENTS_DB);
      dataSource = new DataSource({
        type: 'postgres',
        url,
        entities: [...persistenceEntities],
        migrations: [...persistenceMigrations],
      });
      await dataSource.initialize();
      await runMigrations(dataSource);
      const transport = embeddedTransport(
        { topicPrefix, pollIntervalMs: 20 },
        { logger },
        await openPostgresEventLog(url, logger),
      );
      const topic = 'camera.status.changed.v1';
      await transport.ensureTopics([{ name: transport.physicalTopic(topic) }]);

      const acked: string[] = [];
      // `node --import tsx` runs the script in this one process (the tsx CLI would fork a second
      // one, which SIGKILL to the first would leave running).
      child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'testing/crash-publisher.ts')], {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          TSX_TSCONFIG_PATH: 'tsconfig.base.json',
          EVENT_LOG_URL: url,
          TOPIC_PREFIX: topicPrefix,
          COUNT: '100000',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const lines = createInterface({ input: child.stdout! });
      const exited = new Promise((done) => child!.once('exit', done));
      // Killed in the middle of its publishes, while one is very likely in flight.
      lines.on('line', (line) => {
        if (line.startsWith('acked ')) acked.push(line.slice(6));
        if (acked.length === 300) child!.kill('SIGKILL');
      });
      await exited;
      expect(acked.length).toBeGreaterThanOrEqual(300);
      expect(acked.length).toBeLessThan(100_000);

      // "After restart": a fresh consumer group reading the log the killed process wrote.
      const store = new PostgresProcessedEventStore(dataSource);
      const handled: string[] = [];
      const groupId = `crash-reader-${randomUUID().slice(0, 8)}`;
      const handle = async (eventId: string, claim: () => Promise<boolean>): Promise<void> => {
        if (await claim()) handled.push(eventId);
      };
      const start = async (): Promise<EventConsumer> => {
        const c = transport.createConsumer({
          groupId,
          processedEvents: store,
          handlers: { [topic]: async (event, ctx) => handle(event.eventId, () => ctx.claim()) },
        });
        await transport.ensureTopics(c.topics().map((name) => ({ name })));
        await c.start();
        return c;
      };
      consumer = await start();
      await expectEventually(() => expect(handled.length).toBeGreaterThanOrEqual(acked.length / 2), {
        timeoutMs: 60_000,
      });
      // Stopped and started again half-way: offsets and claims carry over, nothing is handled twice.
      await consumer.stop();
      consumer = await start();
      await expectEventually(
        () => {
          for (const id of acked) expect(handled).toContain(id);
        },
        { timeoutMs: 60_000 },
      );
      expect(new Set(handled).size).toBe(handled.length);
      // At most the one publish in flight at the kill may have landed without being acknowledged.
      expect(handled.length - acked.length).toBeLessThanOrEqual(1);
      await transport.close();
    }, 180_000);
  });
});
