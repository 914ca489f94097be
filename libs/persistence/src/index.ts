// Public entry of the persistence lib: the only code that imports typeorm and pg.
export * from './data-source/create-data-source';
export * from './data-source/typeorm-exports';
export * from './errors/persistence-error';
export * from './idempotency/postgres-processed-event-store';
export * from './idempotency/processed-event.entity';
export * from './logging/persistence-logger';
export * from './migrations/migration-check';
export * from './migrations/migration-runner';
export * from './migrations/schema-drift';
export * from './outbox/outbox-message.entity';
export * from './outbox/outbox-relay';
export * from './outbox/outbox-writer';
export * from './outbox/publish-through';
export * from './schema/persistence-schema';
export * from './tenancy/enterprise-id';
export * from './tenancy/tenant-repository';
export * from './testing/temporary-database';
