import { dahuaEventStreamGolden, DAHUA_GOLDEN_EVENTS } from '@ecogate/camera-simulator';
import { DahuaEventAssembler, type DahuaStreamItem } from './dahua-stream-events';
import {
  MultipartStreamError,
  MultipartStreamParser,
  type MultipartStreamLimits,
  multipartBoundary,
  type StreamPart,
} from './multipart-stream-parser';

const LIMITS: MultipartStreamLimits = {
  maxPartBytes: (type) => (type.startsWith('image/') ? 4096 : 2048),
  maxHeaderBytes: 512,
};
const golden = dahuaEventStreamGolden();

/** Feeds `pieces` one by one; the parts and the assembled items, flattened for comparison. */
function read(pieces: readonly Buffer[], boundary = golden.boundary) {
  const parser = new MultipartStreamParser(boundary, LIMITS);
  const assembler = new DahuaEventAssembler();
  const parts: StreamPart[] = [];
  const items: DahuaStreamItem[] = [];
  for (const piece of pieces) {
    for (const part of parser.push(piece)) {
      parts.push(part);
      items.push(...assembler.accept(part));
    }
  }
  items.push(...assembler.flush());
  return { parts: parts.map(summary), items: items.map(itemSummary) };
}

const summary = (part: StreamPart) => ({ type: part.contentType, body: part.body.toString('base64') });
const itemSummary = (item: DahuaStreamItem) =>
  item.kind === 'event'
    ? {
        kind: item.kind,
        code: item.event.code,
        data: JSON.parse(item.event.data) as unknown,
        images: item.event.images.map((image) => image.toString('base64')),
      }
    : item;

/** Splits at the given offsets. */
const splitAt = (bytes: Buffer, offsets: readonly number[]): Buffer[] => {
  const cuts = [0, ...offsets, bytes.length];
  return cuts.slice(1).map((end, i) => bytes.subarray(cuts[i], end));
};

