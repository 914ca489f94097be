import sharp, { type Sharp } from 'sharp';
import type { TamperKind } from '../types';
import { gaussian, seededRandom } from './random';

/**
 * Test footage made from one scene photo: what a camera would send after being re-aimed,
 * zoomed, covered, defocused or blacked out, and unaltered frames under other light and weather
 * that must NOT alarm. Every variant adds fresh sensor noise, as a live camera would.
 */
export type FootageVariant =
  | 'day'
  | 'overcast'
  | 'night'
  | 'rain'
  | 'shifted'
  | 'rotated'
  | 'zoomed'
  | 'covered-hand'
  | 'covered-cloth'
  | 'covered-board'
  | 'blurred'
  | 'dark';

/** What the tamper check should answer for each variant (null: not tampered). */
export const EXPECTED_KIND: Readonly<Record<FootageVariant, TamperKind | null>> = {
  day: null,
  overcast: null,
  night: null,
  rain: null,
  shifted: 'shifted',
  rotated: 'shifted',
  zoomed: 'shifted',
  'covered-hand': 'covered',
  'covered-cloth': 'covered',
  'covered-board': 'covered',
  blurred: 'blurred',
  dark: 'too-dark',
};

export const FOOTAGE_VARIANTS = Object.keys(EXPECTED_KIND) as FootageVariant[];

export interface FootageFrame {
  readonly variant: FootageVariant;
  readonly expected: TamperKind | null;
  /** JPEG. */
  readonly image: Buffer;
  /** What exactly was done, e.g. "shifted by (-38, 12) px". */
  readonly description: string;
}

interface Size {
  readonly width: number;
  readonly height: number;
}

