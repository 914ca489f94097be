import { redactKnown, redactText } from '@ecogate/telemetry';

export interface RecordArgsInput {
  /** `rtsp://…` (a camera) or `http(s)://…` (an MPEG-TS source, used by tests). */
  readonly sourceUrl: string;
  readonly segmentSeconds: number;
  /** Names relative to the camera's spool folder (ffmpeg runs there). */
  readonly listFile: string;
  readonly segmentPattern: string;
}

/**
 * ffmpeg arguments that copy the camera's stream (no re-encoding: `-c copy`) into MPEG-TS segments
 * of `segmentSeconds` (cut at the next key frame), listing each segment in a CSV once it is closed.
 */
export function recordArgs(input: RecordArgsInput): string[] {
  if (!Number.isInteger(input.segmentSeconds) || input.segmentSeconds < 1) {
    throw new Error('segmentSeconds must be a positive whole number');
  }
  const scheme = new URL(input.sourceUrl).protocol;
  const transport =
    scheme === 'rtsp:' || scheme === 'rtsps:' ? ['-rtsp_transport', 'tcp', '-timeout', '10000000'] : [];
  return [
    '-hide_banner',
    '-nostats',
    '-nostdin',
    '-loglevel',
    'error',
    ...transport,
    '-i',
    input.sourceUrl,
    '-map',
    '0:v',
    '-map',
    '0:a?',
    '-c',
    'copy',
    '-f',
    'segment',
    '-segment_time',
    String(input.segmentSeconds),
    '-segment_format',
    'mpegts',
    '-segment_list',
    input.listFile,
    '-segment_list_type',
    'csv',
    '-segment_list_flags',
    'live',
    input.segmentPattern,
  ];
}

/**
 * ffmpeg's stderr as it may be logged: it quotes the input URL (`rtsp://user:password@…`), so the
 * password goes, in the URL form and decoded wherever ffmpeg printed it alone; the last `maxChars`.
 */
export function stderrForLog(stderr: string, sourceUrl: string, maxChars = 2_000): string {
  let password: string | undefined;
  try {
    password = new URL(sourceUrl).password || undefined;
  } catch {
    password = undefined;
  }
  const known = password ? [password, safeDecode(password)] : [];
  return redactKnown(redactText(stderr), known).slice(-maxChars);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
