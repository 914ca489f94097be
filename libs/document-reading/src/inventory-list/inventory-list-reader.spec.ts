import { lprTestImages } from '@ecogate/lpr';
import { silentLogger } from '@ecogate/lpr';
import {
  inventoryListPhoto,
  type InventoryListPage,
  inventoryListQrText,
  inventoryListSamples,
  type PhotoConditions,
  samplePhoto,
} from '../testing';
import { startInventoryListPool } from './inventory-list-pool';
import { type InventoryListOutcome, NO_QR_CODE_MESSAGE, readInventoryList } from './inventory-list-reader';

const FIELDS = { disclosureNumber: 'CNZXG6ZJ0A00000000103K', vin: 'LZZ1CLVB8JD123456' };

function readOf(outcome: InventoryListOutcome) {
  if (outcome.kind !== 'read') throw new Error(`unreadable image: ${outcome.message}`);
  return outcome.read;
}

describe('readInventoryList on generated 随车清单 photos', () => {
  const photos: [string, PhotoConditions, InventoryListPage][] = [
    ['straight, the URL form', { jpegQuality: 85 }, { ...FIELDS }],
    [
      'turned 15° in perspective, the text form',
      { rotationDeg: 15, tilt: 0.15, scale: 0.9, noiseSigma: 3 },
      { ...FIELDS, qrText: inventoryListQrText(FIELDS, 'text') },
    ],
    [
      'turned −12° and keystoned, a URL and a VIN line',
      { rotationDeg: -12, tilt: 0.2, noiseSigma: 3 },
      { ...FIELDS, qrText: inventoryListQrText(FIELDS, 'url-and-vin-line') },
    ],
    ['out of focus (σ 1.8)', { rotationDeg: 3, blurSigma: 1.8, scale: 0.9, noiseSigma: 3 }, { ...FIELDS }],
    [
      'in a dim cab with a shadow and noise',
      { rotationDeg: -4, brightness: 0.3, shadow: 0.35, noiseSigma: 8, jpegQuality: 70 },
      { ...FIELDS },
    ],
    [
      'small and far (about 2.5 px per module)',
      { rotationDeg: 4, scale: 0.42, blurSigma: 0.5 },
      { ...FIELDS },
    ],
  ];

  it.each(photos)('reads the exact disclosure number and VIN: %s', async (_, conditions, page) => {
    const read = readOf(await readInventoryList(await inventoryListPhoto(page, conditions, 11)));
    expect(read).toEqual({
      kind: 'inventory-list',
      found: true,
      qrText: page.qrText ?? inventoryListQrText(FIELDS),
      ...FIELDS,
      unreadable: [],
    });
  });

  it('reads a soft photo that the as-is attempt misses after sharpening it', async () => {
    // The bench's third blurred photo (seed 2026): σ 2.0, ZXing finds nothing in it as it is.
    const sample = inventoryListSamples(10, 2026).filter((s) => s.condition === 'blurred')[2];
    if (!sample) throw new Error('no sample');
    const outcome = await readInventoryList(await samplePhoto(sample));
    expect(outcome).toMatchObject({ kind: 'read', attempt: 'sharpened' });
    expect(readOf(outcome)).toMatchObject({
      found: true,
      disclosureNumber: sample.disclosureNumber,
      vin: sample.vin,
    });
  });

  it('reads a code whose text is GBK-encoded, as some printers write it', async () => {
    // "信息公开编号:" in GBK, then ASCII.
    const label = [208, 197, 207, 162, 185, 171, 191, 170, 177, 224, 186, 197, 58];
    const qrBytes = new Uint8Array([
      ...label,
      ...Buffer.from(`${FIELDS.disclosureNumber}\nVIN:${FIELDS.vin}`),
    ]);
    const read = readOf(await readInventoryList(await inventoryListPhoto({ ...FIELDS, qrBytes }, {}, 1)));
    expect(read).toMatchObject({
      found: true,
      qrText: `信息公开编号:${FIELDS.disclosureNumber}\nVIN:${FIELDS.vin}`,
    });
    expect(read).toMatchObject(FIELDS);
  });

  it('answers no-qr-code, with a message for the person, when the page has no code', async () => {
    const outcome = await readInventoryList(await inventoryListPhoto({ ...FIELDS, qrText: null }, {}, 2));
    expect(readOf(outcome)).toEqual({
      kind: 'inventory-list',
      found: false,
      reason: 'no-qr-code',
      message: NO_QR_CODE_MESSAGE,
    });
    expect(outcome.kind === 'read' && outcome.attempt).toBe(undefined);
  });

  it('answers no-qr-code for a photo of something else', async () => {
    expect(readOf(await readInventoryList(await lprTestImages.plateLessScene()))).toMatchObject({
      found: false,
      reason: 'no-qr-code',
    });
  });

  it('answers not-an-inventory-list-code for another code, naming what it holds', async () => {
    const qrText = 'https://shop.example.com/item?id=42';
    const read = readOf(await readInventoryList(await inventoryListPhoto({ ...FIELDS, qrText }, {}, 3)));
    expect(read).toMatchObject({ found: false, reason: 'not-an-inventory-list-code' });
    expect(read.found === false && read.message).toContain(qrText);
  });

  it('names the field a code does not carry instead of guessing it', async () => {
    const qrText = `https://www.vecc.org.cn/xxgk/query?xxgkbh=${FIELDS.disclosureNumber}`;
    const read = readOf(await readInventoryList(await inventoryListPhoto({ ...FIELDS, qrText }, {}, 4)));
    expect(read).toEqual({
      kind: 'inventory-list',
      found: true,
      qrText,
      disclosureNumber: FIELDS.disclosureNumber,
      unreadable: ['vin'],
    });
  });

  it.each([
    ['an empty body', Buffer.alloc(0), 'empty'],
    ['text', Buffer.from('not an image at all'), 'unsupported-format'],
  ])('answers unreadable-image for %s', async (_, bytes, reason) => {
    expect(await readInventoryList(bytes)).toMatchObject({ kind: 'unreadable-image', reason });
  });

  it('reads in its own worker thread through the pool, with the same answer', async () => {
    const pool = await startInventoryListPool({
      workers: 1,
      queueLimit: 1,
      jobTimeoutMs: 30_000,
      workerHeapMb: 256,
      init: { reader: { maxPixels: 40_000_000, decodeTimeoutSeconds: 10 }, sharpConcurrency: 1 },
      logger: silentLogger,
    });
    try {
      const outcome = await pool.run(await inventoryListPhoto(FIELDS, { rotationDeg: 8 }, 5));
      expect(outcome.kind === 'read' && outcome.read).toMatchObject({ found: true, ...FIELDS });
    } finally {
      await pool.close();
    }
  });
});
