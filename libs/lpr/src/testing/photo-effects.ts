import { homography, type Quad } from '../image/perspective-warp';
import { type RawImage, RGB_CHANNELS } from '../image/raw-image';
import sharp, { type OutputInfo, type Sharp } from 'sharp';

// Shared by the document generator (@ecogate/document-reading/testing) and the synthetic plates.
// "Photographs" a rendered document page the way a phone on a desk would: the page lies at an angle
// and in perspective on a darker background, smaller or larger than printed, out of focus, in poor
// light, with sensor noise, saved as a JPEG. Every effect is deterministic for a given seed, so a
// generated photo (and so a test or a bench figure) is the same on every run and machine.

/** How a page is photographed. Every field has a neutral default (a flat, sharp, well-lit scan). */
export interface PhotoConditions {
  /** In-plane rotation of the page, degrees (positive: clockwise). */
  readonly rotationDeg?: number;
  /** Keystone: the far (top) edge shortened by this fraction of the page's width (0 = camera straight above). */
  readonly tilt?: number;
  /** The page's width in the photo over its rendered width (0.3 = a small, distant page). */
  readonly scale?: number;
  /** Gaussian blur sigma in photo pixels (out of focus, camera shake); 0 = none. */
  readonly blurSigma?: number;
  /** Light: every channel multiplied by this (1 = as printed, 0.35 = a dim cab). */
  readonly brightness?: number;
  /** Uneven light: the bottom of the photo darker than its top by this fraction (a shadow). */
  readonly shadow?: number;
  /** Standard deviation of the Gaussian sensor noise, in 8-bit levels. */
  readonly noiseSigma?: number;
  /** The JPEG's quality (1–100). */
  readonly jpegQuality?: number;
}

// Module-level copies of Math's functions: the per-pixel loops below would otherwise look up the
// global `Math` once per pixel, which is ten times slower where the code runs in a vm context (Jest).
const { ceil, cos, floor, imul, log, max, min, round, sin, sqrt, PI } = Math;

/** Margin of background around the page in the photo, as a fraction of the page's photographed width. */
const MARGIN = 0.08;
/** A desk's colour (what a photo shows around the page). */
const BACKGROUND: readonly [number, number, number] = [92, 84, 76];

/** A small seeded PRNG (mulberry32): numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The page's four corners in the photo: scaled, keystoned, rotated about its centre, framed by a margin. */
export function pageQuadInPhoto(
  page: { readonly width: number; readonly height: number },
  conditions: PhotoConditions,
): { quad: Quad; width: number; height: number } {
  const scale = conditions.scale ?? 1;
  const tilt = conditions.tilt ?? 0;
  const angle = ((conditions.rotationDeg ?? 0) * PI) / 180;
  const w = page.width * scale;
  const h = page.height * scale;
  const inset = (tilt * w) / 2;
  const flat: [number, number][] = [
    [-w / 2 + inset, -h / 2],
    [w / 2 - inset, -h / 2],
    [w / 2, h / 2],
    [-w / 2, h / 2],
  ];
  const cosine = cos(angle);
  const sine = sin(angle);
  const turned = flat.map(([x, y]) => ({ x: x * cosine - y * sine, y: x * sine + y * cosine }));
  const margin = MARGIN * w;
  const minX = min(...turned.map((p) => p.x)) - margin;
  const minY = min(...turned.map((p) => p.y)) - margin;
  const maxX = max(...turned.map((p) => p.x)) + margin;
  const maxY = max(...turned.map((p) => p.y)) + margin;
  const quad = turned.map((p) => ({ x: p.x - minX, y: p.y - minY })) as unknown as Quad;
  return { quad, width: ceil(maxX - minX), height: ceil(maxY - minY) };
}

/**
 * Lays `page` onto a desk-coloured photo at the place `pageQuadInPhoto` gives: each photo pixel is
 * mapped back onto the page through the inverse homography and sampled bilinearly.
 */
