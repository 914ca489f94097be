import { computeVinCheckDigit } from '@ecogate/domain';
import {
  type InventoryListPage,
  inventoryListPhoto,
  type InventoryListQrForm,
  inventoryListQrText,
} from './inventory-list-page';
import { type PhotoConditions, seededRandom } from '@ecogate/lpr/testing';

// Seeded 随车清单 samples and the photo conditions the tests and the bench use: the same seed gives
// the same VINs, disclosure numbers and photos on every run.

/** Named ways a list is photographed at the gate; each draws its exact values from the seed. */
export const INVENTORY_LIST_CONDITIONS = ['straight', 'angled', 'blurred', 'dark', 'small'] as const;
export type InventoryListCondition = (typeof INVENTORY_LIST_CONDITIONS)[number];

/** The photo conditions of `condition`, drawn from `random` within the condition's range. */
export function drawConditions(condition: InventoryListCondition, random: () => number): PhotoConditions {
  const between = (low: number, high: number) => low + (high - low) * random();
  const sign = random() < 0.5 ? -1 : 1;
  const base = { jpegQuality: Math.round(between(70, 90)), noiseSigma: between(2, 5) };
  switch (condition) {
    case 'straight':
      return { ...base, rotationDeg: between(-2, 2), scale: 1 };
    case 'angled':
      // A phone held over the list: turned up to ±15° and in perspective.
      return {
        ...base,
        rotationDeg: sign * between(5, 15),
        tilt: between(0.08, 0.2),
        scale: between(0.8, 1),
      };
    case 'blurred':
      return { ...base, rotationDeg: between(-5, 5), blurSigma: between(1.5, 2.5), scale: 0.9 };
    case 'dark':
      // A cab at dusk: dim, a shadow across the page, more sensor noise.
      return {
        ...base,
        rotationDeg: between(-5, 5),
        brightness: between(0.25, 0.4),
        shadow: between(0.2, 0.4),
        noiseSigma: between(5, 9),
      };
    case 'small':
      // The list far from the camera: the code is about 2.5 photo pixels per module.
      return { ...base, rotationDeg: between(-5, 5), scale: between(0.4, 0.5), blurSigma: 0.5 };
  }
}

export interface InventoryListSample {
  readonly disclosureNumber: string;
  readonly vin: string;
  readonly form: InventoryListQrForm;
  readonly condition: InventoryListCondition;
  readonly conditions: PhotoConditions;
  /** The photo's own seed (noise). */
  readonly seed: number;
}

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${UPPER}0123456789`;
const FORMS: readonly InventoryListQrForm[] = ['url', 'text', 'url-and-vin-line'];

/** `count` samples per condition, every field drawn from `seed`. */
export function inventoryListSamples(
  countPerCondition: number,
  seed: number,
  conditions: readonly InventoryListCondition[] = INVENTORY_LIST_CONDITIONS,
): InventoryListSample[] {
  const random = seededRandom(seed);
  const pick = (alphabet: string, length: number) =>
    Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  const samples: InventoryListSample[] = [];
  for (const condition of conditions) {
    for (let i = 0; i < countPerCondition; i++) {
      samples.push({
        disclosureNumber: `CN${pick(UPPER, 2)}G${1 + Math.floor(random() * 6)}${pick(ALNUM, 16)}`,
        vin: syntheticVin(pick(VIN_CHARS, 17)),
        form: FORMS[Math.floor(random() * FORMS.length)] ?? 'url',
        condition,
        conditions: drawConditions(condition, random),
        seed: Math.floor(random() * 2 ** 31),
      });
    }
  }
  return samples;
}

/** The printed page of a sample: its code in the sample's form. */
export function samplePage(sample: InventoryListSample): InventoryListPage {
  return { ...sample, qrText: inventoryListQrText(sample, sample.form) };
}

/** The sample's photo (a JPEG), the same bytes on every run. */
export function samplePhoto(sample: InventoryListSample): Promise<Buffer> {
  return inventoryListPhoto(samplePage(sample), sample.conditions, sample.seed);
}

/** A well-formed VIN with a correct check digit (Chinese VINs usually carry one), made from 17 VIN characters. */
function syntheticVin(chars: string): string {
  const draft = `${chars.slice(0, 8)}0${chars.slice(9)}`;
  return `${draft.slice(0, 8)}${computeVinCheckDigit(draft) ?? '0'}${draft.slice(9)}`;
}
