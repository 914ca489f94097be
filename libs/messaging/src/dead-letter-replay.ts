import { randomUUID } from 'node:crypto';
import { type Logger } from '@ecogate/telemetry';
import { type Kafka, type KafkaMessage } from 'kafkajs';
import { type DeadLetterRecord, deadLetterTopic, REPLAY_HEADERS, replayTopic } from './dead-letter';
import { type KafkaMessagingOptions, physicalTopic } from './kafka/kafka-client';

/**
 * Where replays are recorded (who, why, when): the audit trail, read back so one dead letter is
 * replayed once. The replayed messages themselves go to `replayTopic(group)`.
 */
export const deadLetterReplayTopic = (consumerGroup: string): string =>
  `${consumerGroup}.dead-letter-replays.v1`;

/** Header on a replayed message naming the dead letter it came from. */
export const REPLAYED_FROM_HEADER = REPLAY_HEADERS.from;

/** A dead letter's id is its position on the dead-letter topic: `<partition>:<offset>`. */
export const DEAD_LETTER_ID = /^\d{1,5}:\d{1,19}$/;

export interface DeadLetterEntry {
  readonly id: string;
  readonly record: DeadLetterRecord;
  /** The replay that re-published it, if any. */
  readonly replayed?: DeadLetterReplay;
}

/** The audit record of one replayed dead letter. */
export interface DeadLetterReplay {
  readonly replayId: string;
  readonly deadLetterId: string;
  readonly consumerGroup: string;
  readonly operator: string;
  readonly reason: string;
  readonly at: string;
  /** The group's replay topic (`<group>.replay.v1`) and the original key. */
  readonly to: { topic: string; key: string | null };
  /** Where the message was first consumed; its handler is that topic's. */
  readonly original: { topic: string; partition: number; offset: string };
  readonly eventId: string | null;
  readonly enterpriseId: string | null;
}

export interface ReplayRequest {
  readonly ids: readonly string[];
  readonly operator: string;
  readonly reason: string;
  /** Replay letters already replayed once more (the consumer's idempotency still applies). */
  readonly force?: boolean;
}

const REPLAY_HEADER_NAMES: ReadonlySet<string> = new Set(Object.values(REPLAY_HEADERS));

/** Where a dead letter first failed, also when it failed again after a replay. */
export function originalPosition(
  record: DeadLetterRecord,
  replayTopicName: string,
): DeadLetterReplay['original'] {
  const topic =
    record.source.topic === replayTopicName ? record.headers[REPLAY_HEADERS.originalTopic] : undefined;
  if (!topic)
    return { topic: record.source.topic, partition: record.source.partition, offset: record.source.offset };
  return {
    topic,
    partition: Number(record.headers[REPLAY_HEADERS.originalPartition] ?? -1),
    offset: record.headers[REPLAY_HEADERS.originalOffset] ?? '-1',
  };
}

/**
 * What one replay sends, whatever the transport: the dead letter's headers with the replay's own
 * (who, why, from which letter, the original position), and the audit record written beside it.
 */
export function replayOf(
  id: string,
  record: DeadLetterRecord,
  request: ReplayRequest,
  target: { readonly consumerGroup: string; readonly replayTopic: string },
): { readonly headers: Record<string, string>; readonly replay: DeadLetterReplay } {
  const original = originalPosition(record, target.replayTopic);
  const replayId = randomUUID();
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(record.headers))
    if (!REPLAY_HEADER_NAMES.has(name)) headers[name] = header;
  Object.assign(headers, {
    [REPLAY_HEADERS.from]: id,
    [REPLAY_HEADERS.id]: replayId,
    [REPLAY_HEADERS.by]: request.operator,
    [REPLAY_HEADERS.reason]: request.reason,
    [REPLAY_HEADERS.originalTopic]: original.topic,
    [REPLAY_HEADERS.originalPartition]: String(original.partition),
    [REPLAY_HEADERS.originalOffset]: original.offset,
  });
  const replay: DeadLetterReplay = {
    replayId,
    deadLetterId: id,
    consumerGroup: target.consumerGroup,
    operator: request.operator,
    reason: request.reason,
    at: new Date().toISOString(),
    to: { topic: target.replayTopic, key: record.source.key },
    original,
    eventId: record.headers['ecogate-event-id'] ?? null,
    enterpriseId: record.headers['ecogate-enterprise-id'] ?? null,
  };
  return { headers, replay };
}

export interface ReplayResult {
  readonly replayed: DeadLetterReplay[];
  readonly skipped: { id: string; why: 'not-found' | 'already-replayed' }[];
}

/**
 * Lists and replays one consumer group's dead letters: the original value, key and headers go to
 * the group's own replay topic `<group>.replay.v1` (never back to the original topic, which may be
 * another service's to write: ADR 0006) with replay headers naming the original topic, partition
 * and offset, who and why; the group's consumer hands them to the original topic's handler. Each
 * replay is recorded on `<group>.dead-letter-replays.v1` (and handed to `audit`, e.g. the service's
 * audit table) with who, why and when.
 */
