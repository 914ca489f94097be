import { parseVin } from '@ecogate/domain';
import { parseInventoryListPayload } from '../inventory-list/inventory-list-payload';
import { inventoryListQrText } from './inventory-list-page';
import { INVENTORY_LIST_CONDITIONS, inventoryListSamples, samplePage } from './inventory-list-samples';

describe('inventoryListSamples', () => {
  const samples = inventoryListSamples(4, 7);

  it('draws the same samples for a seed, others for another seed', () => {
    expect(inventoryListSamples(4, 7)).toEqual(samples);
    expect(inventoryListSamples(4, 8)[0]?.vin).not.toBe(samples[0]?.vin);
  });

  it('draws each condition the asked number of times, in order', () => {
    expect(samples.map((s) => s.condition)).toEqual(INVENTORY_LIST_CONDITIONS.flatMap((c) => [c, c, c, c]));
  });

  it('draws VINs the domain accepts, with a correct check digit', () => {
    for (const { vin } of samples) {
      const parsed = parseVin(vin);
      expect(parsed.ok && parsed.value.checkDigit).toBe('valid');
    }
  });

  it('prints codes the reader parses back to the sample, in every form', () => {
    for (const sample of samples) {
      const page = samplePage(sample);
      expect(page.qrText).toBe(inventoryListQrText(sample, sample.form));
      expect(parseInventoryListPayload(page.qrText ?? '')).toEqual({
        disclosureNumber: sample.disclosureNumber,
        vin: sample.vin,
        unreadable: [],
      });
    }
  });
});
