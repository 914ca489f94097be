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
  recorderRestarts: m.createCounter('video_recorder_restarts_total', {
    description: 'ffmpeg exits followed by a restart after back-off, per camera',
  }),
  outages: m.createCounter('video_camera_outages_total', {
    description: 'Recording gaps recorded as camera outages, by filed (covered) or unfiled (violation)',
  }),
  legalHolds: m.createCounter('video_legal_hold_objects_total', {
    description: 'Segment objects put under or released from legal hold',
  }),
  windowScanFrames: m.createCounter('video_window_scan_frames_total', {
    description: 'Frames of archived video decoded and read for plates by window scans',
  }),
  windowScans: m.createCounter('video_window_scans_total', {
    description: 'Window scans finished, by status: done or failed',
  }),
  windowScanSeconds: m.createHistogram('video_window_scan_seconds', {
    description: 'Duration of a window scan attempt, from lease to result',
    unit: 's',
  }),
  windowScanRecognitionWaits: m.createCounter('video_window_scan_recognition_waits_total', {
    description: 'Frames sent again because plate-recognition was unavailable (the scan waits, never skips)',
  }),
  archivedBytes: m.createCounter('video_segment_bytes_total', { description: 'Bytes archived', unit: 'By' }),
};
