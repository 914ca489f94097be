import { type Logger as TypeormLogger } from 'typeorm';

/** The slice of a pino logger this lib writes to; pino's `Logger` fits as is. */
export interface PersistenceLogger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/**
 * Routes TypeORM's own messages into the service's structured log instead of the console.
 * Query parameters are never logged: they carry plates and personal data.
 */
export class TypeormLogAdapter implements TypeormLogger {
  constructor(
    private readonly logger: PersistenceLogger,
    private readonly options: { readonly logQueries?: boolean } = {},
  ) {}

  logQuery(query: string): void {
    if (this.options.logQueries) this.logger.debug({ query }, 'sql query');
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.error({ err: error, query }, 'sql query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ durationMs: time, query }, 'slow sql query');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug({ detail: message }, 'schema build');
  }

  logMigration(message: string): void {
    this.logger.info({ detail: message }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ detail: message }, 'typeorm');
    else this.logger.info({ detail: message }, 'typeorm');
  }
}
