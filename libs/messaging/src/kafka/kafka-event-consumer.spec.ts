import { createLogger } from '@ecogate/telemetry';
import { type EachMessagePayload, type Kafka } from 'kafkajs';
import { type DeadLetterRecord, REPLAY_HEADERS } from '../dead-letter';
import { DependencyUnavailableError } from '../dependency-unavailable';
import { FatalError } from '../errors';
import { type EventHandlers } from '../event-handler';
import { InMemoryProcessedEventStore } from '../idempotency/processed-event-store';
import { KafkaEventConsumer } from './kafka-event-consumer';
import { buildEnvelope, envelopeHeaders } from './message-codec';

const TOPIC = 'camera.status.changed.v1';

/** A kafkajs stand-in: captures `eachMessage` and what is sent to the dead-letter topic. */
function fakeKafka() {
  let eachMessage: ((payload: EachMessagePayload) => Promise<void>) | undefined;
  const sent: DeadLetterRecord[] = [];
  const subscriptions: { topics: string[]; fromBeginning: boolean }[] = [];
  const kafka = {
    consumer: () => ({
      on: () => undefined,
      events: { GROUP_JOIN: 'join' },
      connect: async () => undefined,
      disconnect: async () => undefined,
      subscribe: async (subscription: { topics: string[]; fromBeginning: boolean }) =>
        void subscriptions.push(subscription),
      run: async (options: { eachMessage: typeof eachMessage }) => void (eachMessage = options.eachMessage),
    }),
    producer: () => ({
      connect: async () => undefined,
      disconnect: async () => undefined,
      send: async ({ messages }: { messages: { value: string }[] }) =>
        void sent.push(...messages.map((m) => JSON.parse(m.value) as DeadLetterRecord)),
    }),
  } as unknown as Kafka;
  return { kafka, sent, subscriptions, deliver: (payload: EachMessagePayload) => eachMessage!(payload) };
}

function aMessage(value?: string) {
  const envelope = buildEnvelope(TOPIC, {
    enterpriseId: 'ent-a',
    key: 'cam-1',
    payload: {
      cameraId: 'cam-1',
      enterpriseId: 'ent-a',
      status: 'offline',
      reason: 'no answer for 30 s',
      at: '2026-11-28T08:00:00.000Z',
    },
  });
  const heartbeats = { count: 0 };
  const payload = {
    topic: TOPIC,
    partition: 0,
    message: {
      key: Buffer.from('cam-1'),
      value: Buffer.from(value ?? JSON.stringify(envelope)),
      offset: '7',
      headers: envelopeHeaders(envelope),
      timestamp: '0',
      attributes: 0,
    },
    heartbeat: async () => void (heartbeats.count += 1),
    pause: () => () => undefined,
  } as unknown as EachMessagePayload;
  return { payload, heartbeats, envelope };
}

/** The message as `DeadLetters.replay` puts it on the group's replay topic `spec.replay.v1`. */
function aReplay(originalTopic: string | undefined, value?: string) {
  const { payload, envelope } = aMessage(value);
  const replayHeaders: Record<string, string> = {
    [REPLAY_HEADERS.from]: '0:3',
    [REPLAY_HEADERS.by]: 'ops.alice',
    [REPLAY_HEADERS.reason]: 'camera registered',
    ...(originalTopic === undefined
      ? {}
      : {
          [REPLAY_HEADERS.originalTopic]: originalTopic,
          [REPLAY_HEADERS.originalPartition]: '0',
          [REPLAY_HEADERS.originalOffset]: '7',
        }),
  };
  const replayed = {
    ...payload,
    topic: 'spec.replay.v1',
    partition: 2,
    message: {
      ...payload.message,
      offset: '0',
      headers: { ...payload.message.headers, ...replayHeaders },
    },
  } as EachMessagePayload;
  return { payload: replayed, envelope };
}

async function consumerWith(handler: EventHandlers[typeof TOPIC], extra: object = {}) {
  const fake = fakeKafka();
  const consumer = new KafkaEventConsumer(
    fake.kafka,
    { logger: createLogger({ service: 'spec', level: 'silent' }) },
    {
      groupId: 'spec',
      handlers: { [TOPIC]: handler },
      retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
      outageBackoff: { initialDelayMs: 1, maxDelayMs: 4 },
      ...extra,
    },
  );
  await consumer.start();
  return { consumer, ...fake };
}