export class DeadLetters {
  private readonly log: Logger;

  constructor(
    private readonly kafka: Kafka,
    private readonly messaging: Pick<KafkaMessagingOptions, 'topicPrefix' | 'logger'>,
    readonly consumerGroup: string,
  ) {
    this.log = messaging.logger.child({ component: 'dead-letters', groupId: consumerGroup });
  }

  /** Physical topics it reads and writes; create them with `ensureTopics`. */
  topics(): string[] {
    return [this.deadLetterTopic(), this.replayTopic(), this.auditTopic()];
  }

  async list(): Promise<DeadLetterEntry[]> {
    const [letters, replays] = await Promise.all([
      readTopic(this.kafka, this.messaging, this.deadLetterTopic()),
      readTopic(this.kafka, this.messaging, this.auditTopic()),
    ]);
    const replayed = new Map<string, DeadLetterReplay>();
    for (const { message } of replays) {
      const replay = JSON.parse(message.value?.toString('utf8') ?? 'null') as DeadLetterReplay | null;
      if (replay && !replayed.has(replay.deadLetterId)) replayed.set(replay.deadLetterId, replay);
    }
    return letters.map(({ partition, message }) => {
      const id = `${partition}:${message.offset}`;
      const replay = replayed.get(id);
      return {
        id,
        record: JSON.parse(message.value?.toString('utf8') ?? 'null') as DeadLetterRecord,
        ...(replay ? { replayed: replay } : {}),
      };
    });
  }

  async replay(
    request: ReplayRequest,
    audit?: (replays: readonly DeadLetterReplay[]) => Promise<void>,
  ): Promise<ReplayResult> {
    const entries = new Map((await this.list()).map((entry) => [entry.id, entry]));
    const skipped: ReplayResult['skipped'] = [];
    const chosen: DeadLetterEntry[] = [];
    for (const id of new Set(request.ids)) {
      const entry = entries.get(id);
      if (!entry) skipped.push({ id, why: 'not-found' });
      else if (entry.replayed && !request.force) skipped.push({ id, why: 'already-replayed' });
      else chosen.push(entry);
    }
    const replayed: DeadLetterReplay[] = [];
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      for (const { id, record } of chosen) {
        const value =
          record.valueEncoding === 'base64' ? Buffer.from(record.value, 'base64') : Buffer.from(record.value);
        const { headers, replay } = replayOf(id, record, request, {
          consumerGroup: this.consumerGroup,
          replayTopic: this.replayTopic(),
        });
        await producer.send({
          topic: this.replayTopic(),
          acks: -1,
          messages: [{ key: record.source.key, value, headers }],
        });
        await producer.send({
          topic: this.auditTopic(),
          acks: -1,
          messages: [{ key: id, value: JSON.stringify(replay) }],
        });
        this.log.info({ audit: 'dead-letter-replayed', ...replay }, 'dead letter replayed');
        replayed.push(replay);
      }
    } finally {
      await producer.disconnect();
    }
    if (audit && replayed.length > 0) await audit(replayed);
    return { replayed, skipped };
  }

  private deadLetterTopic(): string {
    return physicalTopic(this.messaging, deadLetterTopic(this.consumerGroup));
  }

  /** The group's replay topic, where replayed messages go. */
  replayTopic(): string {
    return physicalTopic(this.messaging, replayTopic(this.consumerGroup));
  }

  private auditTopic(): string {
    return physicalTopic(this.messaging, deadLetterReplayTopic(this.consumerGroup));
  }

  /**
   * Where the letter's message was first consumed. A replayed message that failed again was
   * dead-lettered from the replay topic: its replay headers still name the original position.
   */
}

const READ_TIMEOUT_MS = 30_000;

/** Reads a topic from its start to its current end with a throw-away group that commits nothing. */
async function readTopic(
  kafka: Kafka,
  messaging: Pick<KafkaMessagingOptions, 'topicPrefix'>,
  topic: string,
): Promise<{ partition: number; message: KafkaMessage }[]> {
  const admin = kafka.admin();
  await admin.connect();
  // Prefixed like every group (a city's KAFKA_TOPIC_PREFIX applies to the ACL table's readerGroups too).
  const groupId = physicalTopic(messaging, `dead-letter-reader-${randomUUID()}`);
  try {
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic))
        .filter((p) => BigInt(p.high) > BigInt(p.low))
        .map((p) => [p.partition, BigInt(p.high)]),
    );
    if (ends.size === 0) return [];
    const out: { partition: number; message: KafkaMessage }[] = [];
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`reading ${topic} took over ${READ_TIMEOUT_MS} ms`)),
          READ_TIMEOUT_MS,
        );
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const end = ends.get(partition);
              if (end === undefined || BigInt(message.offset) >= end) return;
              out.push({ partition, message });
              if (BigInt(message.offset) + 1n >= end) ends.delete(partition);
              if (ends.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    // Compacted or transactional topics may skip offsets; order by position for a stable listing.
    return out.sort(
      (a, b) => a.partition - b.partition || Number(BigInt(a.message.offset) - BigInt(b.message.offset)),
    );
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
