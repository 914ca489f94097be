import { type EngineFixture, loadEngineFixture } from '../testing/engine-fixture';
import { encodeBmp, jpegClaiming, plateLessScene } from '../testing/image-builders';
import { cropBytes, sceneBytes } from '../testing/sample-files';
import { decodeImage } from '../image/image-decoder';
import { type PlateRead, type RecognitionResult } from './recognition-result';

let fixture: EngineFixture;

beforeAll(async () => {
  fixture = await loadEngineFixture();
});

afterAll(async () => {
  await fixture.engine.release();
});

const plates = (result: RecognitionResult): readonly PlateRead[] =>
  result.kind === 'plates' ? result.plates : [];

describe('PlateReader with the real models', () => {
  it('reads a rear double-row yellow plate, joined in reading order, and trusts it', async () => {
    const [plate] = plates(await fixture.reader.read(sceneBytes('double_yellow.jpg')));
    expect(plate).toMatchObject({
      text: '京EA5331',
      rows: 'double',
      colour: 'yellow',
      kind: 'large',
      verdict: 'trusted',
    });
    expect(plate?.characters).toHaveLength(7);
    expect(plate?.corners).toHaveLength(4);
    expect(Buffer.from(plate?.cropJpeg ?? []).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('returns every plate of a photo with two cars', async () => {
    const texts = plates(await fixture.reader.read(sceneBytes('single_blue.jpg'))).map((p) => p.text);
    expect(texts).toEqual(expect.arrayContaining(['浙B2V9L7', '辽DU4356']));
  });

  it('reads the same plate from PNG and BMP', async () => {
    const png = await fixture.reader.read(sceneBytes('we_tmpC90A.png'));
    const decoded = await decodeImage(sceneBytes('we_tmpC90A.png'), { maxPixels: 1e8, timeoutSeconds: 5 });
    if (!decoded.ok) throw new Error('sample did not decode');
    const bmp = await fixture.reader.read(encodeBmp(decoded.image, { bits: 24 }));
    expect(plates(png)[0]?.text).toBe('粤BD01366');
    expect(plates(bmp)[0]?.text).toBe('粤BD01366');
    expect(bmp.kind === 'plates' && bmp.image.format).toBe('bmp');
  });

  it('reads a plate crop straight through the recogniser', async () => {
    const [plate] = plates(await fixture.reader.read(cropBytes('京PL3N67.jpg'), 'crop'));
    expect(plate).toMatchObject({ text: '京PL3N67', detector: 'none', rows: 'single' });
  });

  it('sends a plate format the domain rejects to review, with the reason', async () => {
    // 民航B9016: the recogniser drops or mangles 航 on this photo.
    const [plate] = plates(await fixture.reader.read(sceneBytes('we_minghang.jpg')));
    expect(plate?.verdict).toBe('needs-review');
    expect(plate?.text).not.toBe('民航B9016');
  });

  it('answers a plate-less photo with no-plate', async () => {
    const result = await fixture.reader.read(await plateLessScene());
    expect(result.kind).toBe('no-plate');
  });

  it.each([
    ['zero bytes', () => Promise.resolve(Buffer.alloc(0)), 'empty'],
    ['a non-image', () => Promise.resolve(Buffer.from('{"plate":"京A12345"}')), 'unsupported-format'],
    [
      'a corrupt JPEG',
      () => Promise.resolve(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5000, 0x55)])),
      'corrupt',
    ],
    ['a truncated JPEG', () => Promise.resolve(sceneBytes('we_15.jpg').subarray(0, 9000)), 'truncated'],
    ['a 12000×12000 image', () => jpegClaiming(12000, 12000), 'too-large'],
  ])('answers %s with unreadable-image, never an exception', async (_, input, reason) => {
    const result = await fixture.reader.read(await input());
    expect(result).toMatchObject({ kind: 'unreadable-image', reason });
  });
});
