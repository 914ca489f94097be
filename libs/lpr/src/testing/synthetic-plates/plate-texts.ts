import { PROVINCES } from '@ecogate/domain';
import { type PlateFamily } from './plate-families';

// The characters GA 36-2018 allows (I and O never appear: they read as 1 and 0).
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '0123456789';
const SERIAL = LETTERS + DIGITS;
// New-energy classes: small plates D/F (pure electric / other) lead the serial; large ones end with it.
const NEW_ENERGY_CLASSES = 'DF';

const pick = (chars: string, random: () => number): string =>
  chars[Math.floor(random() * chars.length)] ?? chars[0] ?? '';
const draw = (chars: string, count: number, random: () => number): string =>
  Array.from({ length: count }, () => pick(chars, random)).join('');
const province = (random: () => number): string => PROVINCES[Math.floor(random() * PROVINCES.length)] ?? '京';

/**
 * A plate text of the family's format, valid by construction (the unit tests check each with
 * `parsePlate`). Serials are mostly digits with a letter or two, as issued plates are.
 */
export function plateText(family: PlateFamily, random: () => number): string {
  const head = () => province(random) + pick(LETTERS, random);
  // Ordinary serials: digits, with a letter in one or two places about half the time.
  const serial = (length: number) =>
    Array.from({ length }, () => pick(random() < 0.25 ? LETTERS : DIGITS, random)).join('');
  switch (family) {
    case 'blue-small':
    case 'yellow-large':
    case 'yellow-large-double':
      return head() + serial(5);
    case 'trailer':
      return `${head()}${serial(4)}挂`;
    case 'coach':
      return `${head()}${serial(4)}学`;
    case 'police':
      return `${head()}${serial(4)}警`;
    case 'new-energy-small':
      return head() + pick(NEW_ENERGY_CLASSES, random) + pick(SERIAL, random) + draw(DIGITS, 4, random);
    case 'new-energy-large':
      return head() + draw(DIGITS, 5, random) + pick(NEW_ENERGY_CLASSES, random);
    case 'armed-police':
    case 'armed-police-double':
      // The last character is a digit, or a service letter on some plates.
      return `WJ${province(random)}${draw(DIGITS, 4, random)}${pick(random() < 0.3 ? LETTERS : DIGITS, random)}`;
  }
}
