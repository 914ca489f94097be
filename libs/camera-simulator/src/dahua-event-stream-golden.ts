import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAHUA_STREAM_BOUNDARY } from './dahua-event-stream-format';
import { type DahuaTrafficFields } from './dahua-format';

/**
 * A tiny synthetic JPEG (signature, a label, end marker) — not a photo. Its bytes hold a line that
 * looks like a part boundary and a heartbeat, so only a reader that honours `Content-Length` gets it right.
 */
export function syntheticJpeg(label: string): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    Buffer.from(`${label}\r\n--${DAHUA_STREAM_BOUNDARY}\r\nContent-Type: text/plain\r\n\r\nHeartbeat\r\n`),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** The golden capture's script: event 1, a heartbeat, event 2 (see `dahuaEventStreamGolden`). */
export const DAHUA_GOLDEN_EVENTS: readonly DahuaTrafficFields[] = [
  {
    groupId: 4101,
    eventId: 1,
    capturedAt: new Date('2026-11-28T08:00:05.120Z'),
    plate: '皖A00E66',
    plateColor: 'Blue',
    confidence: 96,
    scene: syntheticJpeg('scene-1'),
    plateCrop: syntheticJpeg('plate-1'),
  },
  {
    code: 'TrafficGate',
    groupId: 4102,
    eventId: 2,
    capturedAt: new Date('2026-11-28T08:00:09.004Z'),
    plate: '沪D12345',
    plateColor: 'Yellow',
    confidence: 88,
    scene: syntheticJpeg('scene-2'),
  },
];

export const DAHUA_GOLDEN_FILE = join(__dirname, 'golden', 'dahua-event-stream.golden');

/**
 * The body of an attach response as the simulator writes it for `DAHUA_GOLDEN_EVENTS` with a
 * heartbeat between them: the wire bytes a stream reader must turn back into those events.
 */
export function dahuaEventStreamGolden(): {
  readonly bytes: Buffer;
  readonly boundary: string;
  readonly events: readonly DahuaTrafficFields[];
} {
  return {
    bytes: readFileSync(DAHUA_GOLDEN_FILE),
    boundary: DAHUA_STREAM_BOUNDARY,
    events: DAHUA_GOLDEN_EVENTS,
  };
}
