import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FIXTURES,
  type OkCase,
  photo,
  pick,
  readCases,
  summarise,
  TEST_LIMITS,
} from '../testing/push-fixtures';
import { IngestException } from '../ingest.exception';
import { VzenithPushAdapter } from './vzenith-push.adapter';

interface VzenithCase {
  readonly file: string;
  readonly dir?: 'ok' | 'not-ok';
  readonly contentType?: string;
}

/** The fixture with its `@photo:` / `@oversized` image fields replaced by base64. */
function body(kind: 'ok' | 'not-ok', c: VzenithCase): Buffer {
  const text = readFileSync(join(FIXTURES, 'vzenith', c.dir ?? kind, c.file), 'utf8');
  return Buffer.from(
    text.replace(/"@(photo:([^"]+)|oversized)"/g, (_m, _all: string, path?: string) =>
      JSON.stringify(photo(path ?? '@oversized').toString('base64')),
    ),
  );
}

describe('VzenithPushAdapter (golden files)', () => {
  const adapter = new VzenithPushAdapter();

  it.each(readCases<VzenithCase & OkCase>('vzenith', 'ok'))('accepts %s', async (_name, c) => {
    const push = await adapter.parse(c.contentType ?? 'application/json', body('ok', c), TEST_LIMITS);
    expect(pick(summarise(push), Object.keys(c.expect))).toEqual(c.expect);
    expect(push.images.scene?.contentType).toBe('image/jpeg');
    expect(push.images.plate?.contentType).toBe('image/jpeg');
  });

  it.each(readCases<VzenithCase & { code: string }>('vzenith', 'not-ok'))('refuses %s', async (_name, c) => {
    const error = await adapter
      .parse(c.contentType ?? 'application/json', body('not-ok', c), TEST_LIMITS)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestException);
    expect((error as IngestException).code).toBe(c.code);
  });

  it('opens the barrier only with "ok"', () => {
    expect(JSON.parse(adapter.reply({ kind: 'accepted', openBarrier: true }).body)).toEqual({
      Response_AlarmInfoPlate: { info: 'ok' },
    });
    expect(JSON.parse(adapter.reply({ kind: 'accepted', openBarrier: false }).body)).toEqual({
      Response_AlarmInfoPlate: { info: 'no' },
    });
    expect(
      JSON.parse(adapter.reply({ kind: 'duplicate', openBarrier: false }).body).Response_AlarmInfoPlate.info,
    ).toBe('no');
  });
});
