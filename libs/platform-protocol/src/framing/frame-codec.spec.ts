import fc from 'fast-check';
import { decodeFrameJson, encodeFrame, FrameDecoder, FrameError } from './frame-codec';

const message = { type: 'heartbeat', seq: 7, body: '{"plate":"冀B12345"}' };

/** Splits `bytes` at the given cut points. */
const cut = (bytes: Buffer, points: number[]): Buffer[] => {
  const sorted = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let start = 0;
  for (const point of [...sorted, bytes.length]) {
    parts.push(bytes.subarray(start, point));
    start = point;
  }
  return parts;
};

const errorCode = (work: () => unknown): string | undefined => {
  try {
    work();
    return undefined;
  } catch (error) {
    return error instanceof FrameError ? error.code : 'other';
  }
};

describe('encodeFrame', () => {
  it('prefixes the UTF-8 JSON with its byte length, big-endian', () => {
    const frame = encodeFrame(message);
    const json = Buffer.from(JSON.stringify(message), 'utf8');
    expect(frame.readUInt32BE(0)).toBe(json.length);
    expect(frame.subarray(4)).toEqual(json);
  });

  it('refuses a frame larger than the limit', () => {
    expect(errorCode(() => encodeFrame('x'.repeat(11), 10))).toBe('frame-too-large');
  });
});

describe('FrameDecoder', () => {
  it('returns a frame delivered one byte at a time only once complete', () => {
    const decoder = new FrameDecoder();
    const bytes = encodeFrame(message);
    const frames = [...bytes].flatMap((byte) => decoder.push(Buffer.from([byte])));
    expect(frames).toHaveLength(1);
    expect(decodeFrameJson(frames[0]!)).toEqual(message);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('returns several frames from one chunk, keeping a trailing partial frame', () => {
    const decoder = new FrameDecoder();
    const second = encodeFrame({ seq: 2 });
    const chunk = Buffer.concat([encodeFrame({ seq: 1 }), second, encodeFrame({ seq: 3 }).subarray(0, 6)]);
    expect(decoder.push(chunk).map(decodeFrameJson)).toEqual([{ seq: 1 }, { seq: 2 }]);
    expect(decoder.push(encodeFrame({ seq: 3 }).subarray(6)).map(decodeFrameJson)).toEqual([{ seq: 3 }]);
  });

  it('reassembles any split of any sequence of frames', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (values, points) => {
          const stream = Buffer.concat(values.map((v) => encodeFrame(JSON.stringify(v) ?? 'null')));
          const decoder = new FrameDecoder();
          const frames = cut(stream, points).flatMap((part) => decoder.push(part));
          expect(frames.map((f) => f.toString('utf8'))).toEqual(
            values.map((v) => JSON.stringify(v) ?? 'null'),
          );
          expect(() => decoder.end()).not.toThrow();
        },
      ),
      { numRuns: 100 },
    );
  });

  it('rejects an oversize frame from its header, before the payload arrives', () => {
    const decoder = new FrameDecoder({ maxFrameBytes: 1024 });
    const header = Buffer.alloc(4);
    header.writeUInt32BE(1025, 0);
    expect(errorCode(() => decoder.push(header))).toBe('frame-too-large');
    // The stream cannot be resynchronised: the decoder stays failed.
    expect(errorCode(() => decoder.push(encodeFrame({ ok: true })))).toBe('frame-too-large');
  });

  it('rejects a zero-length frame', () => {
    expect(errorCode(() => new FrameDecoder().push(Buffer.alloc(4)))).toBe('empty-frame');
  });

  it('reports a stream that ends inside a frame', () => {
    const decoder = new FrameDecoder();
    decoder.push(encodeFrame(message).subarray(0, 10));
    expect(errorCode(() => decoder.end())).toBe('truncated-frame');
  });
});

describe('decodeFrameJson', () => {
  it('rejects invalid JSON and invalid UTF-8', () => {
    expect(errorCode(() => decodeFrameJson(Buffer.from('{"seq":')))).toBe('not-json');
    expect(errorCode(() => decodeFrameJson(Buffer.from([0x22, 0xff, 0x22])))).toBe('not-json');
  });
});
