import { type DrivingLicenceRead, type ReadField } from '@ecogate/contracts';
import { parsePlate, parseVin } from '@ecogate/domain';
import { type CharacterRead } from '@ecogate/lpr';
import { type TextRow } from './text-lines';
import { isVehicleTypeName } from './vehicle-type-name';

export type LicenceField = DrivingLicenceRead['unreadable'][number];
export const LICENCE_FIELDS: readonly LicenceField[] = [
  'plate',
  'vehicleType',
  'vin',
  'engineNo',
  'registrationDate',
];

/** The printed labels of the 行驶证's front page; a value follows its label on the same row. */
const LABELS: readonly { readonly field: LicenceField | 'other'; readonly text: string }[] = [
  { field: 'plate', text: '号牌号码' },
  { field: 'vehicleType', text: '车辆类型' },
  { field: 'vin', text: '车辆识别代号' },
  { field: 'engineNo', text: '发动机号码' },
  { field: 'registrationDate', text: '注册日期' },
  // Read only to end the value before them (发证日期 sits beside 注册日期 and is never taken for it).
  { field: 'other', text: '发证日期' },
  { field: 'other', text: '所有人' },
  { field: 'other', text: '住址' },
  { field: 'other', text: '使用性质' },
  { field: 'other', text: '品牌型号' },
];
const TITLE = '中华人民共和国机动车行驶证';

/** Capped confidence of a VIN whose check digit does not match: a misread is then likely (a warning, domain.md §2). */
export const BAD_CHECK_DIGIT_CONFIDENCE = 0.5;

interface LabelHit {
  readonly field: LicenceField | 'other';
  readonly label: string;
  readonly start: number;
  readonly end: number;
  readonly mismatches: number;
}

/**
 * The licence's fields from its rows of text. Each value is what follows its label on the row,
 * up to the next label; it must pass the domain's validation, else the field is `unreadable`
 * (never a repaired guess). A field's confidence is the LEAST confident of its characters: one
 * misread character makes the whole field wrong, and a mean over 17 good ones would hide it.
 */
export function extractLicenceFields(rows: readonly TextRow[]): DrivingLicenceRead {
  const fields: DrivingLicenceRead['fields'] = {};
  const labelsSeen = new Set<string>();
  let titleSeen = false;
  for (const row of rows) {
    const chars = row.characters.map((c) => c.char);
    if (containsFuzzy(chars, TITLE, 2)) titleSeen = true;
    const hits = findLabels(chars);
    hits.forEach((hit, index) => {
      labelsSeen.add(hit.label);
      if (hit.field === 'other' || fields[hit.field]) return;
      const value = row.characters.slice(hit.end, hits[index + 1]?.start ?? row.characters.length);
      const read = VALIDATORS[hit.field](value);
      if (read) fields[hit.field] = read;
    });
  }
  const found = titleSeen || labelsSeen.size >= 2;
  const kept = found ? fields : {};
  return {
    kind: 'driving-licence',
    found,
    fields: kept,
    unreadable: LICENCE_FIELDS.filter((f) => kept[f] === undefined),
  };
}

/** Labels on a row, left to right, not overlapping; one wrong character allowed in a label of four or more. */
function findLabels(chars: readonly string[]): LabelHit[] {
  const candidates: LabelHit[] = [];
  for (const label of LABELS) {
    const target = Array.from(label.text);
    const allowed = target.length >= 4 ? 1 : 0;
    for (let start = 0; start + target.length <= chars.length; start++) {
      const mismatches = target.filter((c, i) => chars[start + i] !== c).length;
      if (mismatches <= allowed)
        candidates.push({
          field: label.field,
          label: label.text,
          start,
          end: start + target.length,
          mismatches,
        });
    }
  }
  // Exact matches first, then longer labels: 车辆识别代号 wins over a fuzzy 车辆类型 at the same place.
  candidates.sort((a, b) => a.mismatches - b.mismatches || b.end - b.start - (a.end - a.start));
  const chosen: LabelHit[] = [];
  for (const hit of candidates)
    if (chosen.every((c) => hit.end <= c.start || hit.start >= c.end)) chosen.push(hit);
  return chosen.sort((a, b) => a.start - b.start);
}

function containsFuzzy(chars: readonly string[], text: string, allowed: number): boolean {
  const target = Array.from(text);
  for (let start = 0; start + target.length <= chars.length; start++)
    if (target.filter((c, i) => chars[start + i] !== c).length <= allowed) return true;
  return false;
}

type Validator = (value: readonly CharacterRead[]) => ReadField | undefined;

/** The value's characters without spaces and the colon printed after some labels. */
function cleaned(value: readonly CharacterRead[], alsoDrop = /^$/u): CharacterRead[] {
  return value.filter((c) => !/^[\s:：]$/u.test(c.char) && !alsoDrop.test(c.char));
}

/** Separators OCR reads inside a plate, VIN or engine number (the domain drops them too). */
const INNER_SEPARATORS = /^[.·\-_]$/u;

const minConfidence = (chars: readonly CharacterRead[]) =>
  chars.length === 0 ? 0 : Math.min(...chars.map((c) => c.confidence));

const textOf = (chars: readonly CharacterRead[]) => chars.map((c) => c.char).join('');

const VALIDATORS: Readonly<Record<LicenceField, Validator>> = {
  plate: (value) => {
    const chars = cleaned(value, INNER_SEPARATORS);
    const plate = parsePlate(textOf(chars));
    return plate.ok ? { value: plate.value.text, confidence: minConfidence(chars) } : undefined;
  },
  vehicleType: (value) => {
    const chars = cleaned(value);
    const text = textOf(chars);
    return isVehicleTypeName(text) ? { value: text, confidence: minConfidence(chars) } : undefined;
  },
  vin: (value) => {
    const chars = cleaned(value, INNER_SEPARATORS);
    const vin = parseVin(textOf(chars));
    if (!vin.ok) return undefined;
    const confidence = minConfidence(chars);
    return {
      value: vin.value.text,
      confidence:
        vin.value.checkDigit === 'invalid' ? Math.min(confidence, BAD_CHECK_DIGIT_CONFIDENCE) : confidence,
    };
  },
  engineNo: (value) => {
    const chars = cleaned(value, INNER_SEPARATORS);
    const text = textOf(chars).normalize('NFKC').toUpperCase();
    return /^[A-Z0-9]{5,20}$/.test(text) ? { value: text, confidence: minConfidence(chars) } : undefined;
  },
  registrationDate: (value) => {
    const chars = cleaned(value);
    const date = normaliseDate(textOf(chars));
    return date ? { value: date, confidence: minConfidence(chars) } : undefined;
  },
};

const EARLIEST_YEAR = 1950;

/**
 * `2019-05-12`, `2019.5.12`, `2019年05月12日`, `20190512` → `2019-05-12`; anything else, an
 * impossible day (2019-02-30) or a day after `today` → undefined.
 */
export function normaliseDate(text: string, today: Date = new Date()): string | undefined {
  const compact = text.normalize('NFKC').replace(/\s/g, '');
  const match =
    /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$/.exec(compact) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(compact);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  if (year < EARLIEST_YEAR || date.getTime() > today.getTime()) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
