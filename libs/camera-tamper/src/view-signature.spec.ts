import sharp from 'sharp';
import { TamperImageError, viewSignature } from './index';
import { packBits, unpackBits } from './view-signature';
import { referenceFrame, syntheticScene } from './testing';

describe('viewSignature', () => {
  it('reduces a frame to a JSON-serialisable signature at the working size', async () => {
    const signature = await viewSignature(await referenceFrame(await syntheticScene()));
    expect(signature).toMatchObject({ version: 1, width: 192, height: 144, gridColumns: 12, gridRows: 9 });
    expect(JSON.parse(JSON.stringify(signature))).toEqual(signature);
    expect(signature.blockTexture).toHaveLength(12 * 9);
    // Edges are the strongest tenth of the structure: about 10 % of the working pixels.
    const edges = unpackBits(signature.edges, 192 * 144).reduce((n, b) => n + b, 0);
    expect(edges / (192 * 144)).toBeGreaterThan(0.05);
    expect(edges / (192 * 144)).toBeLessThanOrEqual(0.11);
    // Stored compactly: one bit per working pixel, the whole signature a few kB.
    expect(JSON.stringify(signature).length).toBeLessThan(8000);
  });

  it('follows the aspect of the camera in whole blocks', async () => {
    const wide = await sharp({ create: { width: 1920, height: 1080, channels: 3, background: '#808080' } })
      .jpeg()
      .toBuffer();
    const signature = await viewSignature(wide);
    expect(signature.width).toBe(192);
    expect(signature.height).toBe(112); // 108 rounded to 7 blocks of 16
  });

  it('finds no edges in a flat frame', async () => {
    const flat = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#707070' } })
      .png()
      .toBuffer();
    const signature = await viewSignature(flat);
    expect(unpackBits(signature.edges, signature.width * signature.height).every((b) => b === 0)).toBe(true);
    expect(signature.blockTexture.every((t) => t === 0)).toBe(true);
  });

  it('packs edge bits losslessly', () => {
    const mask = Uint8Array.from({ length: 37 }, (_, i) => (i % 3 === 0 || i === 36 ? 1 : 0));
    expect(unpackBits(packBits(mask), mask.length)).toEqual(mask);
  });

  it('rejects what is not an image', async () => {
    await expect(viewSignature(Buffer.from('<html>'))).rejects.toBeInstanceOf(TamperImageError);
  });
});