export function placeInPerspective(page: RawImage, conditions: PhotoConditions): RawImage {
  const { quad, width, height } = pageQuadInPhoto(page, conditions);
  const pw = page.width - 1;
  const ph = page.height - 1;
  const rect: Quad = [
    { x: 0, y: 0 },
    { x: pw, y: 0 },
    { x: pw, y: ph },
    { x: 0, y: ph },
  ];
  const toPage = homography(quad, rect);
  if (!toPage) throw new Error('degenerate photo conditions: the page has no area');
  // The homography's terms as locals: this loop runs once per photo pixel (a million or more).
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, k = 0] = toPage;
  const out = new Uint8Array(width * height * RGB_CHANNELS);
  const src = page.data;
  const sw = page.width;
  const channels = RGB_CHANNELS;
  const [deskR, deskG, deskB] = BACKGROUND;
  let o = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const w = g * x + k * y + 1;
      const sx = (a * x + b * y + c) / w;
      const sy = (d * x + e * y + f) / w;
      if (sx < 0 || sy < 0 || sx > pw || sy > ph) {
        out[o++] = deskR;
        out[o++] = deskG;
        out[o++] = deskB;
        continue;
      }
      const x0 = min(floor(sx), pw - 1);
      const y0 = min(floor(sy), ph - 1);
      const fx = sx - x0;
      const fy = sy - y0;
      const p00 = (y0 * sw + x0) * channels;
      const p01 = p00 + sw * channels;
      for (let ch = 0; ch < channels; ch++) {
        const top = (src[p00 + ch] as number) * (1 - fx) + (src[p00 + channels + ch] as number) * fx;
        const bottom = (src[p01 + ch] as number) * (1 - fx) + (src[p01 + channels + ch] as number) * fx;
        out[o++] = round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return { width, height, data: out };
}

/** Gaussian blur (sharp's, deterministic); a sigma under sharp's minimum of 0.3 leaves the image as is. */
export async function blurred(image: RawImage, sigma: number): Promise<RawImage> {
  if (sigma < 0.3) return image;
  return fromSharp(await rawSharp(image).blur(sigma).raw().toBuffer({ resolveWithObject: true }));
}

/** Dims the image by `brightness`, and its bottom by a further `shadow` fraction (a linear ramp). */
export function darkened(image: RawImage, brightness: number, shadow = 0): RawImage {
  const { width, height, data } = image;
  const out = new Uint8Array(data.length);
  const rowBytes = width * RGB_CHANNELS;
  for (let y = 0; y < height; y++) {
    const gain = brightness * (1 - (shadow * y) / max(1, height - 1));
    for (let i = y * rowBytes; i < (y + 1) * rowBytes; i++) out[i] = round((data[i] as number) * gain);
  }
  return { width, height, data: out };
}

/** A rectangle of an image, in pixels (`right` and `bottom` exclusive). */
export interface PixelRegion {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/**
 * Adds Gaussian noise of standard deviation `sigma` (Box–Muller over the seeded PRNG), clamped to
 * 0–255, over the whole image or only `region` (noise costs a PRNG draw per channel: a plate's
 * surroundings are enough where a bench draws a thousand photos).
 */
export function noisy(image: RawImage, sigma: number, random: () => number, region?: PixelRegion): RawImage {
  if (sigma <= 0) return image;
  const out = new Uint8Array(image.data);
  const rowBytes = image.width * RGB_CHANNELS;
  const left = max(0, region?.left ?? 0) * RGB_CHANNELS;
  const right = min(image.width, region?.right ?? image.width) * RGB_CHANNELS;
  for (let y = max(0, region?.top ?? 0); y < min(image.height, region?.bottom ?? image.height); y++) {
    for (let i = y * rowBytes + left; i < y * rowBytes + right; i++) {
      const gaussian = sqrt(-2 * log(1 - random())) * cos(2 * PI * random());
      out[i] = min(255, max(0, round((image.data[i] as number) + gaussian * sigma)));
    }
  }
  return { width: image.width, height: image.height, data: out };
}

/** The whole photograph: perspective, blur, light, noise, then the JPEG a phone would save. */
export async function photograph(page: RawImage, conditions: PhotoConditions, seed: number): Promise<Buffer> {
  const placed = placeInPerspective(page, conditions);
  const soft = await blurred(placed, conditions.blurSigma ?? 0);
  const dim = darkened(soft, conditions.brightness ?? 1, conditions.shadow ?? 0);
  const grainy = noisy(dim, conditions.noiseSigma ?? 0, seededRandom(seed));
  return rawSharp(grainy)
    .jpeg({ quality: conditions.jpegQuality ?? 85 })
    .toBuffer();
}

/** Rasterises an SVG (a rendered page) to packed RGB on white (or on `background`). */
export async function rasteriseSvg(svg: string, background = '#ffffff'): Promise<RawImage> {
  return fromSharp(
    await sharp(Buffer.from(svg))
      .flatten({ background })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true }),
  );
}

