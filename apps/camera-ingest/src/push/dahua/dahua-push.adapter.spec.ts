import { IngestException } from '../ingest.exception';
import {
  jsonFixtureBody,
  type OkCase,
  pick,
  readCases,
  summarise,
  TEST_LIMITS,
} from '../testing/push-fixtures';
import { DahuaPushAdapter } from './dahua-push.adapter';

interface DahuaCase {
  readonly file: string;
  readonly dir?: 'ok' | 'not-ok';
  readonly contentType?: string;
  /** Images the push carries; both by default. */
  readonly images?: readonly ('scene' | 'plate')[];
}

describe('DahuaPushAdapter (golden files)', () => {
  const adapter = new DahuaPushAdapter();

  it.each(readCases<DahuaCase & OkCase>('dahua', 'ok'))('accepts %s', async (_name, c) => {
    const body = jsonFixtureBody('dahua', c.dir ?? 'ok', c.file);
    const push = await adapter.parse(c.contentType ?? 'application/json', body, TEST_LIMITS);
    expect(pick(summarise(push), Object.keys(c.expect))).toEqual(c.expect);
    expect(Object.keys(push.images).sort()).toEqual([...(c.images ?? ['plate', 'scene'])].sort());
    for (const image of Object.values(push.images)) {
      expect(image.contentType).toBe('image/jpeg');
      expect(image.bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    }
    // The whole event is kept for audits, exactly as received.
    expect(push.raw).toEqual({ bytes: body, contentType: 'application/json', ext: 'json' });
  });

  it.each(readCases<DahuaCase & { code: string }>('dahua', 'not-ok'))('refuses %s', async (_name, c) => {
    const error = await adapter
      .parse(
        c.contentType ?? 'application/json',
        jsonFixtureBody('dahua', c.dir ?? 'not-ok', c.file),
        TEST_LIMITS,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestException);
    expect((error as IngestException).code).toBe(c.code);
  });

  it('keys a capture by GroupID + EventID, not by plate and time', async () => {
    const body = (groupId: number, eventId: number) => {
      const event = JSON.parse(jsonFixtureBody('dahua', 'ok', 'clean-blue.json').toString('utf8'));
      event.Data.GroupID = groupId;
      event.Data.EventID = eventId;
      return Buffer.from(JSON.stringify(event));
    };
    const keys = await Promise.all(
      [body(7, 1), body(7, 2), body(8, 1)].map(
        async (b) => (await adapter.parse('application/json', b, TEST_LIMITS)).idempotencyKey,
      ),
    );
    expect(keys).toEqual(['7:1', '7:2', '8:1']);
  });

  it('answers with the outcome only (the barrier is opened by barrier-control)', () => {
    expect(JSON.parse(adapter.reply({ kind: 'accepted', openBarrier: true }).body)).toEqual({
      status: 'accepted',
    });
    expect(adapter.reply({ kind: 'duplicate', openBarrier: false })).toMatchObject({ status: 200 });
  });
});