/** Sensor noise and JPEG encoding: the last step of every generated frame. */
export async function liveFrame(image: Sharp | Buffer, noiseSigma: number, seed: number): Promise<Buffer> {
  const { data, info } = await (Buffer.isBuffer(image) ? sharp(image) : image)
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Indexing a table of normal samples with a cheap xorshift keeps a 1280 px frame to a few ms.
  let state = (seed * 2654435761) >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return NORMAL[(state >>> 0) & 0xffff]!;
  };
  for (let i = 0; i < data.length; i += info.channels) {
    // Mostly luminance noise, as in a real sensor: the same offset on every channel plus a little chroma.
    const common = next() * noiseSigma;
    for (let c = 0; c < info.channels; c++) {
      data[i + c] = clamp(data[i + c]! + common + next() * noiseSigma * 0.3);
    }
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

const NORMAL = (() => {
  const random = seededRandom(12345);
  return Float32Array.from({ length: 0x10000 }, () => gaussian(random));
})();

// Math's functions as locals: clamp runs per pixel, and a global lookup is slow inside a vm sandbox (Jest).
const { min, max, round } = Math;
const clamp = (v: number) => min(255, max(0, round(v)));

async function sizeOf(scene: Buffer): Promise<Size> {
  const { width, height } = await sharp(scene).metadata();
  if (!width || !height) throw new Error('footage: scene has no dimensions');
  return { width, height };
}

async function png(image: Sharp): Promise<Buffer> {
  return image.png({ compressionLevel: 1 }).toBuffer();
}

/** The view moved by (dx, dy) px; the strip that comes into view is the mirrored edge of the scene. */
async function translate(scene: Buffer, size: Size, dx: number, dy: number): Promise<Buffer> {
  const pad = Math.max(Math.abs(dx), Math.abs(dy)) + 1;
  const padded = await png(
    sharp(scene).extend({ top: pad, bottom: pad, left: pad, right: pad, extendWith: 'mirror' }),
  );
  return png(
    sharp(padded).extract({ left: pad + dx, top: pad + dy, width: size.width, height: size.height }),
  );
}

async function rotate(scene: Buffer, size: Size, degrees: number): Promise<Buffer> {
  const rotated = await png(sharp(scene).rotate(degrees, { background: '#202020' }));
  const { width, height } = await sizeOf(rotated);
  // Crop back to the original size around the centre (the corners show a little background, as a tilted camera's would not; small).
  return png(
    sharp(rotated).extract({
      left: Math.floor((width - size.width) / 2),
      top: Math.floor((height - size.height) / 2),
      width: size.width,
      height: size.height,
    }),
  );
}

async function zoom(scene: Buffer, size: Size, factor: number, random: () => number): Promise<Buffer> {
  const width = Math.round(size.width / factor);
  const height = Math.round(size.height / factor);
  const left = Math.floor((size.width - width) * (0.3 + 0.4 * random()));
  const top = Math.floor((size.height - height) * (0.3 + 0.4 * random()));
  return png(
    sharp(scene).extract({ left, top, width, height }).resize(size.width, size.height, { fit: 'fill' }),
  );
}

type Cover = 'hand' | 'cloth' | 'board';

/**
 * Something held over the lens covering `share` of the frame from one side: a hand (skin tone,
 * soft shading, blurred outline: it is out of focus this close), cloth (grey with broad folds) or
 * a board (flat, hard edge).
 */
function coverSvg(kind: Cover, size: Size, share: number, side: number): string {
  const { width: w, height: h } = size;
  const horizontal = side % 2 === 0;
  const depth = (horizontal ? w : h) * share;
  const fromEnd = side >= 2;
  const x = horizontal ? (fromEnd ? w - depth : 0) : 0;
  const y = horizontal ? 0 : fromEnd ? h - depth : 0;
  const rw = horizontal ? depth : w;
  const rh = horizontal ? h : depth;
  const body = (fill: string, extra = '') =>
    `<rect x="${x}" y="${y}" width="${rw}" height="${rh}" fill="${fill}" ${extra}/>`;
  const defs: Record<Cover, string> = {
    hand: `<radialGradient id="f" cx="0.5" cy="0.5" r="0.7"><stop offset="0" stop-color="#d9a184"/><stop offset="1" stop-color="#8a5a44"/></radialGradient>
      <filter id="soft"><feGaussianBlur stdDeviation="${Math.round(w * 0.01)}"/></filter>`,
    cloth: `<linearGradient id="f" x1="0" y1="0" x2="1" y2="0.3">${[0, 0.2, 0.35, 0.55, 0.75, 1]
      .map((o, i) => `<stop offset="${o}" stop-color="${i % 2 ? '#4a4d52' : '#5d6167'}"/>`)
      .join('')}</linearGradient><filter id="soft"><feGaussianBlur stdDeviation="2"/></filter>`,
    board: `<linearGradient id="f" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#9b7b55"/><stop offset="1" stop-color="#8a6c49"/></linearGradient><filter id="soft"><feGaussianBlur stdDeviation="0.5"/></filter>`,
  };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs>${defs[kind]}</defs>${body('url(#f)', 'filter="url(#soft)"')}</svg>`;
}

/** Two headlights' glare: bright cores with a wide halo. */
function glareSvg(size: Size, random: () => number): string {
  const { width: w, height: h } = size;
  const cy = h * (0.55 + random() * 0.2);
  const cx = w * (0.3 + random() * 0.3);
  const gap = w * 0.12;
  const r = w * 0.07;
  const light = (x: number) => `<circle cx="${x}" cy="${cy}" r="${r}" fill="url(#g)"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs>
    <radialGradient id="g"><stop offset="0" stop-color="#fff" stop-opacity="1"/><stop offset="0.25" stop-color="#fff8e0" stop-opacity="0.9"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient>
    </defs>${light(cx)}${light(cx + gap)}</svg>`;
}

function rainSvg(size: Size, random: () => number): string {
  const { width: w, height: h } = size;
  const streaks: string[] = [];
  for (let i = 0; i < (w * h) / 1500; i++) {
    const x = random() * w;
    const y = random() * h;
    const len = h * (0.02 + random() * 0.04);
    streaks.push(`<line x1="${x}" y1="${y}" x2="${x - len * 0.25}" y2="${y + len}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><g stroke="#dde" stroke-opacity="0.35" stroke-width="1.2">${streaks.join('')}</g></svg>`;
}

const overlay = (svg: string) => ({ input: Buffer.from(svg), top: 0, left: 0 });

/** One generated frame of `variant` from `scene`; `seed` picks the direction, size and position of the change. */
export async function footageFrame(scene: Buffer, variant: FootageVariant, seed = 1): Promise<FootageFrame> {
  const size = await sizeOf(scene);
  const random = seededRandom(seed * 7919 + FOOTAGE_VARIANTS.indexOf(variant));
  const sign = () => (random() < 0.5 ? -1 : 1);
  const make = async (image: Sharp | Buffer, noise: number, description: string): Promise<FootageFrame> => ({
    variant,
    expected: EXPECTED_KIND[variant],
    image: await liveFrame(image, noise, seed * 104729 + 17),
    description,
  });
  switch (variant) {
    case 'day': {
      // Same light, sensor noise, a pixel of jitter and a small exposure change.
      const dx = sign();
      return make(
        sharp(await translate(scene, size, dx, 0)).linear(1 + (random() - 0.5) * 0.1, 0),
        2,
        `jitter ${dx} px`,
      );
    }
    case 'overcast':
      return make(sharp(scene).linear(0.65, 30), 2.5, 'flat light: contrast 0.65');
    case 'night':
      return make(
        sharp(
          await png(
            sharp(scene)
              .linear(0.25, 3)
              .composite([overlay(glareSvg(size, random))]),
          ),
        ),
        5,
        'exposure 0.25, noise 5, headlight glare',
      );
    case 'rain':
      return make(
        sharp(scene)
          .linear(0.8, 15)
          .composite([overlay(rainSvg(size, random))]),
        5,
        'rain streaks, noise 5',
      );
    case 'shifted': {
      // A re-aim: 5-9 % of the width across, some of it vertically.
      const dx = Math.round(sign() * size.width * (0.05 + random() * 0.04));
      const dy = Math.round(sign() * size.height * random() * 0.04);
      return make(await translate(scene, size, dx, dy), 2, `shifted by (${dx}, ${dy}) px`);
    }
    case 'rotated': {
      const degrees = sign() * (3 + random() * 3);
      return make(await rotate(scene, size, degrees), 2, `rotated ${degrees.toFixed(1)}°`);
    }
    case 'zoomed': {
      const factor = 1.2 + random() * 0.3;
      return make(await zoom(scene, size, factor, random), 2, `zoomed ×${factor.toFixed(2)}`);
    }
    case 'covered-hand':
    case 'covered-cloth':
    case 'covered-board': {
      const kind = variant.slice('covered-'.length) as Cover;
      const share = 0.3 + random() * 0.5;
      const side = Math.floor(random() * 4);
      return make(
        sharp(scene).composite([overlay(coverSvg(kind, size, share, side))]),
        2,
        `${kind} over ${Math.round(share * 100)} % from side ${side}`,
      );
    }
    case 'blurred': {
      const sigma = size.width * (0.008 + random() * 0.006);
      return make(sharp(scene).blur(sigma), 2, `defocus sigma ${sigma.toFixed(1)} px`);
    }
    case 'dark':
      return make(sharp(scene).linear(0.04, 0), 1.5, 'exposure 0.04 (lights out, lens painted)');
  }
}

/** Every variant of `scene` for each seed. */
export async function footageSet(scene: Buffer, seeds: readonly number[] = [1]): Promise<FootageFrame[]> {
  const frames: FootageFrame[] = [];
  for (const seed of seeds)
    for (const variant of FOOTAGE_VARIANTS) frames.push(await footageFrame(scene, variant, seed));
  return frames;
}

/** The reference view a commissioning engineer would take: the scene as it is, with sensor noise. */
export async function referenceFrame(scene: Buffer): Promise<Buffer> {
  return liveFrame(scene, 2, 1);
}
