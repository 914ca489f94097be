import sharp from 'sharp';
import { encodeBmp, jpegClaiming } from '../testing/image-builders';
import { sceneBytes } from '../testing/sample-files';
import { decodeImage, encodeJpeg } from './image-decoder';
import { sniffImageFormat } from './image-format';

const options = { maxPixels: 40_000_000, timeoutSeconds: 10 };

describe('decodeImage', () => {
  it('decodes a real JPEG to packed RGB', async () => {
    const result = await decodeImage(sceneBytes('double_yellow.jpg'), options);
    expect(
      result.ok && { format: result.format, width: result.image.width, height: result.image.height },
    ).toEqual({
      format: 'jpeg',
      width: 500,
      height: 372,
    });
    if (result.ok) expect(result.image.data.length).toBe(500 * 372 * 3);
  });

  it('decodes a 16-bit RGBA PNG to 8-bit RGB', async () => {
    const result = await decodeImage(sceneBytes('hyperlpr_2.jpg'), options); // a PNG despite its name
    expect(result.ok && result.format).toBe('png');
    if (result.ok) expect(result.image.data.length).toBe(result.image.width * result.image.height * 3);
  });

  it('decodes 24- and 32-bit BMPs to the same pixels as the PNG they were made from', async () => {
    const png = await decodeImage(sceneBytes('we_tmpC90A.png'), options);
    if (!png.ok) throw new Error('sample did not decode');
    for (const bmp of [
      encodeBmp(png.image, { bits: 24 }),
      encodeBmp(png.image, { bits: 32, topDown: true }),
      encodeBmp(png.image, { bits: 32, bitfields: true }),
    ]) {
      const result = await decodeImage(bmp, options);
      expect(result.ok && result.format).toBe('bmp');
      if (result.ok) expect(Buffer.from(result.image.data).equals(Buffer.from(png.image.data))).toBe(true);
    }
  });

  it('applies the EXIF orientation', async () => {
    // 40×20 pixels stored, orientation 6 (rotate 90° clockwise to view): upright it is 20×40.
    const jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#ff0000' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const result = await decodeImage(jpeg, options);
    expect(result.ok && [result.image.width, result.image.height]).toEqual([20, 40]);
  });

  it.each([
    ['zero bytes', () => Promise.resolve(Buffer.alloc(0)), 'empty'],
    ['text', () => Promise.resolve(Buffer.from('this is not an image')), 'unsupported-format'],
    ['a GIF', () => Promise.resolve(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')), 'unsupported-format'],
    [
      'JPEG magic then garbage',
      () => Promise.resolve(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(2000, 7)])),
      'corrupt',
    ],
    ['a truncated JPEG', () => Promise.resolve(sceneBytes('we_15.jpg').subarray(0, 8000)), 'truncated'],
    ['a truncated PNG', () => Promise.resolve(sceneBytes('moto.png').subarray(0, 20000)), 'truncated'],
    ['a 12000×12000 JPEG header', () => jpegClaiming(12000, 12000), 'too-large'],
  ])('answers %s with a typed failure', async (_, input, reason) => {
    const result = await decodeImage(await input(), options);
    expect(result.ok ? 'decoded' : result.reason).toBe(reason);
  });
});

describe('sniffImageFormat', () => {
  it('goes by magic bytes only', () => {
    expect(sniffImageFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffImageFormat(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'))).toBe('png');
    expect(sniffImageFormat(Buffer.from('BM'))).toBe('bmp');
    expect(sniffImageFormat(Buffer.from('RIFF'))).toBeUndefined();
  });
});

describe('encodeJpeg', () => {
  it('returns a JPEG in a buffer of its own (transferable between threads)', async () => {
    const jpeg = await encodeJpeg({ width: 8, height: 4, data: new Uint8Array(8 * 4 * 3).fill(200) });
    expect(sniffImageFormat(jpeg)).toBe('jpeg');
    expect(jpeg.byteOffset).toBe(0);
    expect(jpeg.buffer.byteLength).toBe(jpeg.length);
  });
});
