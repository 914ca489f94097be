import { ANOMALY_CLIP_MARGIN_MS, clipOf } from './anomaly-clip';

describe('clipOf', () => {
  it("is the sighting camera's video from 30 s before to 30 s after the anomaly", () => {
    expect(ANOMALY_CLIP_MARGIN_MS).toBe(30_000);
    // Across a Beijing midnight (16:00 UTC): the window is instants, not days.
    expect(clipOf('yard-1', new Date('2026-12-07T16:00:10.000Z'))).toEqual({
      cameraId: 'yard-1',
      from: new Date('2026-12-07T15:59:40.000Z'),
      to: new Date('2026-12-07T16:00:40.000Z'),
    });
  });

  it('is none for an anomaly no loading-area camera saw (judged from gate rows)', () => {
    expect(clipOf(null, new Date('2026-12-07T08:00:00.000Z'))).toBeNull();
  });
});
