import { type PlateColour, type PlateKind } from '@ecogate/domain';
import { type Quad, type RawImage } from '../image-types';
import {
  blurred,
  darkened,
  encodeJpeg,
  noisy,
  pasteInPerspective,
  rasteriseSvg,
  seededRandom,
  withGlare,
} from '../photo-effects';
import { FAMILY_ROTATION, FAMILY_TRAITS, type PlateFamily } from './plate-families';
import { plateSvg } from './plate-svg';
import { plateText } from './plate-texts';
import { loadSceneBackgrounds, type SceneBackground } from './scene-backgrounds';

/** What was done to a plate's photo, besides its size. */
export type SceneCondition = 'night' | 'glare' | 'blur' | 'noise' | 'angled';

/** Everything known about a generated plate, by construction. */
export interface SyntheticPlateLabel {
  readonly text: string;
  readonly family: PlateFamily;
  readonly kind: PlateKind;
  readonly colour: PlateColour;
  readonly rows: 1 | 2;
  /** The plate's width in the scene photo, in pixels (its top edge before keystone). */
  readonly widthPx: number;
  readonly conditions: readonly SceneCondition[];
  /** The sample scene the plate was placed in. */
  readonly scene: string;
}

export interface SyntheticPlate {
  /** A name for reports: index, family and text. */
  readonly file: string;
  readonly label: SyntheticPlateLabel;
  /** The scene photo with the plate in it. */
  readonly jpeg: Buffer;
}

export interface SyntheticPlateOptions {
  readonly count: number;
  readonly seed: number;
  /** A directory of scene photos to place plates in (e.g. ../shared/samples/plates/scene). */
  readonly sceneDir: string;
}

/** Three plates in ten are under 60 px wide (the gate's hard cases); the rest 60–220 px. */
const SMALL_SHARE = 3;
const SMALL_WIDTH: readonly [number, number] = [34, 59];
const LARGE_WIDTH: readonly [number, number] = [60, 220];
// Car bodies behind plates: white, silver, black, red, dark blue, a truck's faded green.
const BODY_COLOURS = ['#e8e8e6', '#a9adb0', '#202224', '#9c1f1f', '#22304a', '#55654c'] as const;

const between = (random: () => number, [low, high]: readonly [number, number]) =>
  low + random() * (high - low);
const chance = (random: () => number, p: number) => random() < p;

/** Each plate has its own PRNG, so plate i is the same whatever the count. */
const plateRandom = (seed: number, index: number) =>
  seededRandom((Math.imul(seed, 0x9e3779b1) ^ index) >>> 0);

/**
 * The plate's corners in the scene: centred at `centre`, `width` wide, turned by `rotation`
 * radians, its right edge taller or shorter by `yaw` (a camera off to one side) and its top edge
 * shorter by `pitch` (a camera above).
 */
function plateQuad(
  centre: { x: number; y: number },
  width: number,
  height: number,
  rotation: number,
  yaw: number,
  pitch: number,
): Quad {
  const w = width / 2;
  const h = height / 2;
  const corners: [number, number][] = [
    [-w * (1 - pitch), -h * (1 - yaw)],
    [w * (1 - pitch), -h * (1 + yaw)],
    [w, h * (1 + yaw)],
    [-w, h * (1 - yaw)],
  ];
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  const [tl, tr, br, bl] = corners.map(([x, y]) => ({
    x: centre.x + x * cos - y * sin,
    y: centre.y + x * sin + y * cos,
  }));
  return [tl!, tr!, br!, bl!];
}