/**
 * Pastes `image` into `scene` (a copy) so that its corners land on `quad`: each scene pixel inside
 * the quad's bounding box is mapped back onto the image through the inverse homography and sampled
 * bilinearly; pixels that map outside the image keep the scene.
 */
export function pasteInPerspective(scene: RawImage, image: RawImage, quad: Quad): RawImage {
  const iw = image.width - 1;
  const ih = image.height - 1;
  const rect: Quad = [
    { x: 0, y: 0 },
    { x: iw, y: 0 },
    { x: iw, y: ih },
    { x: 0, y: ih },
  ];
  const toImage = homography(quad, rect);
  if (!toImage) throw new Error('degenerate quad: the pasted image has no area');
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, k = 0] = toImage;
  const out = new Uint8Array(scene.data);
  const src = image.data;
  const sw = image.width;
  const channels = RGB_CHANNELS;
  const left = max(0, floor(min(...quad.map((p) => p.x))));
  const right = min(scene.width - 1, ceil(max(...quad.map((p) => p.x))));
  const top = max(0, floor(min(...quad.map((p) => p.y))));
  const bottom = min(scene.height - 1, ceil(max(...quad.map((p) => p.y))));
  for (let y = top; y <= bottom; y++) {
    for (let x = left; x <= right; x++) {
      const w = g * x + k * y + 1;
      const sx = (a * x + b * y + c) / w;
      const sy = (d * x + e * y + f) / w;
      if (sx < 0 || sy < 0 || sx > iw || sy > ih) continue;
      const x0 = min(floor(sx), iw - 1);
      const y0 = min(floor(sy), ih - 1);
      const fx = sx - x0;
      const fy = sy - y0;
      const p00 = (y0 * sw + x0) * channels;
      const p01 = p00 + sw * channels;
      let o = (y * scene.width + x) * channels;
      for (let ch = 0; ch < channels; ch++) {
        const upper = (src[p00 + ch] as number) * (1 - fx) + (src[p00 + channels + ch] as number) * fx;
        const lower = (src[p01 + ch] as number) * (1 - fx) + (src[p01 + channels + ch] as number) * fx;
        out[o++] = round(upper * (1 - fy) + lower * fy);
      }
    }
  }
  return { width: scene.width, height: scene.height, data: out };
}

/**
 * A light shining into the lens (headlights, low sun on a reflective plate): every pixel pulled
 * towards white by `strength` at `centre`, fading to nothing at `radius` (quadratic fall-off).
 */
export function withGlare(
  image: RawImage,
  centre: { readonly x: number; readonly y: number },
  radius: number,
  strength: number,
): RawImage {
  const out = new Uint8Array(image.data);
  const { width, height } = image;
  for (let y = max(0, floor(centre.y - radius)); y <= min(height - 1, ceil(centre.y + radius)); y++) {
    for (let x = max(0, floor(centre.x - radius)); x <= min(width - 1, ceil(centre.x + radius)); x++) {
      const reach = 1 - ((x - centre.x) ** 2 + (y - centre.y) ** 2) / (radius * radius);
      if (reach <= 0) continue;
      const pull = strength * reach * reach;
      for (let i = (y * width + x) * RGB_CHANNELS, end = i + RGB_CHANNELS; i < end; i++) {
        out[i] = round((out[i] as number) + (255 - (out[i] as number)) * pull);
      }
    }
  }
  return { width, height, data: out };
}

/** The image as a JPEG of `quality` (1–100). */
export function encodeJpeg(image: RawImage, quality: number): Promise<Buffer> {
  return rawSharp(image).jpeg({ quality }).toBuffer();
}

// sharp's largest accepted size: in effect, no limit.
const NO_LIMIT = 100_000_000;

/** Decodes any image sharp reads to packed RGB, shrunk (never enlarged) to fit `maxSide`. */
export async function decodeRgb(bytes: Buffer, maxSide = NO_LIMIT): Promise<RawImage> {
  return fromSharp(
    await sharp(bytes)
      .rotate()
      .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true }),
  );
}

function rawSharp(image: RawImage): Sharp {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: RGB_CHANNELS } });
}

function fromSharp({ data, info }: { data: Buffer; info: OutputInfo }): RawImage {
  if (info.channels !== RGB_CHANNELS) throw new Error(`expected RGB, got ${info.channels} channels`);
  return {
    width: info.width,
    height: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}
