/**
 * Plate background colours, one dictionary for every vendor (domain.md §5).
 * `green` is the small new-energy gradient green, `yellow-green` the large new-energy two-tone plate.
 * `other` means a device said "some other colour"; `unknown` means nobody knows.
 */
export const PLATE_COLOURS = [
  'blue',
  'yellow',
  'green',
  'yellow-green',
  'white',
  'black',
  'other',
  'unknown',
] as const;

export type PlateColour = (typeof PLATE_COLOURS)[number];

const colourSet: ReadonlySet<string> = new Set(PLATE_COLOURS);

export const isPlateColour = (value: unknown): value is PlateColour =>
  typeof value === 'string' && colourSet.has(value);

/**
 * Plate colour codes of GA/T 543.5 / GA/T 16 as used by public-security and supervision platforms
 * (`hpys`): 0 white, 1 yellow, 2 blue, 3 black, 4 green, 5 not recognised, 9 other.
 */
export type GaPlateColourCode = '0' | '1' | '2' | '3' | '4' | '5' | '9';

const GA_COLOUR_CODES: Readonly<Record<PlateColour, GaPlateColourCode>> = {
  white: '0',
  yellow: '1',
  blue: '2',
  black: '3',
  green: '4',
  // The table predates new-energy plates; the plate type (51) carries the distinction. Unverified:
  // a platform spec that lists its own code for yellow-green wins over this default.
  'yellow-green': '4',
  unknown: '5',
  other: '9',
};

export const toGaPlateColourCode = (colour: PlateColour): GaPlateColourCode => GA_COLOUR_CODES[colour];
