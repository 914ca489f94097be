import { contiguousRun, covers, cutPoints } from './clip-plan';

const T0 = Date.parse('2026-11-28T06:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);
const span = (from: number, to: number) => ({ startAt: at(from), endAt: at(to) });

describe('contiguousRun', () => {
  it('keeps back-to-back segments together', () => {
    const run = contiguousRun([span(0, 5), span(5, 10), span(10, 15)], at(7));
    expect(run).toHaveLength(3);
  });

  it('takes the run holding the passage instant when the index has a gap', () => {
    const run = contiguousRun([span(0, 5), span(5, 10), span(12, 17), span(17, 22)], at(13));
    expect(run.map((s) => s.startAt)).toEqual([at(12), at(17)]);
  });

  it('falls back to the longest run when the instant itself fell into the gap', () => {
    const run = contiguousRun([span(0, 5), span(11, 15), span(15, 20)], at(10));
    expect(run.map((s) => s.startAt)).toEqual([at(11), at(15)]);
  });

  it('is empty without segments', () => {
    expect(contiguousRun([], at(0))).toEqual([]);
  });
});

describe('covers', () => {
  it('needs video from the window start to its end', () => {
    const run = [span(0, 5), span(5, 10)];
    expect(covers(run, { from: at(1), to: at(10) })).toBe(true);
    expect(covers(run, { from: at(1), to: at(10.5) })).toBe(false);
    expect(covers([span(2, 10)], { from: at(1), to: at(9) })).toBe(false);
    expect(covers([], { from: at(1), to: at(2) })).toBe(false);
  });
});

describe('cutPoints', () => {
  const run = [span(10, 15), span(15, 20)];
  const keyFrames = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

  it('snaps the start back to the key frame at or before it and keeps the requested end', () => {
    expect(cutPoints(run, keyFrames, { from: at(12.35), to: at(17.5) })).toEqual({
      startSeconds: 2,
      endSeconds: 7.5,
      actual: { from: at(12), to: at(17.5) },
    });
  });

  it('starts on a key frame that sits exactly on the requested start', () => {
    expect(cutPoints(run, keyFrames, { from: at(13), to: at(14) })?.actual.from).toEqual(at(13));
  });

  it('clamps to the recorded video when the window reaches beyond it', () => {
    expect(cutPoints(run, keyFrames, { from: at(5), to: at(25) })).toEqual({
      startSeconds: 0,
      endSeconds: 10,
      actual: { from: at(10), to: at(20) },
    });
  });

  it('gives up without a key frame before the window end', () => {
    expect(cutPoints(run, [], { from: at(11), to: at(12) })).toBeNull();
    expect(cutPoints(run, [8], { from: at(11), to: at(12) })).toBeNull();
  });
});
