import { type PlateColour } from './plate-colour';

/**
 * What a plate says about its vehicle (GA 36-2018 and domain.md §5).
 * `ordinary` is a province + letter + 5 plate whose colour is not known: blue (small) and yellow
 * (large) share the format, so the text alone cannot tell a car from a heavy truck.
 */
export const PLATE_KINDS = [
  'small',
  'large',
  'ordinary',
  'trailer',
  'coach',
  'new-energy-small',
  'new-energy-large',
  'police',
  'armed-police',
  'military',
  'embassy',
  'consulate',
  'hong-kong',
  'macau',
  'emergency',
  'civil-aviation',
] as const;

export type PlateKind = (typeof PLATE_KINDS)[number];

/**
 * Colours a reading of each kind may come with. New-energy large plates are yellow and green side
 * by side, and cameras without a yellow-green class report one of the halves, so those count too.
 * An empty list means: not checked (the colour is not fixed or not known to us).
 */
const EXPECTED_COLOURS: Readonly<Record<PlateKind, readonly PlateColour[]>> = {
  small: ['blue'],
  large: ['yellow'],
  ordinary: ['blue', 'yellow'],
  trailer: ['yellow'],
  coach: ['yellow'],
  'new-energy-small': ['green'],
  'new-energy-large': ['yellow-green', 'yellow', 'green'],
  police: ['white'],
  'armed-police': ['white'],
  military: ['white'],
  embassy: ['black'],
  consulate: ['black'],
  'hong-kong': ['black'],
  macau: ['black'],
  emergency: [],
  'civil-aviation': ['black', 'green'],
};

export const expectedColours = (kind: PlateKind): readonly PlateColour[] => EXPECTED_COLOURS[kind];

/** Whether a reported colour contradicts the kind read from the text (unknown never does). */
export const colourContradictsKind = (kind: PlateKind, colour: PlateColour): boolean => {
  const expected = EXPECTED_COLOURS[kind];
  return colour !== 'unknown' && expected.length > 0 && !expected.includes(colour);
};

/** The colour a kind implies when the camera did not say, or `unknown` when it implies none. */
export const impliedColour = (kind: PlateKind): PlateColour => {
  const expected = EXPECTED_COLOURS[kind];
  return expected.length > 0 && kind !== 'ordinary' ? (expected[0] ?? 'unknown') : 'unknown';
};

/**
 * Plate type codes (号牌种类, GA/T 16.7, as `hpzl` on platforms): 01 large, 02 small, 03 embassy,
 * 04 consulate, 15 trailer, 16 coach, 23 police, 26 Hong Kong, 27 Macau, 31 armed police,
 * 32 military, 51 large new energy, 52 small new energy, 99 other.
 */
export type GaPlateTypeCode =
  '01' | '02' | '03' | '04' | '15' | '16' | '23' | '26' | '27' | '31' | '32' | '51' | '52' | '99';

const GA_TYPE_CODES: Readonly<Record<PlateKind, GaPlateTypeCode>> = {
  large: '01',
  small: '02',
  ordinary: '99',
  embassy: '03',
  consulate: '04',
  trailer: '15',
  coach: '16',
  police: '23',
  'hong-kong': '26',
  macau: '27',
  'armed-police': '31',
  military: '32',
  'new-energy-large': '51',
  'new-energy-small': '52',
  // No code of their own in the tables we could verify.
  emergency: '99',
  'civil-aviation': '99',
};

export const toGaPlateTypeCode = (kind: PlateKind): GaPlateTypeCode => GA_TYPE_CODES[kind];
