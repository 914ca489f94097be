import { meter } from '@ecogate/telemetry';
import { type BarrierDecided } from './decision-mapping';

/** Further than this from its capture, a decision answers a camera's back-fill, not a truck at the gate. */
const LIVE_WITHIN_SECONDS = 300;

const laneLatency = meter('barrier-control').createHistogram('barrier_decision_latency_seconds', {
  description:
    'From capture at the camera to the barrier decision (live captures), by deciding reads and verdict',
  unit: 's',
  advice: { explicitBucketBoundaries: [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30] },
});

/** Which reads a decision rests on: the camera's, the server's, or both fused. */
export function readsOf(decided: Pick<BarrierDecided, 'reads'>): 'camera' | 'server' | 'both' | 'none' {
  const { camera, server } = decided.reads ?? {};
  if (camera && server) return 'both';
  return camera ? 'camera' : server ? 'server' : 'none';
}

/** The lane latency of one decision, on the Grafana dashboard's lane panel. */
export function recordLaneLatency(decided: BarrierDecided): void {
  const seconds = (Date.parse(decided.decidedAt) - Date.parse(decided.capturedAt)) / 1000;
  if (!(seconds >= 0 && seconds <= LIVE_WITHIN_SECONDS)) return;
  laneLatency.record(seconds, { reads: readsOf(decided), verdict: decided.verdict });
}
