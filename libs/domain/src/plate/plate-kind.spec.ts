import { PLATE_COLOURS, toGaPlateColourCode } from './plate-colour';
import {
  colourContradictsKind,
  expectedColours,
  impliedColour,
  PLATE_KINDS,
  toGaPlateTypeCode,
} from './plate-kind';

describe('GA/T 16.7 plate type codes', () => {
  it.each([
    ['large', '01'],
    ['small', '02'],
    ['embassy', '03'],
    ['consulate', '04'],
    ['trailer', '15'],
    ['coach', '16'],
    ['police', '23'],
    ['hong-kong', '26'],
    ['macau', '27'],
    ['armed-police', '31'],
    ['military', '32'],
    ['new-energy-large', '51'],
    ['new-energy-small', '52'],
    ['ordinary', '99'],
    ['emergency', '99'],
    ['civil-aviation', '99'],
  ] as const)('%s → %s', (kind, code) => {
    expect(toGaPlateTypeCode(kind)).toBe(code);
  });
});

describe('GA/T 543.5 plate colour codes', () => {
  it.each([
    ['white', '0'],
    ['yellow', '1'],
    ['blue', '2'],
    ['black', '3'],
    ['green', '4'],
    ['yellow-green', '4'],
    ['unknown', '5'],
    ['other', '9'],
  ] as const)('%s → %s', (colour, code) => {
    expect(toGaPlateColourCode(colour)).toBe(code);
  });

  it('has a code for every colour', () => {
    for (const colour of PLATE_COLOURS) expect(toGaPlateColourCode(colour)).toMatch(/^\d$/);
  });
});

describe('colours per kind (domain.md §5)', () => {
  it.each([
    ['small', 'blue'],
    ['large', 'yellow'],
    ['trailer', 'yellow'],
    ['coach', 'yellow'],
    ['new-energy-small', 'green'],
    ['new-energy-large', 'yellow-green'],
    ['police', 'white'],
    ['armed-police', 'white'],
    ['military', 'white'],
    ['embassy', 'black'],
    ['consulate', 'black'],
    ['hong-kong', 'black'],
    ['macau', 'black'],
    ['ordinary', 'unknown'],
    ['emergency', 'unknown'],
  ] as const)('%s implies %s', (kind, colour) => {
    expect(impliedColour(kind)).toBe(colour);
  });

  it('never lets unknown contradict a kind', () => {
    for (const kind of PLATE_KINDS) expect(colourContradictsKind(kind, 'unknown')).toBe(false);
  });

  it('accepts the implied colour of every kind', () => {
    for (const kind of PLATE_KINDS) expect(colourContradictsKind(kind, impliedColour(kind))).toBe(false);
  });

  it('lists only known colours', () => {
    for (const kind of PLATE_KINDS) for (const c of expectedColours(kind)) expect(PLATE_COLOURS).toContain(c);
  });
});
