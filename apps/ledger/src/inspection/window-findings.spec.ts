import { type ScannedPlate } from '../video-archive/video-archive.client';
import { normalisePlate, type PassageTimes, windowFindings } from './window-findings';

const at = (hhmmss: string) => new Date(`2026-03-10T${hhmmss}+08:00`);
const seen = (over: Partial<ScannedPlate> & Pick<ScannedPlate, 'plate'>): ScannedPlate => ({
  cameraId: 'cam-east',
  firstSeenAt: at('10:02:00').toISOString(),
  lastSeenAt: at('10:02:30').toISOString(),
  frames: 12,
  bestConfidence: 0.97,
  trusted: true,
  framePath: '/frames/1.jpg',
  ...over,
});
const passage = (id: string, plate: string, entry: Date | null, exit: Date | null = null): PassageTimes => ({
  id,
  plate,
  entryCapturedAt: entry,
  exitCapturedAt: exit,
});
const MARGIN = 120_000;

describe('windowFindings', () => {
  it('matches a sighting to a passage of the same plate captured within the margin, before or after', () => {
    const { sightings, seenWithoutPassage, unsure } = windowFindings(
      [
        seen({ plate: '冀B12345' }),
        // Filmed 90 s after its exit was captured: still within the 2 min margin.
        seen({
          plate: '冀B67890',
          firstSeenAt: at('10:05:30').toISOString(),
          lastSeenAt: at('10:06:00').toISOString(),
        }),
      ],
      [
        passage('p-entry', '冀B12345', at('10:03:40'), at('11:00:00')),
        passage('p-exit', '冀B67890', at('08:00:00'), at('10:04:00')),
      ],
      MARGIN,
    );
    expect(sightings.map((s) => [s.plate, s.passageId, s.finding])).toEqual([
      ['冀B12345', 'p-entry', 'in-ledger'],
      ['冀B67890', 'p-exit', 'in-ledger'],
    ]);
    expect({ seenWithoutPassage, unsure }).toEqual({ seenWithoutPassage: 0, unsure: 0 });
  });

  it('reports a trusted read with no passage, or one only outside the margin, as seen without passage', () => {
    const { sightings, seenWithoutPassage } = windowFindings(
      [seen({ plate: '冀B12345' }), seen({ plate: '冀B00001', cameraId: 'cam-west' })],
      // Its entry 2 min 1 s after the last frame, and it left long before: not this sighting.
      [
        passage('p-late', '冀B12345', at('10:04:31'), null),
        passage('p-gone', '冀B00001', at('06:00:00'), at('07:00:00')),
      ],
      MARGIN,
    );
    expect(sightings.map((s) => [s.plate, s.passageId, s.finding])).toEqual([
      ['冀B12345', null, 'seen-without-passage'],
      ['冀B00001', null, 'seen-without-passage'],
    ]);
    expect(seenWithoutPassage).toBe(2);
  });

  it('counts a vehicle recorded inside the plant across the sighting as in the ledger', () => {
    const { sightings } = windowFindings(
      [seen({ plate: '冀B12345' }), seen({ plate: '冀B55555' })],
      [
        passage('inside', '冀B12345', at('07:00:00'), null),
        passage('stay', '冀B55555', at('07:00:00'), at('12:00:00')),
      ],
      MARGIN,
    );
    expect(sightings.map((s) => s.passageId)).toEqual(['inside', 'stay']);
  });

  it('prefers the passage whose capture is nearest, and compares plates without case or separators', () => {
    const { sightings } = windowFindings(
      [seen({ plate: '冀b·123 45' })],
      [
        passage('inside-long', '冀B12345', at('06:00:00'), null),
        passage('near', '冀B12345', at('10:02:10'), null),
        passage('farther', '冀B12345', at('10:03:50'), null),
      ],
      MARGIN,
    );
    expect(sightings[0]?.passageId).toBe('near');
    expect(normalisePlate(' 冀b-12.345 ')).toBe('冀B12345');
  });

  it('lists untrusted reads without a passage apart, once per plate, and not when the plate is already reported', () => {
    const { sightings, seenWithoutPassage, unsure } = windowFindings(
      [
        seen({ plate: '冀B1234?', trusted: false, bestConfidence: 0.4 }),
        seen({ plate: '冀B1234?', trusted: false, cameraId: 'cam-west' }),
        seen({ plate: '冀B99999', trusted: true }),
        seen({ plate: '冀B99999', trusted: false, cameraId: 'cam-west' }),
        seen({ plate: '冀B77777', trusted: false }),
      ],
      [passage('p', '冀B77777', at('10:02:00'), null)],
      MARGIN,
    );
    expect(sightings.filter((s) => s.finding === 'unsure').map((s) => s.plate)).toEqual([
      '冀B1234?',
      '冀B1234?',
      '冀B99999',
    ]);
    expect(sightings.find((s) => s.plate === '冀B77777')?.finding).toBe('in-ledger');
    expect({ seenWithoutPassage, unsure }).toEqual({ seenWithoutPassage: 1, unsure: 1 });
  });

  it('orders sightings by first seen, then camera', () => {
    const { sightings } = windowFindings(
      [
        seen({ plate: 'B', cameraId: 'cam-b', firstSeenAt: at('10:01:00').toISOString() }),
        seen({ plate: 'A', cameraId: 'cam-a', firstSeenAt: at('10:01:00').toISOString() }),
        seen({ plate: 'C', firstSeenAt: at('10:00:00').toISOString() }),
      ],
      [],
      MARGIN,
    );
    expect(sightings.map((s) => s.plate)).toEqual(['C', 'A', 'B']);
  });
});
