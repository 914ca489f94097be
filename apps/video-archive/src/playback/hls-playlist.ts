export interface PlaylistSegment {
  readonly startAt: Date;
  readonly endAt: Date;
  readonly url: string;
}

/**
 * An HLS VOD playlist of archived MPEG-TS segments, oldest first. Each run of back-to-back
 * segments carries its wall-clock start (EXT-X-PROGRAM-DATE-TIME); wherever a segment does not
 * start exactly where the previous one ended (a gap, or a new recorder run whose timestamps
 * restart) an EXT-X-DISCONTINUITY tells the player to reset its timeline.
 */
export function buildHlsPlaylist(segments: readonly PlaylistSegment[], startOffsetSeconds = 0): string {
  if (segments.length === 0) throw new Error('a playlist needs at least one segment');
  const seconds = (s: PlaylistSegment): number => (s.endAt.getTime() - s.startAt.getTime()) / 1000;
  const target = Math.max(1, Math.ceil(Math.max(...segments.map(seconds))));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    `#EXT-X-TARGETDURATION:${target}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-INDEPENDENT-SEGMENTS',
  ];
  if (startOffsetSeconds > 0)
    lines.push(`#EXT-X-START:TIME-OFFSET=${startOffsetSeconds.toFixed(3)},PRECISE=YES`);
  let previous: PlaylistSegment | undefined;
  for (const segment of segments) {
    const joined = previous !== undefined && previous.endAt.getTime() === segment.startAt.getTime();
    if (previous !== undefined && !joined) lines.push('#EXT-X-DISCONTINUITY');
    if (!joined) lines.push(`#EXT-X-PROGRAM-DATE-TIME:${segment.startAt.toISOString()}`);
    lines.push(`#EXTINF:${seconds(segment).toFixed(3)},`, segment.url);
    previous = segment;
  }
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}
