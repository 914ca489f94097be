import { normaliseVinText, parseVin } from '@ecogate/domain';

// What a 随车清单's QR code carries (docs/document-reading.md): the disclosure site's URL with the
// 信息公开编号 (and sometimes the VIN) as query parameters, or text lines `信息公开编号:…` / `VIN:…`,
// or both. A value is only normalised (full-width to ASCII, upper case, no spaces); one that fails
// its shape, or two different values for one field, leave the field unreadable: never a guess.

/** The fields a 随车清单's code should carry, in the names `InventoryListRead.unreadable` uses. */
export type InventoryListField = 'disclosureNumber' | 'vin';
export const INVENTORY_LIST_FIELDS: readonly InventoryListField[] = ['disclosureNumber', 'vin'];

export interface InventoryListPayload {
  readonly disclosureNumber?: string;
  readonly vin?: string;
  /** Fields the code does not carry, or carries in a form that is not a valid value. */
  readonly unreadable: readonly InventoryListField[];
}

/** URL query keys, lower case: pinyin initials (信息公开编号 → xxgkbh, 车辆识别代号 → clsbdh) and English. */
const QUERY_KEYS: Readonly<Record<string, InventoryListField>> = {
  xxgkbh: 'disclosureNumber',
  xxgkh: 'disclosureNumber',
  disclosurenumber: 'disclosureNumber',
  vin: 'vin',
  clsbdh: 'vin',
};

/** Text labels, with `:`, `：`, `=` or spaces before the value; `车辆识别代号(VIN)` included. */
const LABELLED_LINE =
  /^\s*(信息公开编号|车辆识别代号\s*(?:[(（]\s*VIN\s*[)）])?|VIN)\s*(?:[:：=]\s*|\s+)(\S(?:.*\S)?)\s*$/iu;

/** A disclosure number: `CN` then letters and digits (the stage at characters 5–6 is read by the domain). */
const DISCLOSURE_NUMBER = /^CN[A-Z0-9]{10,30}$/;

/**
 * The fields of a decoded QR text, or `undefined` when the text names none of them (the code is not
 * a 随车清单's: a payment code, a product link, a code of another document).
 */
export function parseInventoryListPayload(text: string): InventoryListPayload | undefined {
  const found: Record<InventoryListField, string[]> = { disclosureNumber: [], vin: [] };
  let named = false;
  for (const segment of text.split(/[\r\n;；|]+/u)) {
    for (const [field, raw] of fieldsOf(segment)) {
      named = true;
      found[field].push(raw);
    }
  }
  if (!named) return undefined;
  const disclosureNumber = single(found.disclosureNumber.map(normaliseDisclosureNumber));
  const vin = single(found.vin.map(normaliseVin));
  return {
    ...(disclosureNumber === undefined ? {} : { disclosureNumber }),
    ...(vin === undefined ? {} : { vin }),
    unreadable: INVENTORY_LIST_FIELDS.filter(
      (field) => (field === 'vin' ? vin : disclosureNumber) === undefined,
    ),
  };
}

/** The labelled fields of one segment: a URL's known query parameters, or one `label: value` line. */
function fieldsOf(segment: string): [InventoryListField, string][] {
  const url = asUrl(segment.trim());
  if (url) {
    const fields: [InventoryListField, string][] = [];
    for (const [key, value] of url.searchParams) {
      const field = QUERY_KEYS[key.toLowerCase()];
      if (field) fields.push([field, value]);
    }
    return fields;
  }
  const match = LABELLED_LINE.exec(segment);
  if (!match) return [];
  const label = (match[1] ?? '').toUpperCase();
  return [[label.startsWith('信息公开编号') ? 'disclosureNumber' : 'vin', match[2] ?? '']];
}

function asUrl(text: string): URL | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** The VIN as `parseVin` accepts it (17 characters, no I/O/Q), or undefined. */
function normaliseVin(raw: string): string | undefined {
  const vin = parseVin(raw);
  return vin.ok ? vin.value.text : undefined;
}

function normaliseDisclosureNumber(raw: string): string | undefined {
  // The same folding as a VIN's: full-width to ASCII, upper case, no spaces or separators.
  const text = normaliseVinText(raw);
  return DISCLOSURE_NUMBER.test(text) ? text : undefined;
}

/** The one value all readings agree on; none when a reading is invalid or two readings differ. */
function single(values: readonly (string | undefined)[]): string | undefined {
  const [first] = values;
  return first !== undefined && values.every((v) => v === first) ? first : undefined;
}
