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
      withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
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