describe('KafkaEventConsumer', () => {
  it('waits out an unavailable dependency far beyond the retry policy and never dead-letters', async () => {
    let calls = 0;
    const healthWhileDown: string[] = [];
    const { consumer, deliver, sent } = await consumerWith(async () => {
      calls += 1;
      if (calls <= 40) {
        healthWhileDown.push(consumer.health().status);
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      }
    });
    const { payload, heartbeats } = aMessage();
    await deliver(payload);
    expect(calls).toBe(41);
    expect(sent).toEqual([]);
    expect(heartbeats.count).toBeGreaterThan(0);
    // Degraded while it waited (from the second failure on), ok once handled.
    expect(healthWhileDown.slice(1).every((s) => s === 'degraded')).toBe(true);
    expect(consumer.health()).toEqual({ groupId: 'spec', status: 'ok', stalled: [] });
  });

  it('counts only non-dependency failures towards the attempts, then dead-letters with a readable cause', async () => {
    let calls = 0;
    const { deliver, sent } = await consumerWith(async () => {
      calls += 1;
      if (calls % 2 === 1) throw new DependencyUnavailableError('db-down', 'database away');
      throw { status: 'error', message: 'Internal server error' };
    });
    await deliver(aMessage().payload);
    expect(calls).toBe(6);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.attempts).toBe(3);
    expect(sent[0]!.cause.message).toContain('Internal server error');
    expect(JSON.stringify(sent[0]!.cause)).not.toContain('[object Object]');
  });

  it('dead-letters a FatalError at once with name, code and stack', async () => {
    const { deliver, sent } = await consumerWith(async () => {
      throw new FatalError('unknown-camera', 'camera cam-1 is not registered');
    });
    await deliver(aMessage().payload);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.cause).toMatchObject({
      name: 'FatalError',
      code: 'unknown-camera',
      message: 'camera cam-1 is not registered',
      retriable: false,
    });
    expect(sent[0]!.cause.stack).toContain('FatalError');
  });

  it('dead-letters a message that does not decode at once', async () => {
    const { deliver, sent } = await consumerWith(async () => undefined);
    await deliver(aMessage('not json').payload);
    expect(sent).toEqual([expect.objectContaining({ attempts: 1, value: 'not json' })]);
    expect(sent[0]!.cause).toMatchObject({ code: 'not-json', retriable: false });
  });

  it('waits for the claim store too, and claims once', async () => {
    const store = new InMemoryProcessedEventStore();
    let down = 3;
    const claim = store.claim.bind(store);
    store.claim = async (...args) => {
      if (down-- > 0) throw Object.assign(new Error('Connection terminated unexpectedly'), {});
      return claim(...args);
    };
    let handled = 0;
    const { deliver, sent } = await consumerWith(async () => void (handled += 1), {
      processedEvents: store,
      claimBeforeHandling: true,
    });
    const { payload } = aMessage();
    await deliver(payload);
    await deliver(payload);
    expect(handled).toBe(1);
    expect(sent).toEqual([]);
  });

  it('gives the message back (uncommitted) when stopped while waiting', async () => {
    const { consumer, deliver, sent } = await consumerWith(async () => {
      throw new DependencyUnavailableError('db-down', 'database away');
    });
    const delivery = deliver(aMessage().payload);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await consumer.stop();
    await expect(delivery).rejects.toThrow('consumer stopping');
    expect(sent).toEqual([]);
  });
});

describe('an ephemeral KafkaEventConsumer (a live view)', () => {
  it('reads from the end, with no replay or dead-letter topic, and skips what it cannot decode or handle', async () => {
    let handled = 0;
    const { consumer, deliver, sent, subscriptions } = await consumerWith(
      async () => {
        handled += 1;
        throw new FatalError('refused', 'the handler refuses');
      },
      { ephemeral: true, fromBeginning: true },
    );
    expect(consumer.topics()).toEqual([TOPIC]);
    expect(subscriptions).toEqual([{ topics: [TOPIC], fromBeginning: false }]);
    await deliver(aMessage('not json').payload);
    await deliver(aMessage().payload);
    expect(handled).toBe(1);
    expect(sent).toEqual([]);
    await consumer.stop();
  });
});