/** A small seeded generator (mulberry32), so a failing split can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const part = (headers: string, body: string | Buffer, eol = '\r\n') =>
  Buffer.concat([Buffer.from(`${headers.split('\n').join(eol)}${eol}${eol}`), Buffer.from(body)]);

describe('MultipartStreamParser on the golden capture', () => {
  const whole = read([golden.bytes]);

  it('reads the golden stream as the two events with their pictures and the heartbeat between them', () => {
    const [first, second] = DAHUA_GOLDEN_EVENTS;
    expect(whole.parts.map((p) => p.type)).toEqual([
      'text/plain',
      'image/jpeg',
      'image/jpeg',
      'text/plain',
      'text/plain',
      'image/jpeg',
    ]);
    expect(whole.items).toEqual([
      {
        kind: 'event',
        code: 'TrafficJunction',
        data: expect.objectContaining({
          GroupID: 4101,
          EventID: 1,
          Object: expect.objectContaining({ Text: '皖A00E66' }),
        }),
        images: [first!.scene!.toString('base64'), first!.plateCrop!.toString('base64')],
      },
      { kind: 'heartbeat' },
      {
        kind: 'event',
        code: 'TrafficGate',
        data: expect.objectContaining({ GroupID: 4102, EventID: 2 }),
        images: [second!.scene!.toString('base64')],
      },
    ]);
  });

  it('gives the same parts and events whichever single offset the bytes are split at', () => {
    for (let offset = 1; offset < golden.bytes.length; offset += 1) {
      const split = read(splitAt(golden.bytes, [offset]));
      if (JSON.stringify(split) !== JSON.stringify(whole)) throw new Error(`differs when split at ${offset}`);
    }
  });

  it('gives the same parts and events for 300 seeded random chunkings, down to single bytes', () => {
    const random = seeded(20261128);
    for (let run = 0; run < 300; run += 1) {
      const offsets: number[] = [];
      const maxPiece = 1 + Math.floor(random() * (run % 3 === 0 ? 4 : 200));
      for (let at = 0; ;) {
        at += 1 + Math.floor(random() * maxPiece);
        if (at >= golden.bytes.length) break;
        offsets.push(at);
      }
      const split = read(splitAt(golden.bytes, offsets));
      if (JSON.stringify(split) !== JSON.stringify(whole)) {
        throw new Error(`differs for run ${run}, offsets ${offsets.join(',')}`);
      }
    }
  });
});

describe('MultipartStreamParser on firmware variations', () => {
  it('takes LF line ends, a boundary without its dashes, extra headers and parameters', () => {
    const bytes = Buffer.concat([
      Buffer.from('\n'),
      part(
        'myboundary\nContent-Type: text/plain; charset=utf-8\nX-Channel: 1\nContent-Length: 9',
        'Heartbeat',
        '\n',
      ),
      Buffer.from('\n\n'),
      part(
        '--myboundary\ncontent-type: IMAGE/JPEG\ncontent-length:4',
        Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
        '\n',
      ),
      Buffer.from('\n--myboundary--\n'),
    ]);
    const parser = new MultipartStreamParser('myboundary', LIMITS);
    const parts = parser.push(bytes);
    expect(parts.map((p) => [p.contentType, p.body.toString('hex')])).toEqual([
      ['text/plain', Buffer.from('Heartbeat').toString('hex')],
      ['image/jpeg', 'ffd8ffd9'],
    ]);
    expect(parts[0]!.headers.get('x-channel')).toBe('1');
  });

  it('reads a part without Content-Length up to the next boundary line, split anywhere', () => {
    const bytes = Buffer.from(
      '--myboundary\r\nContent-Type: text/plain\r\n\r\nCode=TrafficJunction;action=Pulse;data={"a":\r\n1}\r\n\r\n' +
        '--myboundary\r\nContent-Type: text/plain\r\n\r\nHeartbeat\r\n--myboundary\r\n',
    );
    const expected = [
      ['text/plain', 'Code=TrafficJunction;action=Pulse;data={"a":\r\n1}'],
      ['text/plain', 'Heartbeat'],
    ];
    for (let offset = 1; offset < bytes.length; offset += 1) {
      const parser = new MultipartStreamParser('myboundary', LIMITS);
      const parts = splitAt(bytes, [offset]).flatMap((piece) => parser.push(piece));
      expect(parts.map((p) => [p.contentType, p.body.toString()])).toEqual(expected);
    }
  });

  it('finds the boundary of the Content-Type, quoted or not, with or without its dashes', () => {
    expect(multipartBoundary('multipart/x-mixed-replace; boundary=myboundary')).toBe('myboundary');
    expect(multipartBoundary('multipart/x-mixed-replace;boundary="--myboundary"')).toBe('myboundary');
    expect(multipartBoundary('Multipart/X-Mixed-Replace; charset=x; Boundary=b1')).toBe('b1');
    expect(multipartBoundary('text/plain; boundary=myboundary')).toBeUndefined();
    expect(multipartBoundary('multipart/x-mixed-replace')).toBeUndefined();
  });
});

describe('MultipartStreamParser refusals', () => {
  const refusal = (pieces: readonly Buffer[]) => {
    const parser = new MultipartStreamParser('myboundary', LIMITS);
    try {
      for (const piece of pieces) parser.push(piece);
    } catch (error) {
      expect(error).toBeInstanceOf(MultipartStreamError);
      // Once out of step it stays so: the next bytes are refused the same way.
      expect(() => parser.push(Buffer.from('--myboundary\r\n'))).toThrow(error as Error);
      return (error as MultipartStreamError).code;
    }
    return undefined;
  };

  it('refuses an oversized picture by its Content-Length, before its bytes arrive', () => {
    expect(
      refusal([Buffer.from('--myboundary\r\nContent-Type: image/jpeg\r\nContent-Length: 4097\r\n\r\n')]),
    ).toBe('part-too-large');
    expect(
      refusal([Buffer.from('--myboundary\r\nContent-Type: image/jpeg\r\nContent-Length: 4096\r\n\r\n')]),
    ).toBe(undefined);
  });

  it('refuses an oversized part without length as soon as it crosses the limit', () => {
    const header = Buffer.from('--myboundary\r\nContent-Type: text/plain\r\n\r\n');
    expect(refusal([header, Buffer.alloc(1024, 0x41), Buffer.alloc(1025, 0x41)])).toBe('part-too-large');
  });

  it('refuses a Content-Length that is not a length', () => {
    for (const length of ['-1', '12abc', '0x10', '']) {
      expect(refusal([Buffer.from(`--myboundary\r\nContent-Length: ${length}\r\n\r\n`)])).toBe(
        'bad-content-length',
      );
    }
  });

  it('refuses a header block or a line that never ends', () => {
    const headers = Array.from({ length: 40 }, (_, i) => `X-Filler-${i}: ${'y'.repeat(10)}`).join('\r\n');
    expect(refusal([Buffer.from(`--myboundary\r\n${headers}\r\n\r\n`)])).toBe('headers-too-large');
    expect(refusal([Buffer.from('--myboundary\r\nContent-Type: '), Buffer.alloc(600, 0x61)])).toBe(
      'headers-too-large',
    );
  });

  it('refuses bytes that never reach a boundary line, and a header line of another shape', () => {
    expect(refusal([Buffer.from('HTTP noise\r\n'.repeat(60))])).toBe('no-boundary');
    expect(refusal([Buffer.alloc(600, 0x61)])).toBe('no-boundary');
    expect(refusal([Buffer.from('--myboundary\r\nthis is no header\r\n\r\n')])).toBe('malformed-part');
    expect(refusal([Buffer.from('--myboundary\r\n--myboundary\r\n')])).toBe('malformed-part');
  });
});
