import { randomUUID } from 'node:crypto';
import { Secret } from '@ecogate/config';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, kafkaClientOptions, loadKafkaPrincipals, releaseAll } from '@ecogate/testing';
import { type Consumer, Kafka, logLevel, type Producer } from 'kafkajs';
import { consumerGroupTopics } from '../dead-letter';
import { DeadLetters } from '../dead-letter-replay';
import { createKafka, kafkaSecurity, type KafkaMessagingOptions } from './kafka-client';
import { ensureTopics } from './topic-admin';

// The broker's authentication and ACLs (ADR 0006, deploy/local/kafka-acls.json), with the services'
// own principals from `.data/kafka-principals.env`. The ACLs name the real topics, so this file uses
// them without a test prefix (every other test connects as admin with a random prefix).
const PLATE_READS = 'anpr.plate.read.v1';
const DECISIONS = 'gate.barrier.decided.v1';

const logger = createLogger({ service: 'kafka-acl-it', level: 'fatal' });

/** The kafkajs error `type` (e.g. TOPIC_AUTHORIZATION_FAILED) or name anywhere in a cause chain. */
function errorKinds(error: unknown, out: string[] = []): string[] {
  if (typeof error !== 'object' || error === null) return out;
  const candidate = error as { type?: unknown; name?: unknown; cause?: unknown; originalError?: unknown };
  if (typeof candidate.type === 'string') out.push(candidate.type);
  if (typeof candidate.name === 'string') out.push(candidate.name);
  errorKinds(candidate.cause, out);
  errorKinds(candidate.originalError, out);
  return out;
}

async function failureOf(action: () => Promise<unknown>): Promise<string[]> {
  try {
    await action();
  } catch (error) {
    return errorKinds(error);
  }
  throw new Error('expected the broker to refuse, but it accepted');
}

