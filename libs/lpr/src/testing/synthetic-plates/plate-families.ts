import { type PlateColour, type PlateKind } from '@ecogate/domain';

/**
 * The plates the generator draws: each a GA 36-2018 layout with its colours (the armed-police
 * plates follow the 2012 WJ style, which GA 36 does not cover). `kind` and `colour` are what
 * `parsePlate` must say of the text with that colour as the hint.
 */
export const PLATE_FAMILIES = [
  'blue-small',
  'yellow-large',
  'yellow-large-double',
  'trailer',
  'coach',
  'new-energy-small',
  'new-energy-large',
  'police',
  'armed-police',
  'armed-police-double',
] as const;

export type PlateFamily = (typeof PLATE_FAMILIES)[number];

export interface FamilyTraits {
  readonly kind: PlateKind;
  readonly colour: PlateColour;
  readonly rows: 1 | 2;
}

export const FAMILY_TRAITS: Readonly<Record<PlateFamily, FamilyTraits>> = {
  'blue-small': { kind: 'small', colour: 'blue', rows: 1 },
  'yellow-large': { kind: 'large', colour: 'yellow', rows: 1 },
  'yellow-large-double': { kind: 'large', colour: 'yellow', rows: 2 },
  trailer: { kind: 'trailer', colour: 'yellow', rows: 2 },
  coach: { kind: 'coach', colour: 'yellow', rows: 1 },
  'new-energy-small': { kind: 'new-energy-small', colour: 'green', rows: 1 },
  'new-energy-large': { kind: 'new-energy-large', colour: 'yellow-green', rows: 1 },
  police: { kind: 'police', colour: 'white', rows: 1 },
  'armed-police': { kind: 'armed-police', colour: 'white', rows: 1 },
  'armed-police-double': { kind: 'armed-police', colour: 'white', rows: 2 },
};

/**
 * The order families are dealt in, one per plate, round and round: a fixed share for each (not a
 * random one), so any 25 consecutive plates hold 8 double-row ones and 1 000 plates hold 320.
 */
// prettier-ignore
export const FAMILY_ROTATION: readonly PlateFamily[] = [
  'blue-small', 'yellow-large-double', 'new-energy-small', 'trailer', 'blue-small',
  'yellow-large', 'yellow-large-double', 'police', 'coach', 'new-energy-large',
  'blue-small', 'trailer', 'armed-police-double', 'new-energy-small', 'yellow-large-double',
  'blue-small', 'armed-police', 'trailer', 'coach', 'yellow-large',
  'yellow-large-double', 'new-energy-small', 'blue-small', 'police', 'new-energy-large',
];
