import { type z } from 'zod';
import { anprPlateReadV1 } from './topics/anpr';
import { cameraSnapshotCapturedV1, cameraStatusChangedV1 } from './topics/camera';
import { enterpriseRegisteredV1 } from './topics/enterprise';
import { gateBarrierCommandedV1, gateBarrierDecidedV1, gateViolationDetectedV1 } from './topics/gate';
import { ledgerPassageRecordedV1 } from './topics/ledger';
import {
  loadingAreaAnomalyDetectedV1,
  loadingAreaSnapshotCapturedV1,
  loadingAreaVehicleSeenV1,
} from './topics/loading-area';
import { videoClipArchivedV1 } from './topics/video';
import { videoOutageUnfiledV1 } from './topics/video-outage';

/**
 * Every Kafka topic and the payload it carries. Names follow `<context>.<entity>.<event>.v<N>`;
 * a breaking change is a new topic (`.v2`), never an edit of an existing schema.
 */
export const topicMap = {
  'camera.snapshot.captured.v1': cameraSnapshotCapturedV1,
  'camera.status.changed.v1': cameraStatusChangedV1,
  'anpr.plate.read.v1': anprPlateReadV1,
  'gate.barrier.decided.v1': gateBarrierDecidedV1,
  'gate.barrier.commanded.v1': gateBarrierCommandedV1,
  'gate.violation.detected.v1': gateViolationDetectedV1,
  'ledger.passage.recorded.v1': ledgerPassageRecordedV1,
  'video.clip.archived.v1': videoClipArchivedV1,
  'video.outage.unfiled.v1': videoOutageUnfiledV1,
  'gateway.enterprise.registered.v1': enterpriseRegisteredV1,
  'loading-area.snapshot.captured.v1': loadingAreaSnapshotCapturedV1,
  'loading-area.vehicle.seen.v1': loadingAreaVehicleSeenV1,
  'loading-area.anomaly.detected.v1': loadingAreaAnomalyDetectedV1,
} as const;

export type TopicMap = typeof topicMap;
export type TopicName = keyof TopicMap;
export type PayloadOf<T extends TopicName> = z.infer<TopicMap[T]>;

export const topicNames = Object.keys(topicMap) as TopicName[];

export const isTopicName = (name: string): name is TopicName =>
  Object.prototype.hasOwnProperty.call(topicMap, name);

/** The schema version a topic name ends with. */
export const topicVersion = (topic: TopicName): number => Number(/\.v(\d+)$/.exec(topic)?.[1]);
