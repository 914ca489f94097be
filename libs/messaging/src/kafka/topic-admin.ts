import { type Kafka } from 'kafkajs';

export interface TopicSpec {
  readonly name: string;
  readonly partitions?: number;
}

const ATTEMPTS = 5;

/**
 * Creates the topics a service uses, if missing. The brokers do not auto-create topics, so a
 * typo in a topic name fails at boot instead of silently creating a new topic.
 *
 * Services of one chain boot together and create the same topics: the loser of that race sees
 * `TOPIC_ALREADY_EXISTS` or, while the winner's topic has no leader yet,
 * `UNKNOWN_TOPIC_OR_PARTITION`. Both mean "someone else is creating it", so the check is repeated
 * until every topic is there with a leader instead of failing the boot.
 */
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[]): Promise<void> {
  // A topic named twice (e.g. a consumer's and a replay tool's lists together) is created once.
  const topics = [...new Map(specs.map((spec) => [spec.name, spec])).values()];
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt += 1) {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((topic) => !existing.has(topic.name));
      try {
        if (missing.length > 0) {
          await admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((topic) => ({
              topic: topic.name,
              numPartitions: topic.partitions ?? 3,
              replicationFactor: -1,
            })),
          });
        }
        // Leaders of topics another process just created may still be elected.
        await admin.fetchTopicMetadata({ topics: topics.map((topic) => topic.name) });
        return;
      } catch (error) {
        if (attempt >= ATTEMPTS || !isCreationRace(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

const RACE_ERRORS = new Set(['TOPIC_ALREADY_EXISTS', 'UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/** kafkajs reports per-topic failures of createTopics inside `errors` of an aggregate error. */
function isCreationRace(error: unknown): boolean {
  const candidate = error as { type?: unknown; errors?: unknown } | null;
  if (typeof candidate?.type === 'string' && RACE_ERRORS.has(candidate.type)) return true;
  return (
    Array.isArray(candidate?.errors) && candidate.errors.length > 0 && candidate.errors.every(isCreationRace)
  );
}