describe('Kafka authentication and ACLs (one principal per service)', () => {
  const admin = kafkaClientOptions();
  const principals = loadKafkaPrincipals();
  const clients: (Producer | Consumer)[] = [];
  const marker = randomUUID();

  /** A client as the service's own principal, built like the services build theirs. */
  function as(service: string): Kafka {
    const password = principals?.[service];
    if (!password) throw new Error(`no password for ${service} in .data/kafka-principals.env: run infra:up`);
    const options: KafkaMessagingOptions = {
      ...admin,
      sasl: { mechanism: 'scram-sha-512', username: service, password },
      clientId: `acl-it-${service}`,
      logger,
    };
    return createKafka(options);
  }

  /** A client that fails fast (no retries) with settings of its own. */
  function bare(settings: Partial<ConstructorParameters<typeof Kafka>[0]>): Kafka {
    return new Kafka({
      clientId: 'acl-it-bare',
      brokers: admin.brokers,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3000,
      authenticationTimeout: 3000,
      requestTimeout: 5000,
      retry: { retries: 0 },
      ...settings,
    });
  }

  async function producerOf(kafka: Kafka): Promise<Producer> {
    // As KafkaEventPublisher makes it: idempotent, one request in flight.
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    clients.push(producer);
    await producer.connect();
    return producer;
  }

  const message = (kind: string) => ({ key: 'lane-1', value: JSON.stringify({ marker, kind }) });

  beforeAll(async () => {
    expect(principals).toBeDefined();
    await ensureTopics(createKafka({ ...admin, clientId: 'acl-it-admin', logger }), [
      { name: PLATE_READS },
      { name: DECISIONS },
    ]);
  });

  afterAll(() => releaseAll(...clients.map((client) => () => client.disconnect())));

  it('lets camera-ingest and plate-recognition produce plate reads', async () => {
    for (const service of ['camera-ingest', 'plate-recognition']) {
      const producer = await producerOf(as(service));
      const [result] = await producer.send({ topic: PLATE_READS, acks: -1, messages: [message(service)] });
      expect(result?.errorCode).toBe(0);
    }
  });

  it('refuses plate reads from barrier-control: another service’s topic', async () => {
    const producer = await producerOf(as('barrier-control'));
    const kinds = await failureOf(() =>
      producer.send({ topic: PLATE_READS, acks: -1, messages: [message('forged')] }),
    );
    expect(kinds).toContain('TOPIC_AUTHORIZATION_FAILED');
  });

  it('refuses decisions from anyone but barrier-control', async () => {
    for (const service of ['camera-ingest', 'ledger']) {
      const producer = await producerOf(as(service));
      const kinds = await failureOf(() =>
        producer.send({ topic: DECISIONS, acks: -1, messages: [message('forged')] }),
      );
      expect(kinds).toContain('TOPIC_AUTHORIZATION_FAILED');
    }
    const barrier = await producerOf(as('barrier-control'));
    const [result] = await barrier.send({ topic: DECISIONS, acks: -1, messages: [message('decision')] });
    expect(result?.errorCode).toBe(0);
  });

  it('lets the ledger consume decisions in its own group, and refuses it plate reads', async () => {
    const ledger = as('ledger');
    const seen: string[] = [];
    const consumer = ledger.consumer({ groupId: `ledger.acl-it-${marker.slice(0, 8)}` });
    clients.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [DECISIONS], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message: m }) => void seen.push(m.value?.toString() ?? ''),
    });
    const producer = await producerOf(as('barrier-control'));
    await producer.send({ topic: DECISIONS, acks: -1, messages: [message('for-the-ledger')] });
    await expectEventually(() => expect(seen).toContain(JSON.stringify({ marker, kind: 'for-the-ledger' })), {
      timeoutMs: 30_000,
    });

    // Plate reads are not the ledger's to read.
    const reader = ledger.consumer({ groupId: `ledger.acl-it-reads-${marker.slice(0, 8)}` });
    clients.push(reader);
    await reader.connect();
    expect(await failureOf(() => reader.subscribe({ topics: [PLATE_READS] }))).toContain(
      'TOPIC_AUTHORIZATION_FAILED',
    );
  });

  it('lets the ledger create and write its own replay topic, still never decisions', async () => {
    // A dead-letter replay goes to `ledger.replay.v1` (covered by the prefixed ACL `ledger.`), not back
    // to `gate.barrier.decided.v1`: the ledger's replay API runs with the ledger's own principal.
    const ledger = as('ledger');
    const topics = [
      ...consumerGroupTopics('ledger'),
      ...new DeadLetters(ledger, { logger }, 'ledger').topics(),
    ];
    expect(topics).toEqual(
      expect.arrayContaining(['ledger.dead-letter.v1', 'ledger.replay.v1', 'ledger.dead-letter-replays.v1']),
    );
    await ensureTopics(
      ledger,
      [...new Set(topics)].map((name) => ({ name })),
    );
    const producer = await producerOf(ledger);
    const [result] = await producer.send({
      topic: 'ledger.replay.v1',
      acks: -1,
      messages: [{ ...message('replay'), headers: { 'ecogate-replay-original-topic': DECISIONS } }],
    });
    expect(result?.errorCode).toBe(0);
    const kinds = await failureOf(() =>
      producer.send({ topic: DECISIONS, acks: -1, messages: [message('forged-replay')] }),
    );
    expect(kinds).toContain('TOPIC_AUTHORIZATION_FAILED');
    // Nor another group's replay topic.
    expect(
      await failureOf(() =>
        producer.send({ topic: 'barrier-control.replay.v1', acks: -1, messages: [message('forged')] }),
      ),
    ).toContain('TOPIC_AUTHORIZATION_FAILED');
  });

  it('refuses a wrong password', async () => {
    const client = bare(
      kafkaSecurity({
        ...admin,
        sasl: {
          mechanism: 'scram-sha-512',
          username: 'camera-ingest',
          password: new Secret('not-the-password'),
        },
      }),
    ).admin();
    const kinds = await failureOf(() => client.connect());
    await client.disconnect();
    expect(kinds).toContain('KafkaJSSASLAuthenticationError');
  });

  it('refuses a plaintext connection, and TLS without the local CA', async () => {
    const plaintext = bare({ sasl: kafkaSecurity(admin).sasl! }).admin();
    expect(await failureOf(() => plaintext.connect())).not.toHaveLength(0);
    await plaintext.disconnect();

    const systemCas = bare({ ssl: true, sasl: kafkaSecurity(admin).sasl! }).admin();
    expect(await failureOf(() => systemCas.connect())).not.toHaveLength(0);
    await systemCas.disconnect();
  });
});
