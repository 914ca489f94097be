export * from './idempotency/processed-event-store';
