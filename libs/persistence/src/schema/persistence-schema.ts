import { ProcessedEventEntity } from '../idempotency/processed-event.entity';
import { OutboxMessageEntity } from '../outbox/outbox-message.entity';
import { CreateProcessedEvents1795868998123 } from './migrations/1795868998123-CreateProcessedEvents';
import { CreateOutbox1795868998124 } from './migrations/1795868998124-CreateOutbox';

// The tables this lib owns. `createDataSource` adds them to every app's DataSource, so each
// service database has them and the migration check sees them.

export const persistenceEntities = [ProcessedEventEntity, OutboxMessageEntity] as const;

/** In timestamp order; append new ones, never edit one that has shipped. */
export const persistenceMigrations = [CreateProcessedEvents1795868998123, CreateOutbox1795868998124] as const;
