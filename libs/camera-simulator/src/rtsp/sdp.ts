/**
 * Turns the SDP ffmpeg wrote for its RTP output (`-sdp_file`: a unicast session to a UDP port)
 * into a DESCRIBE answer: no fixed address or port (the client asks for TCP interleaving in
 * SETUP) and a control attribute per media, so the client knows what to SETUP.
 */
export function describeSdp(rtpSdp: string): string {
  const out: string[] = [];
  let track = 0;
  for (const line of rtpSdp.split(/\r?\n/)) {
    if (line === '') continue;
    if (line.startsWith('c=')) {
      out.push('c=IN IP4 0.0.0.0');
    } else if (line.startsWith('m=')) {
      if (track === 0) out.push('a=control:*');
      out.push(line.replace(/^m=(\w+) \d+ /, 'm=$1 0 '));
      out.push(`a=control:trackID=${track++}`);
    } else {
      out.push(line);
    }
  }
  if (track === 0) throw new Error('SDP without a media description');
  return `${out.join('\r\n')}\r\n`;
}
