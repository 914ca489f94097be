import { err, ok, type Result } from '../shared/result';
import {
  type Plate,
  type PlateColourSource,
  type PlateError,
  type PlateErrorCode,
  type PlateRepair,
  type PlateWarning,
} from './plate';
import { isPlateColour, type PlateColour } from './plate-colour';
import { isPlateAlphabet, newEnergyClassOf, PLATE_FORMATS, type PlateFormat } from './plate-format';
import { colourContradictsKind, impliedColour, type PlateKind } from './plate-kind';
import { normalisePlateText } from './plate-text';
import { isProvince } from './provinces';

export interface ParsePlateHint {
  /** The colour the camera reported, already normalised (see `normaliseVendorColour`). */
  readonly colour?: PlateColour;
}

// Longer input is not a plate; stop before folding megabytes of it.
const MAX_RAW_LENGTH = 256;
const MAX_PLATE_LENGTH = 32;
const PLATE_LENGTHS: ReadonlySet<number> = new Set(PLATE_FORMATS.map((f) => f.slots.length));

// What cameras send when they saw a vehicle but no plate (Hikvision 无车牌, others 无牌/无牌车/_无_).
const NO_PLATE_TOKENS: ReadonlySet<string> = new Set(['无车牌', '无牌车', '无牌', '无', '未识别', '车牌']);

// Some firmwares put the colour in front of the text (Hikvision `蓝皖A7XG66`).
const COLOUR_PREFIXES: readonly (readonly [string, PlateColour])[] = [
  ['黄绿', 'yellow-green'],
  ['渐变绿', 'green'],
  ['蓝', 'blue'],
  ['黄', 'yellow'],
  ['白', 'white'],
  ['绿', 'green'],
  ['黑', 'black'],
];

// Each confusable pair; a character is repaired only where it is illegal and its partner is legal.
const CONFUSABLE: Readonly<Record<string, string>> = { O: '0', '0': 'O', I: '1', '1': 'I' };

const HAN = /^\p{Script=Han}$/u;
const SPECIAL_HEADS: ReadonlySet<string> = new Set(['使', '民']);

const fail = (code: PlateErrorCode, reason: string): { readonly ok: false; readonly error: PlateError } =>
  err({ code, reason });

const startsLikePlate = (chars: readonly string[]): boolean => {
  const first = chars[0] ?? '';
  return isProvince(first) || SPECIAL_HEADS.has(first) || (first === 'W' && chars[1] === 'J');
};

/** Strips a leading colour word when what follows is clearly a plate (黑 is also Heilongjiang). */
const splitColourPrefix = (chars: readonly string[]): { chars: readonly string[]; colour?: PlateColour } => {
  const text = chars.join('');
  for (const [word, colour] of COLOUR_PREFIXES) {
    if (!text.startsWith(word)) continue;
    const rest = chars.slice(Array.from(word).length);
    if (!PLATE_LENGTHS.has(rest.length)) continue;
    if (word === '黑' && !startsLikePlate(rest)) continue;
    return { chars: rest, colour };
  }
  return { chars };
};

interface Match {
  readonly format: PlateFormat;
  readonly chars: readonly string[];
  readonly repairs: readonly PlateRepair[];
}

const matchFormat = (format: PlateFormat, chars: readonly string[]): Match | undefined => {
  if (format.slots.length !== chars.length) return undefined;
  const out: string[] = [];
  const repairs: PlateRepair[] = [];
  for (const [index, slot] of format.slots.entries()) {
    const char = chars[index] ?? '';
    if (slot.accepts(char)) {
      out.push(char);
      continue;
    }
    const partner = CONFUSABLE[char];
    if (partner === undefined || !slot.accepts(partner)) return undefined;
    out.push(partner);
    repairs.push({ index, from: char, to: partner });
  }
  return { format, chars: out, repairs };
};

/** The clean reading wins over a repaired one; on a tie, the earlier format. */
const bestMatch = (chars: readonly string[]): Match | undefined => {
  let best: Match | undefined;
  for (const format of PLATE_FORMATS) {
    const match = matchFormat(format, chars);
    if (match && (!best || match.repairs.length < best.repairs.length)) best = match;
  }
  return best;
};

const resolveKind = (kind: PlateKind, colour: PlateColour): PlateKind => {
  if (kind !== 'ordinary') return kind;
  if (colour === 'blue') return 'small';
  if (colour === 'yellow') return 'large';
  return 'ordinary';
};

