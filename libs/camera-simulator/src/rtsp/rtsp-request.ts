/** One RTSP request as a client sends it (RFC 2326 §6): request line, headers, optional body. */
export interface RtspRequest {
  readonly method: string;
  readonly url: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface ParsedRequests {
  readonly requests: RtspRequest[];
  /** Bytes not yet forming a complete request (kept for the next chunk). */
  readonly rest: Buffer;
}

const HEADER_END = Buffer.from('\r\n\r\n');
/** Requests from a test client are tiny; anything larger is garbage, not a request. */
const MAX_REQUEST_BYTES = 16 * 1024;

/**
 * Splits the bytes a client sent into complete requests. Interleaved data from the client
 * (`$` + channel + length: RTCP receiver reports) is skipped.
 */
export function parseRtspRequests(buffer: Buffer): ParsedRequests {
  const requests: RtspRequest[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    if (buffer[offset] === 0x24) {
      if (buffer.length - offset < 4) break;
      const length = buffer.readUInt16BE(offset + 2);
      if (buffer.length - offset < 4 + length) break;
      offset += 4 + length;
      continue;
    }
    const end = buffer.indexOf(HEADER_END, offset);
    if (end < 0) {
      if (buffer.length - offset > MAX_REQUEST_BYTES) throw new Error('RTSP request header too large');
      break;
    }
    const [requestLine = '', ...lines] = buffer.subarray(offset, end).toString('utf8').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const bodyLength = Number(headers['content-length'] ?? '0');
    if (!Number.isInteger(bodyLength) || bodyLength < 0 || bodyLength > MAX_REQUEST_BYTES) {
      throw new Error('Invalid RTSP Content-Length');
    }
    const bodyStart = end + HEADER_END.length;
    if (buffer.length < bodyStart + bodyLength) break;
    const [method = '', url = ''] = requestLine.split(' ');
    requests.push({
      method,
      url,
      headers,
      body: buffer.subarray(bodyStart, bodyStart + bodyLength).toString('utf8'),
    });
    offset = bodyStart + bodyLength;
  }
  return { requests, rest: buffer.subarray(offset) };
}

/** An RTSP response with CSeq echoed and Content-Length set. */
export function rtspResponse(
  status: number,
  reason: string,
  cseq: string | undefined,
  headers: Readonly<Record<string, string>> = {},
  body = '',
): Buffer {
  const lines = [`RTSP/1.0 ${status} ${reason}`];
  if (cseq !== undefined) lines.push(`CSeq: ${cseq}`);
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

/** RTP over the RTSP connection (RFC 2326 §10.12): `$`, channel, 16-bit length, packet. */
export function interleavedFrame(channel: number, packet: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header[0] = 0x24;
  header[1] = channel;
  header.writeUInt16BE(packet.length, 2);
  return Buffer.concat([header, packet]);
}
