import { buildHlsPlaylist } from './hls-playlist';

const T0 = Date.parse('2026-11-28T06:05:00.000Z');
const seg = (from: number, to: number) => ({
  startAt: new Date(T0 + from * 1000),
  endAt: new Date(T0 + to * 1000),
  url: `https://s3.local/v/${from}.ts?X-Amz-Signature=abc`,
});

describe('buildHlsPlaylist', () => {
  it('lists back-to-back segments under one program date-time', () => {
    expect(buildHlsPlaylist([seg(0, 60), seg(60, 120)]).split('\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      '#EXT-X-PLAYLIST-TYPE:VOD',
      '#EXT-X-TARGETDURATION:60',
      '#EXT-X-MEDIA-SEQUENCE:0',
      '#EXT-X-INDEPENDENT-SEGMENTS',
      '#EXT-X-PROGRAM-DATE-TIME:2026-11-28T06:05:00.000Z',
      '#EXTINF:60.000,',
      'https://s3.local/v/0.ts?X-Amz-Signature=abc',
      '#EXTINF:60.000,',
      'https://s3.local/v/60.ts?X-Amz-Signature=abc',
      '#EXT-X-ENDLIST',
      '',
    ]);
  });

  it('marks a gap with a discontinuity and the new wall-clock start', () => {
    const text = buildHlsPlaylist([seg(0, 60), seg(90, 150.5)]);
    expect(text).toContain(
      [
        'https://s3.local/v/0.ts?X-Amz-Signature=abc',
        '#EXT-X-DISCONTINUITY',
        '#EXT-X-PROGRAM-DATE-TIME:2026-11-28T06:06:30.000Z',
        '#EXTINF:60.500,',
      ].join('\n'),
    );
    expect(text).toContain('#EXT-X-TARGETDURATION:61');
  });

  it('points the player at the window start inside the first segment', () => {
    expect(buildHlsPlaylist([seg(0, 60)], 12.5)).toContain('#EXT-X-START:TIME-OFFSET=12.500,PRECISE=YES');
    expect(buildHlsPlaylist([seg(0, 60)])).not.toContain('#EXT-X-START');
  });

  it('refuses an empty playlist', () => {
    expect(() => buildHlsPlaylist([])).toThrow(/at least one segment/);
  });
});
