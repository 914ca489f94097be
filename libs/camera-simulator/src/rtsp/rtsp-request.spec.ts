import { interleavedFrame, parseRtspRequests, rtspResponse } from './rtsp-request';
import { describeSdp } from './sdp';

describe('RTSP request parsing', () => {
  it('splits complete requests, keeps a partial one and skips interleaved client data', () => {
    const rtcp = interleavedFrame(1, Buffer.from([1, 2, 3]));
    const input = Buffer.concat([
      Buffer.from('OPTIONS rtsp://h/x RTSP/1.0\r\nCSeq: 1\r\n\r\n'),
      rtcp,
      Buffer.from('SET_PARAMETER rtsp://h/x RTSP/1.0\r\nCSeq: 2\r\nContent-Length: 3\r\n\r\nabc'),
      Buffer.from('PLAY rtsp://h/x RTSP/1.0\r\nCSe'),
    ]);
    const { requests, rest } = parseRtspRequests(input);
    expect(requests.map((r) => [r.method, r.headers['cseq'], r.body])).toEqual([
      ['OPTIONS', '1', ''],
      ['SET_PARAMETER', '2', 'abc'],
    ]);
    expect(rest.toString()).toBe('PLAY rtsp://h/x RTSP/1.0\r\nCSe');
  });

  it('refuses an oversized header', () => {
    expect(() => parseRtspRequests(Buffer.alloc(20_000, 0x41))).toThrow(/too large/);
  });

  it('writes responses with CSeq and Content-Length, and interleaved frames', () => {
    expect(rtspResponse(200, 'OK', '7', { Session: 's' }, 'v=0\r\n').toString()).toBe(
      'RTSP/1.0 200 OK\r\nCSeq: 7\r\nSession: s\r\nContent-Length: 5\r\n\r\nv=0\r\n',
    );
    expect([...interleavedFrame(0, Buffer.from([9, 9]))]).toEqual([0x24, 0, 0, 2, 9, 9]);
  });

  it('turns an RTP SDP into a DESCRIBE answer with control attributes and no fixed port', () => {
    const sdp = describeSdp(
      'v=0\no=- 0 0 IN IP4 127.0.0.1\ns=No Name\nc=IN IP4 127.0.0.1\nt=0 0\nm=video 40000 RTP/AVP 96\na=rtpmap:96 H264/90000\n',
    );
    expect(sdp.split('\r\n')).toEqual([
      'v=0',
      'o=- 0 0 IN IP4 127.0.0.1',
      's=No Name',
      'c=IN IP4 0.0.0.0',
      't=0 0',
      'a=control:*',
      'm=video 0 RTP/AVP 96',
      'a=control:trackID=0',
      'a=rtpmap:96 H264/90000',
      '',
    ]);
    expect(() => describeSdp('v=0\n')).toThrow();
  });
});
