import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { type Logger } from '@ecogate/telemetry';
import { Client } from 'pg';
import { loadEmbeddedPostgres } from './embedded-postgres-package';

/** Why the embedded server could not start or prepare a database; the message says what to do. */
export class EmbeddedPostgresError extends Error {
  constructor(
    readonly code: 'port-in-use' | 'start-failed' | 'invalid-database-name',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EmbeddedPostgresError';
  }
}

export interface EmbeddedPostgresOptions {
  /** The home folder (`ECOGATE_HOME`, default `./.ecogate`); data lives in `<home>/postgres`, kept across restarts. */
  readonly home: string;
  /** Port on 127.0.0.1 (`ECOGATE_POSTGRES_PORT`, default 5433 so a system Postgres on 5432 is left alone). */
  readonly port?: number;
  /** Databases the services need, created when missing (owned by the `ecogate` superuser). */
  readonly databases: readonly string[];
  readonly logger: Logger;
}

export interface EmbeddedPostgres {
  readonly port: number;
  readonly dataDirectory: string;
  /** `postgres://ecogate:…@127.0.0.1:<port>/<database>`: a secret, never log it. */
  url(database: string): string;
  /** Stops the server cleanly (a fast shutdown: running transactions roll back, committed data stays). */
  stop(): Promise<void>;
}

export const DEFAULT_EMBEDDED_POSTGRES_PORT = 5433;
const USER = 'ecogate';
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package (ADR 0008): initialised on
 * first start under `<home>/postgres` with a generated password kept next to it (mode 600), bound
 * to 127.0.0.1 only, no Unix socket. Logs each step; `stop()` shuts it down.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.logger.child({ component: 'embedded-postgres' });
  const port = options.port ?? DEFAULT_EMBEDDED_POSTGRES_PORT;
  for (const name of options.databases)
    if (!DATABASE_NAME.test(name))
      throw new EmbeddedPostgresError(
        'invalid-database-name',
        `invalid database name ${JSON.stringify(name)}`,
      );
  const home = resolve(options.home, 'postgres');
  const dataDirectory = join(home, 'data');
  await mkdir(home, { recursive: true });
  // Traversable, not listable: as root the server runs as `postgres`, which must reach its data
  // directory (itself 0700, Postgres insists) but not read the password file (0600) beside it.
  await chmod(home, 0o711);
  await assertPortFree(port);
  const password = await passwordOf(home);

  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  const lines: string[] = [];
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDirectory,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root: the package then runs it as the `postgres` user.
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      lines.push(String(message));
      if (lines.length > 50) lines.shift();
      log.debug({ postgres: String(message).trim() }, 'postgres');
    },
    onError: (error) => log.warn({ postgres: String(error) }, 'postgres error output'),
  });

  if (!existsSync(join(dataDirectory, 'PG_VERSION'))) {
    log.info({ dataDirectory }, 'initialising a new PostgreSQL data directory (first start)');
    await server.initialise();
  }
  log.info({ port, dataDirectory }, 'starting PostgreSQL');
  try {
    await server.start();
  } catch (error) {
    throw new EmbeddedPostgresError(
      'start-failed',
      `PostgreSQL did not start on 127.0.0.1:${port}: ${lines.slice(-5).join(' ').trim() || String(error)}`,
      { cause: error },
    );
  }
  const url = databaseUrls(password, port);
  try {
    await createMissingDatabases(url('postgres'), options.databases, log);
  } catch (error) {
    await server.stop();
    throw error;
  }
  log.info({ port, databases: options.databases }, 'PostgreSQL ready');
  return {
    port,
    dataDirectory,
    url,
    stop: async () => {
      log.info({ port }, 'stopping PostgreSQL');
      await server.stop();
      log.info({ port }, 'PostgreSQL stopped');
    },
  };
}

/** Fails with the port and the remedy, instead of the package's silent early exit. */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((done, fail) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        new EmbeddedPostgresError(
          'port-in-use',
          error.code === 'EADDRINUSE'
            ? `port ${port} on 127.0.0.1 is already in use (another PostgreSQL, or Ecogate already running); ` +
                'choose another with ECOGATE_POSTGRES_PORT=<port>'
            : `cannot listen on 127.0.0.1:${port} (${error.code ?? error.message})`,
          { cause: error },
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => done()));
  });
}

const databaseUrls =
  (password: string, port: number) =>
  (database: string): string =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

/**
 * The URLs of a server `startEmbeddedPostgres` runs for `home` in another process (e.g. the
 * launcher's, whose services connect to it): `postgres://ecogate:…@127.0.0.1:<port>/<database>`,
 * secrets, never to be logged.
 */
export async function embeddedPostgresUrls(
  home: string,
  port: number,
): Promise<(database: string) => string> {
  const file = join(resolve(home, 'postgres'), 'password');
  return databaseUrls((await readFile(file, 'utf8')).trim(), port);
}

/** The superuser's password: generated on first start, then read back. */
async function passwordOf(home: string): Promise<string> {
  const file = join(home, 'password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

async function createMissingDatabases(
  adminUrl: string,
  databases: readonly string[],
  log: Logger,
): Promise<void> {
  const client = new Client({ connectionString: adminUrl, application_name: 'ecogate-embedded-postgres' });
  await client.connect();
  try {
    for (const name of databases) {
      const found = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
      if (found.rowCount === 0) {
        // Identifiers cannot be parameters; the name matched DATABASE_NAME above.
        await client.query(`CREATE DATABASE "${name}"`);
        log.info({ database: name }, 'database created');
      }
    }
  } finally {
    await client.end();
  }
}
