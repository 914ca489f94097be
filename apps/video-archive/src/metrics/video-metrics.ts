import { meter } from '@ecogate/telemetry';

const m = meter('video-archive');

// Created once per process: OpenTelemetry instruments are global by name.
export const videoMetrics = {
  archived: m.createCounter('video_segments_archived_total', {
    description: 'Segments uploaded to object storage and indexed, per camera',
  }),
  uploadFailures: m.createCounter('video_segment_upload_failures_total', {
    description: 'Failed upload or index attempts; the segment stays in the spool and is retried',
  }),
  spoolOverLimit: m.createCounter('video_spool_over_limit_total', {
    description: 'Checks that found a camera spool above its bound (nothing is dropped)',
  }),
  archivedBytes: m.createCounter('video_segment_bytes_total', { description: 'Bytes archived', unit: 'By' }),
};
