// `npm run migrations:check`: fails (exit 1) when an entity change has no migration, or when a
// migration does not apply or revert cleanly on an empty database. Needs a Postgres user with
// CREATEDB: DATABASE_URL from the environment, else the one `npm run infra:up` wrote.
// App schemas are discovered (`apps/*/src/**/*.data-source.ts`, see registered-data-sources.ts); the
// npm script runs with the root tsconfig so tsx applies legacy decorators to those files too.
// eslint-disable-next-line @nx/enforce-module-boundaries -- a dev/CI script, not lib code: it may read the local infra env
import { loadInfraEnv } from '@ecogate/testing';
import { checkMigrations, type PersistenceLogger } from '../src';
import { discoverAppDataSources, registeredDataSources } from './registered-data-sources';

const quiet: PersistenceLogger = {
  debug: () => undefined,
  info: (fields, message) => console.log(`  ${message ?? ''}`, 'migration' in fields ? fields.migration : ''),
  warn: (fields, message) => console.warn(`  ${message ?? ''}`, fields),
  error: (fields, message) => console.error(`  ${message ?? ''}`, fields),
};

async function main(): Promise<number> {
  const adminUrl = process.env['DATABASE_URL'] ?? loadInfraEnv().DATABASE_URL;
  const all = [...registeredDataSources, ...(await discoverAppDataSources())];
  const results = await checkMigrations(adminUrl, all, quiet);
  let failed = false;
  for (const result of results) {
    if (result.missing.length === 0) {
      console.log(
        `✔ ${result.name}: ${result.applied.length} migration(s) apply, revert and match the entities`,
      );
      continue;
    }
    failed = true;
    console.error(`✘ ${result.name}: entity changes without a migration. Add a migration with:`);
    for (const sql of result.missing) console.error(`    ${sql};`);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('✘ migration check failed:', error);
    process.exit(1);
  },
);
