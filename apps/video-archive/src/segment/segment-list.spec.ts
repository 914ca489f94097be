import { parseSegmentList } from './segment-list';

describe('parseSegmentList', () => {
  it('reads closed segments in order', () => {
    expect(
      parseSegmentList('run-1-000000.ts,0.000000,5.000000\nrun-1-000001.ts,5.000000,10.000000\n'),
    ).toEqual([
      { file: 'run-1-000000.ts', startSeconds: 0, endSeconds: 5 },
      { file: 'run-1-000001.ts', startSeconds: 5, endSeconds: 10 },
    ]);
  });

  it('ignores a last line that is still being written', () => {
    expect(parseSegmentList('run-1-000000.ts,0.0,5.0\nrun-1-000001.ts,5.0,1')).toHaveLength(1);
  });

  it('ignores malformed lines and names that could leave the spool folder', () => {
    expect(parseSegmentList('../x.ts,0,5\nrun-1-000002.ts,abc,5\nrun-1-000003.ts,5,4\n')).toEqual([]);
  });
});
