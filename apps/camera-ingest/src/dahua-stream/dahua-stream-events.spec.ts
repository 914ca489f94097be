import { DAHUA_GOLDEN_EVENTS, dahuaStreamEventText, syntheticJpeg } from '@ecogate/camera-simulator';
import { DahuaPushAdapter } from '../push/dahua/dahua-push.adapter';
import { IngestException } from '../push/ingest.exception';
import {
  jsonFixtureBody,
  type OkCase,
  readCases,
  summarise,
  TEST_LIMITS,
} from '../push/testing/push-fixtures';
import { DahuaEventAssembler, type DahuaStreamEvent, parseEventText } from './dahua-stream-events';
import { dahuaStreamPlateRead } from './dahua-stream-read';
import { type StreamPart } from './multipart-stream-parser';

const text = (body: string): StreamPart => ({
  contentType: 'text/plain',
  headers: new Map(),
  body: Buffer.from(body),
});
const jpeg = (label: string): StreamPart => ({
  contentType: 'image/jpeg',
  headers: new Map(),
  body: syntheticJpeg(label),
});
const EVENT = 'Code=TrafficJunction;action=Pulse;index=0;data={"GroupID":1}';

describe('parseEventText', () => {
  it('reads a heartbeat and an event whose data holds separators and line breaks', () => {
    expect(parseEventText('Heartbeat\r\n')).toEqual({ kind: 'heartbeat' });
    expect(parseEventText('Code=TrafficGate;action=Pulse;index=0;data={\n   "a": "x;y=z"\n}')).toEqual({
      kind: 'event',
      code: 'TrafficGate',
      action: 'Pulse',
      data: '{\n   "a": "x;y=z"\n}',
    });
    expect(parseEventText('code=VideoMotion; Action=Start ;index=0')).toEqual({
      kind: 'event',
      code: 'VideoMotion',
      action: 'Start',
      data: '',
    });
    expect(parseEventText('OK')).toBeUndefined();
    expect(parseEventText('action=Pulse;data={"Code":"TrafficJunction"}')).toBeUndefined();
  });
});

describe('DahuaEventAssembler', () => {
  const images = (items: ReturnType<DahuaEventAssembler['accept']>) =>
    items.map((item) => (item.kind === 'event' ? item.event.images.length : item.kind));

  it('completes an event with its second picture', () => {
    const assembler = new DahuaEventAssembler();
    expect(assembler.accept(text(EVENT))).toEqual([]);
    expect(assembler.accept(jpeg('scene'))).toEqual([]);
    expect(assembler.pending).toBe(true);
    expect(images(assembler.accept(jpeg('plate')))).toEqual([2]);
    expect(assembler.pending).toBe(false);
  });

  it('completes an event with fewer pictures at the next text part, or when flushed', () => {
    const assembler = new DahuaEventAssembler();
    assembler.accept(text(EVENT));
    assembler.accept(jpeg('scene'));
    expect(images(assembler.accept(text('Heartbeat')))).toEqual([1, 'heartbeat']);
    assembler.accept(text(EVENT));
    expect(images(assembler.accept(text(EVENT)))).toEqual([0]);
    expect(images(assembler.flush())).toEqual([0]);
    expect(assembler.flush()).toEqual([]);
  });

  it('skips pictures without an event, other codes and other part types', () => {
    const assembler = new DahuaEventAssembler();
    const skipped = [
      ...assembler.accept(jpeg('stray')),
      ...assembler.accept(text('Code=VideoMotion;action=Start;index=0')),
      ...assembler.accept({
        contentType: 'application/octet-stream',
        headers: new Map(),
        body: Buffer.alloc(3),
      }),
      ...assembler.accept(text('Success')),
    ];
    expect(skipped.map((item) => item.kind === 'ignored' && item.reason)).toEqual([
      'a picture without an event',
      'event code VideoMotion',
      'a application/octet-stream part',
      'a text part that is neither event nor heartbeat',
    ]);
    // A third picture after a complete event is one without an event.
    assembler.accept(text(EVENT));
    assembler.accept(jpeg('scene'));
    assembler.accept(jpeg('plate'));
    expect(assembler.accept(jpeg('vehicle'))).toEqual([
      { kind: 'ignored', reason: 'a picture without an event' },
    ]);
  });
});

