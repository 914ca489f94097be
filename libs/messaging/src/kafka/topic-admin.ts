import { type Kafka } from 'kafkajs';

export interface TopicSpec {
  readonly name: string;
  readonly partitions?: number;
}

/**
 * Creates the topics a service uses, if missing. The brokers do not auto-create topics, so a
 * typo in a topic name fails at boot instead of silently creating a new topic.
 */
export async function ensureTopics(kafka: Kafka, topics: readonly TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic.name));
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
  } finally {
    await admin.disconnect();
  }
}