describe('KafkaEventConsumer and its replay topic', () => {
  it('creates and subscribes to <group>.replay.v1, from the beginning whatever fromBeginning says', async () => {
    const { consumer, subscriptions } = await consumerWith(async () => undefined, { fromBeginning: false });
    expect(consumer.topics()).toEqual([TOPIC, 'spec.dead-letter.v1', 'spec.replay.v1']);
    expect(subscriptions).toEqual([
      { topics: [TOPIC], fromBeginning: false },
      { topics: ['spec.replay.v1'], fromBeginning: true },
    ]);
  });

  it('hands a replayed envelope to the handler of its original topic', async () => {
    const seen: { eventId: string; topic: string; offset: string }[] = [];
    const { deliver, sent } = await consumerWith(
      async (event, ctx) => void seen.push({ eventId: event.eventId, topic: ctx.topic, offset: ctx.offset }),
    );
    const { payload, envelope } = aReplay(TOPIC);
    await deliver(payload);
    expect(seen).toEqual([{ eventId: envelope.eventId, topic: TOPIC, offset: '0' }]);
    expect(sent).toEqual([]);
  });

  it('takes the original topic from the envelope type when the replay header is missing', async () => {
    let handled = 0;
    const { deliver, sent } = await consumerWith(async () => void (handled += 1));
    await deliver(aReplay(undefined).payload);
    expect(handled).toBe(1);
    expect(sent).toEqual([]);
  });

  it('absorbs a forced second replay of a handled event by its event id', async () => {
    let handled = 0;
    const { deliver, sent } = await consumerWith(async () => void (handled += 1), {
      processedEvents: new InMemoryProcessedEventStore(),
      claimBeforeHandling: true,
    });
    const first = aReplay(TOPIC);
    await deliver(first.payload);
    await deliver({ ...first.payload, message: { ...first.payload.message, offset: '1' } });
    expect(handled).toBe(1);
    expect(sent).toEqual([]);
  });

  it('dead-letters a replay naming a topic the group does not handle, with a readable cause', async () => {
    let handled = 0;
    const { deliver, sent } = await consumerWith(async () => void (handled += 1));
    await deliver(aReplay('gate.barrier.decided.v1').payload);
    expect(handled).toBe(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      attempts: 1,
      source: { topic: 'spec.replay.v1', partition: 2, offset: '0' },
      headers: { [REPLAY_HEADERS.originalTopic]: 'gate.barrier.decided.v1' },
      cause: { name: 'EnvelopeError', code: 'wrong-topic', retriable: false },
    });
    expect(sent[0]!.cause.message).toBe(
      'replayed message (dead letter 0:3) names original topic gate.barrier.decided.v1 ' +
        `(header ${REPLAY_HEADERS.originalTopic}), which consumer group spec does not handle; it handles ${TOPIC}`,
    );
  });

  it('dead-letters a replay whose envelope is not of its original topic', async () => {
    const { deliver, sent } = await consumerWith(async () => undefined, {
      handlers: { [TOPIC]: async () => undefined, 'gate.barrier.decided.v1': async () => undefined },
    });
    await deliver(aReplay('gate.barrier.decided.v1').payload);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.cause).toMatchObject({
      code: 'wrong-topic',
      message: `event ${TOPIC} v1 on topic gate.barrier.decided.v1`,
    });
  });
});

describe('KafkaEventConsumer stopping while kafkajs handles a crash', () => {
  /** Captures the consumer options and event listeners kafkajs would be given. */
  function crashableKafka() {
    const listeners = new Map<string, (event: { payload: { restart: boolean } }) => void>();
    const calls = { stop: 0 };
    let retry: { restartOnFailure?: (error: Error) => Promise<boolean> } = {};
    const kafka = {
      consumer: (options: { retry: typeof retry }) => {
        retry = options.retry;
        return {
          on: (event: string, listener: (event: { payload: { restart: boolean } }) => void) =>
            void listeners.set(event, listener),
          events: { GROUP_JOIN: 'join', CRASH: 'crash' },
          connect: async () => undefined,
          disconnect: async () => undefined,
          stop: async () => void (calls.stop += 1),
          subscribe: async () => undefined,
          run: async () => undefined,
        };
      },
      producer: () => ({ connect: async () => undefined, disconnect: async () => undefined }),
    } as unknown as Kafka;
    return { kafka, listeners, calls, restartOnFailure: (error: Error) => retry.restartOnFailure!(error) };
  }

  it('lets kafkajs restart a crashed consumer while running, never once stopped', async () => {
    const fake = crashableKafka();
    const consumer = new KafkaEventConsumer(
      fake.kafka,
      { logger: createLogger({ service: 'spec', level: 'silent' }) },
      { groupId: 'spec', handlers: { [TOPIC]: async () => undefined } },
    );
    await consumer.start();
    expect(await fake.restartOnFailure(new Error('broker gone'))).toBe(true);
    fake.listeners.get('crash')!({ payload: { restart: true } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.calls.stop).toBe(0);

    await consumer.stop();
    expect(await fake.restartOnFailure(new Error('broker gone'))).toBe(false);
    // A crash already past that question when `stop` ran: its restart timer is cleared.
    fake.listeners.get('crash')!({ payload: { restart: true } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.calls.stop).toBe(1);
  });
});
