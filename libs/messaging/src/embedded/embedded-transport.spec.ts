import { randomUUID } from 'node:crypto';
import { createLogger } from '@ecogate/telemetry';
import { describeMessagingTransportContract } from '../testing/transport-contract';
import { embeddedTransport } from '../transport/create-messaging-transport';
import { InMemoryEventLog } from './in-memory-event-log';

// The bus's semantics on the in-memory log; the Postgres log runs the same contract in @ecogate/persistence.
describeMessagingTransportContract('embedded bus on the in-memory log', async () =>
  embeddedTransport(
    { topicPrefix: `t-${randomUUID().slice(0, 8)}.`, pollIntervalMs: 20 },
    { logger: createLogger({ service: 'embedded-bus-spec', level: 'fatal' }) },
    Object.assign(new InMemoryEventLog(), { close: async () => undefined }),
  ),
);
