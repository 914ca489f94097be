import { compactInstant, segmentKey } from './segment-key';

describe('segmentKey', () => {
  const start = new Date('2026-11-28T23:59:55.120Z');

  it('puts the segment under enterprise/site/UTC date/video/camera/start.ts', () => {
    expect(segmentKey({ enterpriseId: 'ent-1', siteId: 'site-a', cameraId: 'gate-1', start })).toBe(
      'ent-1/site-a/2026/11/28/video/gate-1/20261128T235955120Z.ts',
    );
  });

  it('refuses a camera id that could escape its folder', () => {
    expect(() => segmentKey({ enterpriseId: 'ent-1', siteId: 'site-a', cameraId: '../x', start })).toThrow(
      /Invalid camera id/,
    );
  });

  it('refuses an invalid enterprise id (validated by the storage lib)', () => {
    expect(() => segmentKey({ enterpriseId: 'a/b', siteId: 's', cameraId: 'c', start })).toThrow();
  });

  it('formats instants sortably', () => {
    expect(compactInstant(new Date('2026-01-02T03:04:05.006Z'))).toBe('20260102T030405006Z');
  });
});
