import { PROVINCES } from '@ecogate/domain';

// PP-OCRv4 reads 6,623 characters; a plate uses about seventy. Masking the rest away is the
// recogniser's alphabet, not a plate grammar: which layouts are valid stays the domain's job.
const PLATE_CHARACTERS = new Set<string>([
  ...PROVINCES,
  ...'挂学警港澳使领民航应急',
  ...'0123456789',
  ...'ABCDEFGHJKLMNPQRSTUVWXYZ',
]);
const provinces = new Set<string>(PROVINCES);

/** Classes of the model: 0 = CTC blank, then the key list in order, then a space. */
export function ppocrAlphabet(keys: string): string[] {
  const lines = keys.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return ['#', ...lines, ' '];
}

/** Plate characters only, and a province only in first place. */
export function ppocrAllowedAt(position: number, char: string): boolean {
  return PLATE_CHARACTERS.has(char) && (position === 0 || !provinces.has(char));
}
