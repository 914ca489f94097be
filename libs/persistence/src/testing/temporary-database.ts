import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PersistenceError } from '../errors/persistence-error';

/** A throw-away database on the server of `adminUrl`, for a test file or a migration check. */
export interface TemporaryDatabase {
  readonly name: string;
  /** `adminUrl` pointing at the new database. */
  readonly url: string;
  /** Drops it, closing whatever connections are still open. */
  drop(): Promise<void>;
}

// Identifiers cannot be bound as parameters, so the name is generated and checked instead.
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates an empty database named `<prefix>_<time>_<random>` (the user of `adminUrl` needs
 * CREATEDB). The prefix lets a clean-up find databases left by a killed run.
 */
export async function createTemporaryDatabase(
  adminUrl: string,
  prefix = 'ecogate_tmp',
): Promise<TemporaryDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  if (!DATABASE_NAME.test(name)) {
    throw new PersistenceError('invalid-database-name', `Invalid temporary database name ${name}`);
  }
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      withAdminClient(adminUrl, async (client) => {
        // Not `WITH (FORCE)`: it also tries to terminate an autovacuum worker busy in the database,
        // which only a superuser may ("must be a member of the role whose process is being
        // terminated"; seen after tests that delete many rows). Close our own sessions instead;
        // DROP DATABASE stops autovacuum itself and waits for the sessions to go.
        await client.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = $1 AND pid <> pg_backend_pid() AND usename = current_user`,
          [name],
        );
        await client.query(`DROP DATABASE IF EXISTS "${name}"`);
      }),
  };
}

/** Runs `work` against a fresh database and drops it afterwards, even when `work` fails. */
export async function withTemporaryDatabase<T>(
  adminUrl: string,
  work: (database: TemporaryDatabase) => Promise<T>,
  prefix?: string,
): Promise<T> {
  const database = await createTemporaryDatabase(adminUrl, prefix);
  try {
    return await work(database);
  } finally {
    await database.drop();
  }
}

async function withAdminClient(adminUrl: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: adminUrl, application_name: 'ecogate-temporary-database' });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
