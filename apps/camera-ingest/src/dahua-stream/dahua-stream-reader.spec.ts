import { dahuaHeartbeatPart, dahuaStreamEventParts, syntheticJpeg } from '@ecogate/camera-simulator';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { DahuaStreamError } from './dahua-attach';
import { type DahuaStreamItem } from './dahua-stream-events';
import { readDahuaStream, type StreamReadOptions } from './dahua-stream-reader';

const OPTIONS: StreamReadOptions = {
  boundary: 'myboundary',
  limits: { maxPartBytes: () => 64 * 1024, maxHeaderBytes: 1024 },
  // Far above the heartbeat spacing (2 × settle), so a loaded runner's pauses do not read as a hung stream.
  watchdogMs: 600,
  settleMs: 50,
};
const event = (withPlate: boolean) =>
  dahuaStreamEventParts({
    groupId: 1,
    eventId: 1,
    capturedAt: new Date('2026-11-28T08:00:00Z'),
    plate: '皖A00E66',
    scene: syntheticJpeg('scene'),
    ...(withPlate ? { plateCrop: syntheticJpeg('plate') } : {}),
  });

/** Reads `body` to its end; what arrived (kinds, pictures per event) and how it ended. */
async function read(
  body: PassThrough,
  onItem: (item: DahuaStreamItem) => Promise<void> = async () => undefined,
) {
  const seen: (string | number)[] = [];
  const ended = await readDahuaStream(body, OPTIONS, async (item) => {
    seen.push(item.kind === 'event' ? item.event.images.length : item.kind);
    await onItem(item);
  }).then(
    () => 'ended',
    (error: unknown) => (error instanceof DahuaStreamError ? error.code : String(error)),
  );
  return { seen, ended };
}

describe('readDahuaStream', () => {
  it('hands over an event with only its scene once nothing more came for the settle time', async () => {
    const body = new PassThrough();
    const result = read(body);
    body.write(event(false));
    // Heartbeats keep the stream alive past the watchdog; the event does not wait for them.
    for (let i = 0; i < 3; i += 1) {
      await sleep(OPTIONS.settleMs * 2);
      body.write(dahuaHeartbeatPart());
    }
    body.end();
    expect(await result).toEqual({ seen: [1, 'heartbeat', 'heartbeat', 'heartbeat'], ended: 'ended' });
  });

  it('counts only time spent waiting for bytes: a slow store is no hung stream', async () => {
    const body = new PassThrough();
    const result = read(body, async (item) => {
      if (item.kind === 'event') await sleep(OPTIONS.watchdogMs * 2);
    });
    body.write(event(true));
    // Ends a little after the store finished, well inside one watchdog period of waiting.
    await sleep(OPTIONS.watchdogMs * 2 + OPTIONS.watchdogMs / 3);
    body.end();
    expect(await result).toEqual({ seen: [2], ended: 'ended' });
  });

  it('gives up on a stream that stays silent for the watchdog period', async () => {
    const body = new PassThrough();
    const started = Date.now();
    const result = await read(body);
    expect(result).toEqual({ seen: [], ended: 'hung' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(OPTIONS.watchdogMs - 5);
    body.destroy();
  });

  it('hands over the event in hand when the camera ends the stream, and stops at bytes out of step', async () => {
    const ended = new PassThrough();
    const first = read(ended);
    ended.end(event(false));
    expect(await first).toEqual({ seen: [1], ended: 'ended' });

    const garbled = new PassThrough();
    const second = read(garbled);
    garbled.write(
      Buffer.concat([dahuaHeartbeatPart(), Buffer.from('--myboundary\r\nContent-Length: lots\r\n\r\n')]),
    );
    expect(await second).toEqual({ seen: ['heartbeat'], ended: 'protocol' });
    garbled.destroy();
  });

  it('reports a broken connection as closed', async () => {
    const body = new PassThrough();
    const result = read(body);
    body.write(dahuaHeartbeatPart());
    await sleep(10);
    body.destroy(new Error('read ECONNRESET'));
    expect(await result).toEqual({ seen: ['heartbeat'], ended: 'closed' });
  });
});
