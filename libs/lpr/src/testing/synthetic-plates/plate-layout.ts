import { type PlateFamily } from './plate-families';

/**
 * Where each character of a plate goes, in millimetres on the plate (GA 36-2018, as summarised
 * in docs/plate-recognition.md, "Synthetic set"; the standard's figures were not at hand, so the
 * double-row top row and the WJ layouts are our approximation, not the standard's numbers):
 * - single row 440×140: characters 45×90, 12 apart, 34 between the second and the third with a
 *   Ø10 separator dot in that gap;
 * - new energy 480×140: the province 45×90, the other seven 43×90, 9 apart, 49 between the
 *   second and third (the dot there);
 * - double row 440×220: top row two characters 80×60 with the dot between, bottom row five
 *   characters 65×110, 15 apart.
 */
export interface CharBox {
  readonly char: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Dot {
  readonly cx: number;
  readonly cy: number;
  readonly r: number;
}

export interface PlateLayout {
  readonly width: number;
  readonly height: number;
  readonly boxes: readonly CharBox[];
  readonly dots: readonly Dot[];
}

const SINGLE = { width: 440, height: 140 } as const;
const NEW_ENERGY = { width: 480, height: 140 } as const;
const DOUBLE = { width: 440, height: 220 } as const;
const DOT_RADIUS = 5;

/** Characters left to right from `x`, each `widths[i]` wide, separated by `gaps[i]` (after char i). */
function row(
  chars: readonly string[],
  x: number,
  y: number,
  height: number,
  widths: readonly number[],
  gaps: readonly number[],
): CharBox[] {
  let left = x;
  return chars.map((char, i) => {
    const width = widths[i] ?? widths[widths.length - 1] ?? 0;
    const box = { char, x: left, y, width, height };
    left += width + (gaps[i] ?? 0);
    return box;
  });
}

/** Centre of a gap that follows `box`, `gap` wide. */
const dotAfter = (box: CharBox | undefined, gap: number, cy: number): Dot => ({
  cx: (box?.x ?? 0) + (box?.width ?? 0) + gap / 2,
  cy,
  r: DOT_RADIUS,
});

function singleRow(chars: readonly string[]): PlateLayout {
  // 7 × 45 + 5 × 12 + 34 = 409 mm of text, centred.
  const boxes = row(chars, (SINGLE.width - 409) / 2, 25, 90, [45], [12, 34, 12, 12, 12, 12]);
  return { ...SINGLE, boxes, dots: [dotAfter(boxes[1], 34, 70)] };
}

function newEnergy(chars: readonly string[]): PlateLayout {
  // 45 + 7 × 43 + 6 × 9 + 49 = 449 mm.
  const boxes = row(chars, (NEW_ENERGY.width - 449) / 2, 25, 90, [45, 43], [9, 49, 9, 9, 9, 9, 9]);
  return { ...NEW_ENERGY, boxes, dots: [dotAfter(boxes[1], 49, 70)] };
}

function doubleRow(top: readonly string[], bottom: readonly string[]): PlateLayout {
  // Bottom: 5 × 65 + 4 × 15 = 385 mm. Top: two 80 mm characters 110 apart about the centre line.
  const upper =
    top.length === 2
      ? row(top, (DOUBLE.width - 270) / 2, 18, 60, [80], [110])
      : // WJ: the red W and J narrower, then the province (our approximation).
        row(top, (DOUBLE.width - 254) / 2, 18, 60, [50, 50, 80], [12, 62]);
  const lower = row(bottom, (DOUBLE.width - 385) / 2, 90, 110, [65], [15, 15, 15, 15]);
  const before = upper[upper.length - 2];
  const gap = top.length === 2 ? 110 : 62;
  return { ...DOUBLE, boxes: [...upper, ...lower], dots: [dotAfter(before, gap, 48)] };
}

function armedPoliceSingle(chars: readonly string[]): PlateLayout {
  // WJ (red, 36 wide), the province smaller and raised, the dot, five 40 mm characters 8 apart.
  const [w = 'W', j = 'J', province = '', ...rest] = chars;
  const head = row([w, j], 16, 25, 90, [36], [6]);
  const provinceBox = { char: province, x: 104, y: 25, width: 45, height: 50 };
  const tail = row(rest, 178, 25, 90, [40], [8, 8, 8, 8]);
  return { ...SINGLE, boxes: [...head, provinceBox, ...tail], dots: [dotAfter(provinceBox, 29, 70)] };
}

/** The plate's size and its characters' boxes for `text` of `family`'s format. */
export function plateLayout(family: PlateFamily, text: string): PlateLayout {
  const chars = Array.from(text);
  switch (family) {
    case 'blue-small':
    case 'yellow-large':
    case 'coach':
    case 'police':
      return singleRow(chars);
    case 'new-energy-small':
    case 'new-energy-large':
      return newEnergy(chars);
    case 'yellow-large-double':
    case 'trailer':
      return doubleRow(chars.slice(0, 2), chars.slice(2));
    case 'armed-police-double':
      return doubleRow(chars.slice(0, 3), chars.slice(3));
    case 'armed-police':
      return armedPoliceSingle(chars);
  }
}
