import { type NewEnergyClass, type PlateSuffix } from './plate';
import { type PlateKind } from './plate-kind';
import { isProvince } from './provinces';

/**
 * The plate layouts of GA 36-2018 (and the special plates domain.md §5 lists), one character slot at
 * a time. Each slot says which characters are legal there; `parsePlate` repairs O/0 and I/1 only
 * where exactly one of the pair is legal.
 */

type Accepts = (char: string) => boolean;

export interface Slot {
  readonly accepts: Accepts;
}

export interface PlateFormat {
  /** `ordinary` is resolved to small/large by colour in `parsePlate`. */
  readonly kind: PlateKind;
  readonly slots: readonly Slot[];
  readonly province?: number;
  readonly authority?: number;
  /** Half-open code-point range of the serial. */
  readonly serial: readonly [number, number];
  readonly suffix?: PlateSuffix;
  /** Position of the new-energy class letter. */
  readonly energyAt?: number;
}

const DIGIT = /^[0-9]$/;
// I and O never appear in a serial or an authority code: they read as 1 and 0 (GA 36-2018).
const LETTER_NO_IO = /^[A-HJ-NP-Z]$/;
const SERIAL = /^[A-HJ-NP-Z0-9]$/;
// Police plates use O as the authority code of the provincial department (e.g. 粤O1234警).
const POLICE_AUTHORITY = /^[A-HJ-Z]$/;
// Small new-energy plates: first serial letter D/A/B/C/E = pure electric, F/G/H/J/K = other.
const PURE_ELECTRIC_SMALL = 'DABCE';
const OTHER_NEW_ENERGY_SMALL = 'FGHJK';
// Large new-energy plates: sixth serial character D = pure electric, F = other (GA 36-2018).
const PURE_ELECTRIC_LARGE = 'D';
const OTHER_NEW_ENERGY_LARGE = 'F';

const slot = (accepts: Accepts): Slot => ({ accepts });
const oneOf = (chars: string): Slot => slot((c) => c.length === 1 && chars.includes(c));
const literal = (char: string): Slot => slot((c) => c === char);
const repeat = (s: Slot, times: number): Slot[] => Array.from({ length: times }, () => s);

const P = slot(isProvince);
const L = slot((c) => LETTER_NO_IO.test(c));
const S = slot((c) => SERIAL.test(c));
const D = slot((c) => DIGIT.test(c));

export const newEnergyClassOf = (kind: PlateKind, letter: string): NewEnergyClass | undefined => {
  const [pure, other] =
    kind === 'new-energy-small'
      ? [PURE_ELECTRIC_SMALL, OTHER_NEW_ENERGY_SMALL]
      : [PURE_ELECTRIC_LARGE, OTHER_NEW_ENERGY_LARGE];
  if (pure.includes(letter)) return 'pure-electric';
  if (other.includes(letter)) return 'other';
  return undefined;
};

/** Tried in this order; on a tie in repairs the earlier format wins. */
export const PLATE_FORMATS: readonly PlateFormat[] = [
  { kind: 'ordinary', slots: [P, L, ...repeat(S, 5)], province: 0, authority: 1, serial: [2, 7] },
  {
    kind: 'trailer',
    slots: [P, L, ...repeat(S, 4), literal('挂')],
    province: 0,
    authority: 1,
    serial: [2, 6],
    suffix: '挂',
  },
  {
    kind: 'coach',
    slots: [P, L, ...repeat(S, 4), literal('学')],
    province: 0,
    authority: 1,
    serial: [2, 6],
    suffix: '学',
  },
  {
    kind: 'police',
    slots: [P, slot((c) => POLICE_AUTHORITY.test(c)), ...repeat(S, 4), literal('警')],
    province: 0,
    authority: 1,
    serial: [2, 6],
    suffix: '警',
  },
  {
    kind: 'consulate',
    slots: [P, L, ...repeat(S, 4), literal('领')],
    province: 0,
    authority: 1,
    serial: [2, 6],
    suffix: '领',
  },
  // Cross-border plates are issued by Guangdong under authority code Z.
  {
    kind: 'hong-kong',
    slots: [literal('粤'), literal('Z'), ...repeat(S, 4), literal('港')],
    province: 0,
    authority: 1,
    serial: [2, 6],
    suffix: '港',
  },
  {
    kind: 'macau',
    slots: [literal('粤'), literal('Z'), ...repeat(S, 4), literal('澳')],
    province: 0,
    authority: 1,
    serial: [2, 6],
    suffix: '澳',
  },
  {
    kind: 'new-energy-small',
    slots: [P, L, oneOf(PURE_ELECTRIC_SMALL + OTHER_NEW_ENERGY_SMALL), S, ...repeat(D, 4)],
    province: 0,
    authority: 1,
    serial: [2, 8],
    energyAt: 2,
  },
  {
    kind: 'new-energy-large',
    slots: [P, L, ...repeat(D, 5), oneOf(PURE_ELECTRIC_LARGE + OTHER_NEW_ENERGY_LARGE)],
    province: 0,
    authority: 1,
    serial: [2, 8],
    energyAt: 7,
  },
  // Armed police (2012 style): WJ, the province (absent on headquarters plates), four digits and a
  // digit or a service letter.
  {
    kind: 'armed-police',
    slots: [literal('W'), literal('J'), P, ...repeat(D, 4), S],
    province: 2,
    serial: [3, 8],
  },
  { kind: 'armed-police', slots: [literal('W'), literal('J'), ...repeat(D, 4), S], serial: [2, 7] },
  // Military (2012 style): two letters (unit) and five digits.
  { kind: 'military', slots: [L, L, ...repeat(D, 5)], serial: [0, 7] },
  // Embassy: 使, a three-digit country code and a three-digit serial.
  { kind: 'embassy', slots: [literal('使'), ...repeat(D, 6)], serial: [1, 7] },
  { kind: 'civil-aviation', slots: [literal('民'), literal('航'), ...repeat(S, 5)], serial: [2, 7] },
  // Fire and rescue (2018): province, five characters, a red 应急.
  {
    kind: 'emergency',
    slots: [P, ...repeat(S, 5), literal('应'), literal('急')],
    province: 0,
    serial: [1, 6],
    suffix: '应急',
  },
];

/** Every character any format can contain, before repairs (so I and O are in). */
export const isPlateAlphabet = (char: string): boolean =>
  /^[A-Z0-9]$/.test(char) || isProvince(char) || '挂学警领港澳使民航应急'.includes(char);