/** One plate placed in one scene under drawn conditions. */
async function generatePlate(
  index: number,
  seed: number,
  scenes: readonly SceneBackground[],
): Promise<SyntheticPlate> {
  const random = plateRandom(seed, index);
  const family = FAMILY_ROTATION[index % FAMILY_ROTATION.length] as PlateFamily;
  const text = plateText(family, random);
  const scene = scenes[Math.floor(random() * scenes.length)] as SceneBackground;
  const small = index % 10 < SMALL_SHARE;
  const maxWidth = Math.min(LARGE_WIDTH[1], scene.image.width * 0.4);
  const widthPx = Math.round(between(random, small ? SMALL_WIDTH : [LARGE_WIDTH[0], maxWidth]));

  const night = chance(random, 0.25);
  const glare = chance(random, 0.15);
  const blur = chance(random, 0.3);
  const noise = chance(random, 0.3);
  const rotation = ((random() - 0.5) * 12 * Math.PI) / 180;
  const yaw = (random() - 0.5) * 0.3;
  const pitch = random() * 0.08;
  const angled = Math.abs(rotation) > (3 * Math.PI) / 180 || Math.abs(yaw) > 0.08;

  // The plate with a strip of car body around it, rendered at its photographed size.
  const surround = between(random, [0.05, 0.12]);
  const body = BODY_COLOURS[Math.floor(random() * BODY_COLOURS.length)] ?? '#3a3a3a';
  let plate: RawImage = await rasteriseSvg(
    plateSvg(family, text, { widthPx, surround, bodyColour: body }),
    body,
  );
  // At night the scene goes dark but a retroreflective plate in the headlights or IR stays bright.
  if (night) plate = darkened(plate, between(random, [0.55, 0.85]));
  const base = night ? darkened(scene.image, between(random, [0.2, 0.4])) : scene.image;

  const margin = plate.width / 2 + 4;
  const centre = {
    x: between(random, [margin, Math.max(margin + 1, base.width - margin)]),
    y: between(random, [
      Math.min(base.height * 0.35, base.height - margin),
      Math.max(base.height * 0.35 + 1, base.height - plate.height / 2 - 4),
    ]),
  };
  let photo = pasteInPerspective(
    base,
    plate,
    plateQuad(centre, plate.width, plate.height, rotation, yaw, pitch),
  );
  if (glare) {
    const spot = { x: centre.x + (random() - 0.5) * widthPx, y: centre.y + (random() - 0.5) * widthPx * 0.2 };
    photo = withGlare(photo, spot, widthPx * between(random, [0.25, 0.6]), between(random, [0.45, 0.85]));
  }
  // Blur in proportion to the plate: a σ of 1.5 px erases a 40 px plate's characters altogether.
  if (blur) photo = await blurred(photo, between(random, [0.5, 0.5 + Math.min(1.2, widthPx / 90)]));
  const sigma = noise ? between(random, [5, 12]) : between(random, [1, 3]);
  // Noise costs a PRNG draw per channel, so by day it goes around the plate only (the reader
  // looks nowhere else); at night, where 0-clamped noise visibly lifts the dark, over the whole
  // frame, lest a lighter box mark the plate's place.
  const reach = plate.width;
  const around = {
    left: Math.floor(centre.x - reach),
    right: Math.ceil(centre.x + reach),
    top: Math.floor(centre.y - reach / 2),
    bottom: Math.ceil(centre.y + reach / 2),
  };
  photo = night ? noisy(photo, sigma + 3, random) : noisy(photo, sigma, random, around);
  const jpeg = await encodeJpeg(photo, Math.round(between(random, [72, 92])));

  const conditions: SceneCondition[] = [];
  if (night) conditions.push('night');
  if (glare) conditions.push('glare');
  if (blur) conditions.push('blur');
  if (noise) conditions.push('noise');
  if (angled) conditions.push('angled');
  const traits = FAMILY_TRAITS[family];
  return {
    file: `synthetic-${String(index).padStart(4, '0')}-${family}-${text}.jpg`,
    label: { text, family, ...traits, widthPx, conditions, scene: scene.file },
    jpeg,
  };
}

/**
 * `count` plates rendered to their GA 36-2018 layouts and placed in the scene photos of
 * `sceneDir`, one per photo, each labelled by construction. Deterministic: the same seed and
 * scenes give the same photos, byte for byte; generated on the fly, never stored.
 */
export async function* syntheticPlates(options: SyntheticPlateOptions): AsyncGenerator<SyntheticPlate> {
  if (!Number.isInteger(options.count) || options.count < 0)
    throw new RangeError(`count must be a whole number ≥ 0, got ${options.count}`);
  if (!Number.isInteger(options.seed))
    throw new RangeError(`seed must be a whole number, got ${options.seed}`);
  const scenes = await loadSceneBackgrounds(options.sceneDir);
  for (let index = 0; index < options.count; index++) yield generatePlate(index, options.seed, scenes);
}

/** A plate alone, straight and sharp, `widthPx` wide with a little car body around it (crops, tests). */
export function renderPlate(family: PlateFamily, text: string, widthPx: number): Promise<RawImage> {
  return rasteriseSvg(plateSvg(family, text, { widthPx, surround: 0.08 }), '#3a3a3a');
}
