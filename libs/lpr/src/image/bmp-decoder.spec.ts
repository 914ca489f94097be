import { encodeBmp, rawImage } from '../testing/image-builders';
import { decodeBmp } from './bmp-decoder';

const gradient = rawImage(5, 3, (x, y) => [x * 40, y * 80, 255 - x * 10]); // odd width: rows are padded

describe('decodeBmp', () => {
  it.each([
    ['24-bit bottom-up', { bits: 24 as const }],
    ['24-bit top-down', { bits: 24 as const, topDown: true }],
    ['32-bit', { bits: 32 as const }],
    ['32-bit bitfields', { bits: 32 as const, bitfields: true }],
  ])('reads %s pixels exactly', (_, options) => {
    const result = decodeBmp(encodeBmp(gradient, options), 1e6);
    expect(result.ok && Array.from(result.image.data)).toEqual(Array.from(gradient.data));
  });

  it('refuses by pixel count before allocating', () => {
    const header = encodeBmp(gradient, { bits: 24 });
    header.writeInt32LE(12000, 18);
    header.writeInt32LE(12000, 22);
    const result = decodeBmp(header, 40_000_000);
    expect(result.ok ? 'decoded' : result.reason).toBe('too-large');
  });

  it('detects missing pixel data', () => {
    const bmp = encodeBmp(gradient, { bits: 24 });
    const result = decodeBmp(bmp.subarray(0, bmp.length - 4), 1e6);
    expect(result.ok ? 'decoded' : result.reason).toBe('truncated');
  });

  it('refuses palette and compressed layouts as unsupported', () => {
    const eightBit = encodeBmp(gradient, { bits: 24 });
    eightBit.writeUInt16LE(8, 28);
    const rle = encodeBmp(gradient, { bits: 24 });
    rle.writeUInt32LE(1, 30);
    for (const bmp of [eightBit, rle]) {
      const result = decodeBmp(bmp, 1e6);
      expect(result.ok ? 'decoded' : result.reason).toBe('unsupported-format');
    }
  });

  it('answers a bare header as truncated and nonsense sizes as corrupt', () => {
    expect(decodeBmp(Buffer.from('BM'), 1e6)).toMatchObject({ ok: false, reason: 'truncated' });
    const zeroWidth = encodeBmp(gradient, { bits: 24 });
    zeroWidth.writeInt32LE(0, 18);
    expect(decodeBmp(zeroWidth, 1e6)).toMatchObject({ ok: false, reason: 'corrupt' });
  });
});
