import { meter } from '@ecogate/telemetry';

const m = meter('video-archive');

// Created once per process: OpenTelemetry instruments are global by name.
export const clipMetrics = {
  requested: m.createCounter('video_clips_requested_total', {
    description: 'Clips requested for ledger passages (one per passage direction × camera)',
  }),
  completed: m.createCounter('video_clips_completed_total', {
    description: 'Clips finished, by status: archived, or missing (no video after the bounded wait)',
  }),
  cutFailures: m.createCounter('video_clip_cut_failures_total', {
    description: 'Failed cut or upload attempts; retried until the attempt limit, then recorded missing',
  }),
  unfilmedLanes: m.createCounter('video_clip_unfilmed_lane_total', {
    description: 'Passages on a lane no configured camera films (no clip possible)',
  }),
  readySeconds: m.createHistogram('video_clip_ready_seconds', {
    description: 'From the passage capture to its clip archived (includes waiting for the segments)',
    unit: 's',
  }),
};
