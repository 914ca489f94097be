// The Kafka layout the umbrella chart renders as Strimzi resources (charts/ecogate/files/kafka.json):
// one KafkaTopic per topic of libs/contracts' topic map (partitions and retention from its topic
// settings), the topics each consumer group owns, and one KafkaUser per service with the ACLs of
// deploy/local/kafka-acls.json (ADR 0006). One source each; this file only joins them.
import { topicNames, topicSettings, type TopicName } from '@ecogate/contracts';
import { deadLetterReplayTopic, deadLetterTopic, replayTopic } from '@ecogate/messaging';

const HOUR_MS = 3_600_000;

export interface AclEntry {
  readonly write: readonly string[];
  readonly read: readonly string[];
  readonly groups: readonly string[];
  readonly readerGroups: readonly string[];
}

export type AclTable = Readonly<Record<string, AclEntry>>;

export interface PlannedTopic {
  readonly name: string;
  /** `scaled`: the city profile's partition count (`kafka.topics.scaledPartitions`). */
  readonly partitions: 'scaled' | number;
  readonly config: Readonly<Record<string, string>>;
}

/** A Strimzi `simple` authorization rule; names get the city's KAFKA_TOPIC_PREFIX when rendered. */
export interface PlannedAcl {
  readonly type: 'topic' | 'group' | 'cluster';
  readonly patternType: 'literal' | 'prefix';
  readonly name: string;
  readonly operations: readonly string[];
}

export interface KafkaPlan {
  readonly topics: readonly PlannedTopic[];
  readonly users: Readonly<Record<string, readonly PlannedAcl[]>>;
}

export class AclTableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AclTableError';
  }
}

const deleteAfter = (hours: number) => ({
  'cleanup.policy': 'delete',
  'retention.ms': String(hours * HOUR_MS),
});

/**
 * The topics a consumer group owns (ADR 0005): dead letters kept a month for operators to look at
 * and replay; replays like any event topic; the replay audit as long as the audit trail (180 days).
 */
const groupTopics = (group: string): PlannedTopic[] => [
  { name: deadLetterTopic(group), partitions: 3, config: deleteAfter(30 * 24) },
  { name: replayTopic(group), partitions: 3, config: deleteAfter(7 * 24) },
  { name: deadLetterReplayTopic(group), partitions: 3, config: deleteAfter(180 * 24) },
];

function eventTopic(name: TopicName): PlannedTopic {
  const settings = topicSettings[name];
  return {
    name,
    partitions: settings.partitions,
    config:
      settings.cleanup === 'compact' ? { 'cleanup.policy': 'compact' } : deleteAfter(settings.retentionHours),
  };
}

/** What deploy/local/kafka-acls.js grants one service, as Strimzi ACL rules. */
function aclsOf(entry: AclEntry): PlannedAcl[] {
  const acls: PlannedAcl[] = [];
  for (const name of entry.write)
    acls.push({ type: 'topic', patternType: 'literal', name, operations: ['Write', 'Describe', 'Create'] });
  for (const name of entry.read)
    acls.push({ type: 'topic', patternType: 'literal', name, operations: ['Read', 'Describe', 'Create'] });
  for (const name of entry.groups) {
    acls.push({ type: 'group', patternType: 'prefix', name, operations: ['Read', 'Describe'] });
    acls.push({
      type: 'topic',
      patternType: 'prefix',
      name: `${name}.`,
      operations: ['Read', 'Write', 'Describe', 'Create'],
    });
  }
  for (const name of entry.readerGroups)
    acls.push({ type: 'group', patternType: 'prefix', name, operations: ['Read', 'Describe'] });
  if (entry.write.length > 0 || entry.groups.length > 0)
    acls.push({
      type: 'cluster',
      patternType: 'literal',
      name: 'kafka-cluster',
      operations: ['IdempotentWrite'],
    });
  return acls;
}

/** Reads the ACL table (its `_comment` aside), refusing an entry that is not four lists of names. */
export function parseAclTable(json: unknown): AclTable {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new AclTableError('the ACL table must be an object of services');
  const table: Record<string, AclEntry> = {};
  for (const [service, entry] of Object.entries(json)) {
    if (service.startsWith('_')) continue;
    const lists = ['write', 'read', 'groups', 'readerGroups'] as const;
    const record = entry as Record<string, unknown>;
    for (const key of lists) {
      const list = record[key];
      if (!Array.isArray(list) || !list.every((item) => typeof item === 'string'))
        throw new AclTableError(`${service}.${key} must be a list of names`);
    }
    table[service] = {
      write: record['write'] as string[],
      read: record['read'] as string[],
      groups: record['groups'] as string[],
      readerGroups: record['readerGroups'] as string[],
    };
  }
  return table;
}

export function kafkaPlan(acls: AclTable): KafkaPlan {
  const known = new Set<string>(topicNames);
  for (const [service, entry] of Object.entries(acls))
    for (const topic of [...entry.write, ...entry.read])
      if (!known.has(topic))
        throw new AclTableError(`${service} names ${topic}, which is not in the topic map`);
  const groups = [...new Set(Object.values(acls).flatMap((entry) => entry.groups))].sort();
  return {
    topics: [...topicNames.map(eventTopic), ...groups.flatMap(groupTopics)],
    users: Object.fromEntries(Object.entries(acls).map(([service, entry]) => [service, aclsOf(entry)])),
  };
}
