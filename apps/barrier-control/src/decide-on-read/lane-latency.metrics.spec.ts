import { readsOf } from './lane-latency.metrics';

describe('readsOf', () => {
  const read = { text: '冀A12345', confidence: 0.97 } as const;
  it('names the reads a decision rests on', () => {
    expect(
      [
        {},
        { reads: {} },
        { reads: { camera: read } },
        { reads: { server: read } },
        { reads: { camera: read, server: read } },
      ].map((decided) => readsOf(decided as Parameters<typeof readsOf>[0])),
    ).toEqual(['none', 'none', 'camera', 'server', 'both']);
  });
});
