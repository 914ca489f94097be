import { randomUUID } from 'node:crypto';
import { createLogger } from '@ecogate/telemetry';
import { kafkaClientOptions } from '@ecogate/testing';
import { describeMessagingTransportContract } from '../testing/transport-contract';
import { createMessagingTransport } from '../transport/create-messaging-transport';

// The same behaviour suite the embedded bus runs (in-memory here, on Postgres in test:embedded).
describeMessagingTransportContract('Kafka', () =>
  createMessagingTransport(
    {
      kind: 'kafka',
      kafka: {
        ...kafkaClientOptions(),
        clientId: 'transport-contract',
        topicPrefix: `it-${randomUUID().slice(0, 8)}.`,
      },
    },
    {
      logger: createLogger({ service: 'transport-contract', level: 'fatal' }),
      openEventLog: () => Promise.reject(new Error('the Kafka transport opens no event log')),
    },
  ),
);
