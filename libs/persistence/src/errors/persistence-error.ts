/** Failure codes the persistence lib raises itself (database errors keep TypeORM's own types). */
export type PersistenceErrorCode =
  | 'invalid-enterprise-id'
  | 'undefined-in-where'
  | 'unscoped-query'
  | 'invalid-database-name'
  | 'transaction-required'
  | 'invalid-transaction'
  | 'migration-failed'
  | 'outbox-publish-failed';

export class PersistenceError extends Error {
  constructor(
    readonly code: PersistenceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PersistenceError';
  }
}
