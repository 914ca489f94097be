import { hikvisionAnprPost, multipartBody } from '@ecogate/camera-simulator';
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
import { HikvisionPushAdapter } from './hikvision-push.adapter';

interface HikvisionCase {
  readonly xml?: string;
  readonly plate?: string;
  readonly scene?: string;
  readonly contentType?: string;
}

function post(kind: 'ok' | 'not-ok', c: HikvisionCase): { contentType: string; body: Buffer } {
  const xml = c.xml ? readFileSync(join(FIXTURES, 'hikvision', kind, c.xml), 'utf8') : undefined;
  const plate = c.plate ? photo(c.plate) : undefined;
  const scene = c.scene ? photo(c.scene) : undefined;
  const built = xml
    ? hikvisionAnprPost(xml, plate, scene)
    : multipartBody([
        ...(plate
          ? [
              {
                name: 'licensePlatePicture.jpg',
                filename: 'licensePlatePicture.jpg',
                contentType: 'image/jpeg',
                body: plate,
              },
            ]
          : []),
        ...(scene
          ? [
              {
                name: 'detectionPicture.jpg',
                filename: 'detectionPicture.jpg',
                contentType: 'image/jpeg',
                body: scene,
              },
            ]
          : []),
      ]);
  return c.contentType ? { ...built, contentType: c.contentType } : built;
}

describe('HikvisionPushAdapter (golden files)', () => {
  const adapter = new HikvisionPushAdapter();

  it.each(readCases<HikvisionCase & OkCase>('hikvision', 'ok'))('accepts %s', async (_name, c) => {
    const { contentType, body } = post('ok', c);
    const push = await adapter.parse(contentType, body, TEST_LIMITS);
    expect(pick(summarise(push), Object.keys(c.expect))).toEqual(c.expect);
    // Images are kept byte for byte; the raw payload is the XML exactly as sent.
    if (c.plate) expect(push.images.plate?.bytes.equals(photo(c.plate))).toBe(true);
    if (c.scene) expect(push.images.scene?.bytes.equals(photo(c.scene))).toBe(true);
    expect(push.raw.bytes.toString('utf8')).toBe(
      readFileSync(join(FIXTURES, 'hikvision', 'ok', c.xml!), 'utf8'),
    );
  });

  it.each(readCases<HikvisionCase & { code: string }>('hikvision', 'not-ok'))(
    'refuses %s',
    async (_name, c) => {
      const { contentType, body } = post('not-ok', c);
      const error = await adapter.parse(contentType, body, TEST_LIMITS).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IngestException);
      expect((error as IngestException).code).toBe(c.code);
      expect((error as IngestException).message.length).toBeGreaterThan(5);
    },
  );

  it('accepts the optional vehiclePicture.jpg part and ignores it', async () => {
    const xml = readFileSync(join(FIXTURES, 'hikvision', 'ok', 'clean-blue.xml'));
    const plate = photo('crops/皖A00E66.jpg');
    const { contentType, body } = multipartBody([
      { name: 'anpr.xml', filename: 'anpr.xml', contentType: 'application/xml', body: xml },
      {
        name: 'licensePlatePicture.jpg',
        filename: 'licensePlatePicture.jpg',
        contentType: 'image/jpeg',
        body: plate,
      },
      { name: 'vehiclePicture.jpg', filename: 'vehiclePicture.jpg', contentType: 'image/jpeg', body: plate },
    ]);
    const push = await adapter.parse(contentType, body, TEST_LIMITS);
    expect(push.images.scene).toBeUndefined();
    expect(push.images.plate?.bytes.length).toBe(plate.length);
  });

  it('refuses a part sent twice', async () => {
    const xml = readFileSync(join(FIXTURES, 'hikvision', 'ok', 'clean-blue.xml'));
    const { contentType, body } = multipartBody([
      { name: 'anpr.xml', filename: 'anpr.xml', contentType: 'application/xml', body: xml },
      { name: 'anpr.xml', filename: 'anpr.xml', contentType: 'application/xml', body: xml },
    ]);
    await expect(adapter.parse(contentType, body, TEST_LIMITS)).rejects.toMatchObject({
      code: 'malformed-payload',
    });
  });

  it('answers 200 whatever the outcome (ISAPI cameras only check the status)', () => {
    expect(adapter.reply({ kind: 'duplicate', openBarrier: false }).status).toBe(200);
  });
});
