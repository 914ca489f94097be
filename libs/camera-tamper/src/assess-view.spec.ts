import sharp from 'sharp';
import {
  assessView,
  DEFAULT_TAMPER_THRESHOLDS,
  TamperImageError,
  viewSignature,
  ViewSignatureError,
  type ViewSignature,
} from './index';
import {
  EXPECTED_KIND,
  FOOTAGE_VARIANTS,
  footageFrame,
  liveFrame,
  referenceFrame,
  syntheticScene,
} from './testing';

describe('assessView on footage generated from a synthetic gate scene', () => {
  let scene: Buffer;
  let reference: ViewSignature;

  beforeAll(async () => {
    scene = await syntheticScene();
    reference = await viewSignature(await referenceFrame(scene));
  });

  it.each(FOOTAGE_VARIANTS.flatMap((variant) => [1, 2].map((seed) => [variant, seed] as const)))(
    '%s (seed %d) is judged as expected',
    async (variant, seed) => {
      const frame = await footageFrame(scene, variant, seed);
      const result = await assessView(reference, frame.image);
      expect({ variant, description: frame.description, kind: result.kind }).toEqual({
        variant,
        description: frame.description,
        kind: EXPECTED_KIND[variant],
      });
      expect(result.reason.length).toBeGreaterThan(0);
    },
  );

  it('tolerates a pixel or two of jitter but not a shift of 4 % of the view', async () => {
    const moved = async (dx: number) => {
      const { width = 0, height = 0 } = await sharp(scene).metadata();
      const padded = await sharp(scene)
        .extend({ left: 40, right: 40, extendWith: 'mirror' })
        .png()
        .toBuffer();
      const shiftedScene = await sharp(padded)
        .extract({ left: 40 + dx, top: 0, width, height })
        .png()
        .toBuffer();
      return assessView(reference, await liveFrame(shiftedScene, 2, 7));
    };
    expect((await moved(2)).kind).toBeNull();
    const shifted = await moved(26);
    expect(shifted.kind).toBe('shifted');
    // 26 px of 640 is about 8 px at the working width of 192, to the left.
    expect(shifted.scores['bestOffsetX']).toBeLessThanOrEqual(-6);
  });

  it('reports its scores and a reason a person can read', async () => {
    const result = await assessView(reference, await liveFrame(scene, 2, 3));
    expect(result.kind).toBeNull();
    expect(result.scores['edgeOverlap']).toBeGreaterThan(0.8);
    expect(result.scores['sharpnessRatio']).toBeGreaterThan(0.9);
    expect(result.scores['coveredShare']).toBeLessThan(0.05);
    expect(result.reason).toMatch(/^as commissioned/);
  });

  it('takes threshold overrides', async () => {
    const covered = await footageFrame(scene, 'covered-board', 1);
    expect((await assessView(reference, covered.image)).kind).toBe('covered');
    // With a tolerance above any possible share nothing counts as covered; the view is still not as commissioned.
    expect((await assessView(reference, covered.image, { maxCoveredShare: 1 })).kind).not.toBe('covered');
    expect(DEFAULT_TAMPER_THRESHOLDS.maxCoveredShare).toBeLessThan(1);
  });

  it('compares a frame of another resolution from the same camera', async () => {
    const smaller = await sharp(await liveFrame(scene, 2, 4))
      .resize(320, 240)
      .jpeg()
      .toBuffer();
    expect((await assessView(reference, smaller)).kind).toBeNull();
  });

  it('does not guess when the reference view has no structure to compare with', async () => {
    const flat = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#707070' } })
      .png()
      .toBuffer();
    const blank = await viewSignature(await liveFrame(flat, 1, 1));
    const result = await assessView(blank, await liveFrame(scene, 2, 6));
    expect(result.kind).toBeNull();
    expect(result.reason).toMatch(/too little structure/);
    // Too dark is still told: it needs no reference.
    expect((await assessView(blank, (await footageFrame(flat, 'dark', 1)).image)).kind).toBe('too-dark');
  });

  it('rejects an undecodable frame with a typed error', async () => {
    await expect(assessView(reference, Buffer.from('not an image'))).rejects.toBeInstanceOf(TamperImageError);
    await expect(assessView(reference, Buffer.alloc(0))).rejects.toBeInstanceOf(TamperImageError);
  });

  it('rejects a malformed or foreign reference signature with a typed error', async () => {
    const frame = await liveFrame(scene, 2, 5);
    const truncated = { ...reference, edges: reference.edges.slice(0, 100) };
    await expect(assessView(truncated, frame)).rejects.toBeInstanceOf(ViewSignatureError);
    const otherVersion = { ...reference, version: 2 } as unknown as ViewSignature;
    await expect(assessView(otherVersion, frame)).rejects.toBeInstanceOf(ViewSignatureError);
    const missingBlocks = { ...reference, blockTexture: [] };
    await expect(assessView(missingBlocks, frame)).rejects.toBeInstanceOf(ViewSignatureError);
  });
});
