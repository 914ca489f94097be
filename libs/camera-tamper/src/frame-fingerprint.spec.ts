import sharp from 'sharp';
import { frameFingerprint, TamperImageError } from './index';
import { liveFrame, syntheticScene } from './testing';

describe('frameFingerprint', () => {
  let scene: Buffer;
  beforeAll(async () => {
    scene = await syntheticScene({ width: 320, height: 240 });
  });

  it('is the same for a repeated frame, also re-encoded the same way or with other metadata', async () => {
    const frame = await liveFrame(scene, 2, 1);
    const print = await frameFingerprint(frame);
    expect(await frameFingerprint(Buffer.from(frame))).toBe(print);
    const pixels = await sharp(frame).raw().toBuffer({ resolveWithObject: true });
    const asPng = await sharp(pixels.data, { raw: pixels.info }).png().toBuffer();
    expect(await frameFingerprint(asPng)).toBe(print);
    const withExif = await sharp(asPng)
      .withExif({ IFD0: { DateTime: '2026:12:07 10:00:00' } })
      .png()
      .toBuffer();
    expect(await frameFingerprint(withExif)).toBe(print);
  });

  it('differs between two live frames of a static scene (sensor noise)', async () => {
    const first = await frameFingerprint(await liveFrame(scene, 1, 1));
    const second = await frameFingerprint(await liveFrame(scene, 1, 2));
    expect(first).not.toBe(second);
  });

  it('rejects what is not an image', async () => {
    await expect(frameFingerprint(Buffer.from('nope'))).rejects.toBeInstanceOf(TamperImageError);
  });
});
