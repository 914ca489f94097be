import { mergeSightings, type ScannedFrame } from './plate-sightings';

const T0 = Date.parse('2026-12-07T08:00:00Z');
const frame = (
  cameraId: string,
  second: number,
  reads: [text: string, confidence: number, trusted?: boolean][],
): ScannedFrame<string> => ({
  cameraId,
  atMs: T0 + second * 1000,
  frame: `${cameraId}@${second}`,
  reads: reads.map(([text, confidence, trusted = true]) => ({ text, confidence, trusted })),
});

describe('mergeSightings', () => {
  it('merges a plate read in consecutive frames into one sighting with its best frame', () => {
    const sightings = mergeSightings(
      [
        frame('cam-1', 2, [['京EA5331', 0.91]]),
        frame('cam-1', 0, [['京EA5331', 0.8, false]]),
        frame('cam-1', 1, [['京EA5331', 0.95]]),
        frame('cam-1', 3, []),
      ],
      3_000,
    );
    expect(sightings).toEqual([
      {
        plate: '京EA5331',
        cameraId: 'cam-1',
        firstSeenMs: T0,
        lastSeenMs: T0 + 2000,
        frames: 3,
        bestConfidence: 0.95,
        trusted: true,
        bestFrame: 'cam-1@1',
      },
    ]);
  });

  it('starts a new sighting after a gap longer than the limit, and keeps cameras apart', () => {
    const sightings = mergeSightings(
      [
        frame('cam-1', 0, [['京EA5331', 0.9]]),
        frame('cam-1', 4, [['京EA5331', 0.9]]),
        frame('cam-1', 10, [['京EA5331', 0.9]]),
        frame('cam-2', 4, [['京EA5331', 0.9]]),
      ],
      5_000,
    );
    expect(sightings.map((s) => [s.cameraId, (s.firstSeenMs - T0) / 1000, s.frames])).toEqual([
      ['cam-1', 0, 2],
      ['cam-2', 4, 1],
      ['cam-1', 10, 1],
    ]);
  });

  it('is untrusted when no read was trusted, and counts a frame once for a plate read twice in it', () => {
    const [only, ...rest] = mergeSightings(
      [
        frame('cam-1', 0, [
          ['粤NBM959', 0.5, false],
          ['粤NBM959', 0.7, false],
        ]),
        frame('cam-1', 1, [['粤NBM959', 0.6, false]]),
      ],
      5_000,
    );
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ frames: 2, bestConfidence: 0.7, trusted: false, bestFrame: 'cam-1@0' });
  });

  it('lists several plates in one frame as separate sightings', () => {
    const sightings = mergeSightings(
      [
        frame('cam-1', 0, [
          ['浙B2V9L7', 0.9],
          ['辽DU4356', 0.8],
        ]),
      ],
      5_000,
    );
    expect(sightings.map((s) => s.plate)).toEqual(['浙B2V9L7', '辽DU4356']);
  });
});