describe('dahuaStreamPlateRead', () => {
  const golden = DAHUA_GOLDEN_EVENTS[0]!;
  const streamed = (over: Partial<DahuaStreamEvent> = {}): DahuaStreamEvent => {
    const body = dahuaStreamEventText(golden);
    return {
      code: 'TrafficJunction',
      action: 'Pulse',
      data: body.slice(body.indexOf('data=') + 5),
      text: Buffer.from(body),
      images: [golden.scene!, golden.plateCrop!],
      ...over,
    };
  };
  const refusal = (event: DahuaStreamEvent) => {
    try {
      dahuaStreamPlateRead(event, TEST_LIMITS);
    } catch (error) {
      expect(error).toBeInstanceOf(IngestException);
      return (error as IngestException).code;
    }
    return 'accepted';
  };

  it('maps a streamed event like a pushed one: key, time, plate, pictures, the event part as raw payload', () => {
    const event = streamed();
    const push = dahuaStreamPlateRead(event, TEST_LIMITS);
    expect(summarise(push)).toMatchObject({
      idempotencyKey: '4101:1',
      capturedAt: '2026-11-28T08:00:05.120Z',
      plateText: '皖A00E66',
      rawColour: 'Blue',
      confidence: 0.96,
      offline: false,
      verdict: 'trusted',
      anomalies: [],
    });
    expect(push.images.scene?.bytes.equals(golden.scene!)).toBe(true);
    expect(push.images.plate?.bytes.equals(golden.plateCrop!)).toBe(true);
    expect(push.raw).toEqual({ bytes: event.text, contentType: 'text/plain', ext: 'txt' });
  });

  it('refuses what a push would refuse', () => {
    const data = JSON.parse(streamed().data) as { Data?: unknown; EventID?: number };
    expect(refusal(streamed({ data: '{"GroupID": 1,' }))).toBe('malformed-payload');
    expect(refusal(streamed({ data: JSON.stringify({ ...data, EventID: undefined }) }))).toBe(
      'invalid-field',
    );
    expect(refusal(streamed({ code: 'TrafficParking' }))).toBe('invalid-field');
    expect(refusal(streamed({ images: [] }))).toBe('missing-part');
    expect(refusal(streamed({ images: [Buffer.from('\x89PNG\r\n')] }))).toBe('invalid-field');
    const huge = Buffer.alloc(TEST_LIMITS.maxImageBytes + 1, 0x20);
    huge.set([0xff, 0xd8, 0xff]);
    expect(refusal(streamed({ images: [golden.scene!, huge] }))).toBe('image-too-large');
  });

  // The push's golden files, sent as a stream event instead: one mapping, the same reads.
  it.each(readCases<OkCase & { file: string; dir?: 'ok' }>('dahua', 'ok'))(
    'reads %s from the stream as the push does',
    async (_name, c) => {
      const body = jsonFixtureBody('dahua', c.dir ?? 'ok', c.file);
      const pushed = await new DahuaPushAdapter().parse('application/json', body, TEST_LIMITS);
      const json = JSON.parse(body.toString('utf8')) as { Code: string; Data: unknown };
      const images = [pushed.images.scene, pushed.images.plate].flatMap((image) =>
        image ? [image.bytes] : [],
      );
      const fromStream = dahuaStreamPlateRead(
        {
          code: json.Code,
          action: 'Pulse',
          data: JSON.stringify(json.Data, null, 3),
          text: Buffer.alloc(0),
          images,
        },
        TEST_LIMITS,
      );
      expect(summarise(fromStream)).toEqual(summarise(pushed));
      expect(fromStream.plateType).toEqual(pushed.plateType);
    },
  );
});