/** A Chinese character where a province belongs (first, or after WJ) that is none of the 31. */
const provinceOutsideList = (chars: readonly string[]): string | undefined => {
  const at = chars[0] === 'W' && chars[1] === 'J' ? 2 : 0;
  const char = chars[at] ?? '';
  const allowed = isProvince(char) || (at === 0 && SPECIAL_HEADS.has(char));
  return HAN.test(char) && !allowed ? char : undefined;
};

const classifyFailure = (chars: readonly string[]): PlateError => {
  const text = chars.join('');
  if (!PLATE_LENGTHS.has(chars.length)) {
    return { code: 'bad-length', reason: `${chars.length} characters; plates have 7 or 8 (${text})` };
  }
  return { code: 'bad-format', reason: `${text} matches no GA 36-2018 plate layout` };
};

const colourSourceOf = (
  hinted: PlateColour | undefined,
  prefixed: PlateColour | undefined,
  implied: PlateColour,
): PlateColourSource => {
  if (hinted !== undefined) return 'hint';
  if (prefixed !== undefined) return 'text-prefix';
  return implied === 'unknown' ? 'none' : 'implied';
};

const toPlate = (match: Match, hinted?: PlateColour, prefixed?: PlateColour): Plate => {
  const { format, chars, repairs } = match;
  const observed = hinted ?? prefixed;
  const kind = resolveKind(format.kind, observed ?? 'unknown');
  const implied = impliedColour(kind);
  const warnings: PlateWarning[] =
    observed !== undefined && colourContradictsKind(kind, observed) ? ['colour-mismatch'] : [];
  const at = (index: number | undefined): string | undefined =>
    index === undefined ? undefined : chars[index];
  const province = at(format.province);
  const authority = at(format.authority);
  const newEnergy =
    format.energyAt === undefined ? undefined : newEnergyClassOf(kind, at(format.energyAt) ?? '');
  return {
    text: chars.join(''),
    kind,
    ...(province !== undefined && isProvince(province) ? { province } : {}),
    ...(authority !== undefined ? { authority } : {}),
    serial: chars.slice(format.serial[0], format.serial[1]).join(''),
    ...(format.suffix !== undefined ? { suffix: format.suffix } : {}),
    ...(newEnergy !== undefined ? { newEnergy } : {}),
    colour: observed ?? implied,
    colourSource: colourSourceOf(hinted, prefixed, implied),
    repairs,
    warnings,
  };
};

/**
 * Parses any string into a plate: folds it (`normalisePlateText`), drops a leading colour word,
 * checks the 31 provinces and every GA 36-2018 layout, and repairs O→0 / I→1 (or 0→O where only O
 * is legal) position by position, listing each repair. Never throws.
 */
export function parsePlate(raw: string, hint?: ParsePlateHint): Result<Plate, PlateError> {
  if (typeof raw !== 'string' || raw.length === 0) return fail('empty', 'no plate text');
  if (raw.length > MAX_RAW_LENGTH) return fail('bad-length', `${raw.length} characters is not a plate`);

  const folded = normalisePlateText(raw);
  if (folded.length === 0) return fail('empty', 'no plate text after removing separators');
  if (NO_PLATE_TOKENS.has(folded)) return fail('no-plate', `the device reported no plate (${folded})`);

  const all = Array.from(folded);
  if (all.length > MAX_PLATE_LENGTH) return fail('bad-length', `${all.length} characters is not a plate`);
  // A clean reading of the whole text wins over dropping a colour word: 黑WJA0000 is a
  // Heilongjiang new-energy plate, not a black 'WJA0000'.
  const whole = bestMatch(all);
  const { chars, colour: prefixColour } =
    whole?.repairs.length === 0 ? { chars: all } : splitColourPrefix(all);

  const notProvince = provinceOutsideList(chars);
  if (notProvince !== undefined)
    return fail('bad-province', `'${notProvince}' is not one of the 31 provinces`);
  const strange = chars.findIndex((c) => !isPlateAlphabet(c));
  if (strange >= 0) {
    const char = chars[strange] ?? '';
    const codePoint = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    return fail(
      'bad-character',
      `'${char}' (U+${codePoint}) at position ${strange + 1} never appears on a plate`,
    );
  }

  const match = bestMatch(chars);
  if (!match) return err(classifyFailure(chars));
  const hinted = isPlateColour(hint?.colour) && hint.colour !== 'unknown' ? hint.colour : undefined;
  return ok(toPlate(match, hinted, prefixColour));
}
