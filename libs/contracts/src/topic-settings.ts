import { type TopicName } from './topic-map';

/**
 * How a topic is laid out on a Kafka the deployment creates (the Helm chart's Strimzi `KafkaTopic`s
 * are generated from this, `npm run charts:generate`):
 * - `partitions`: `'scaled'` for lane traffic, whose consumers scale out (a group reads with at most
 *   one consumer per partition), so the city profile sets the count; a number for low-volume topics.
 * - `cleanup`: `delete` drops records older than `retentionHours`; `compact` keeps the last record
 *   of every key for good (a directory whose new readers start from the beginning).
 */
export type TopicSettings =
  | { readonly partitions: 'scaled' | number; readonly cleanup: 'delete'; readonly retentionHours: number }
  | { readonly partitions: 'scaled' | number; readonly cleanup: 'compact' };

/**
 * A week: longer than any outage a consumer catches up on, as the embedded bus keeps it
 * (EVENT_LOG_RETENTION_HOURS), and shorter than the processed-event claims (ADR 0003).
 */
export const EVENT_RETENTION_HOURS = 168;

const laneTraffic: TopicSettings = {
  partitions: 'scaled',
  cleanup: 'delete',
  retentionHours: EVENT_RETENTION_HOURS,
};
const lowVolume: TopicSettings = { partitions: 3, cleanup: 'delete', retentionHours: EVENT_RETENTION_HOURS };

/** Every topic of the topic map, laid out; a new topic does not compile until it has its settings. */
export const topicSettings: Readonly<Record<TopicName, TopicSettings>> = {
  'camera.snapshot.captured.v1': laneTraffic,
  'camera.status.changed.v1': lowVolume,
  'anpr.plate.read.v1': laneTraffic,
  'gate.barrier.decided.v1': laneTraffic,
  'gate.barrier.commanded.v1': laneTraffic,
  'gate.violation.detected.v1': lowVolume,
  'ledger.passage.recorded.v1': laneTraffic,
  'video.clip.archived.v1': lowVolume,
  'video.outage.unfiled.v1': lowVolume,
  // Each message is the enterprise's full record, keyed by enterprise, read from the beginning by a
  // new consumer group (docs/ledger.md): compaction keeps every enterprise's latest record forever.
  'gateway.enterprise.registered.v1': { partitions: 3, cleanup: 'compact' },
  // One frame per loading-area camera and period, a sighting per plate on it: scaled like lanes.
  'loading-area.snapshot.captured.v1': laneTraffic,
  'loading-area.vehicle.seen.v1': laneTraffic,
  'loading-area.anomaly.detected.v1': lowVolume,
};
