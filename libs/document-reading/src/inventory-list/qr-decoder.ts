// The package's `ImageData` for runtimes without the DOM's (a type only).
/// <reference types="zxing-wasm/imageData" />
import { readFileSync } from 'node:fs';
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';

// ZXing-C++ (as WebAssembly, npm `zxing-wasm`) finds and decodes QR codes. Its wasm binary is read
// from the package on disk: by default the module would fetch it from a CDN, and this service only
// talks to 127.0.0.1.

/** A greyscale image: one byte per pixel, row-major. */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

const READER_OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  // Slower, finds rotated, skewed and small codes; printed lists are dark on light (no inversion).
  tryHarder: true,
  tryRotate: true,
  tryInvert: false,
  tryDownscale: true,
  // A page may carry another code (a manufacturer's); each is looked at.
  maxNumberOfSymbols: 4,
};

let prepared = false;

function prepare(): void {
  if (prepared) return;
  const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
  });
  prepared = true;
}

/**
 * The text of every valid QR code in the image. The bytes are read as UTF-8 when they are valid
 * UTF-8, else as GB18030 (GBK and GB2312 included): Chinese printers write either.
 */
export async function decodeQrTexts(image: GreyImage): Promise<string[]> {
  prepare();
  const results = await readBarcodes(asImageData(image), READER_OPTIONS);
  return results.filter((r) => r.isValid).map((r) => (r.bytes.length > 0 ? textOf(r.bytes) : r.text));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');

function textOf(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return gb18030.decode(bytes);
  }
}

/** zxing-wasm takes RGBA `ImageData` (duck-typed) and folds it back to grey: r = g = b keeps the value. */
function asImageData(image: GreyImage): ImageData {
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  const grey = image.data;
  for (let i = 0, o = 0; i < grey.length; i++, o += 4) {
    const v = grey[i] as number;
    rgba[o] = v;
    rgba[o + 1] = v;
    rgba[o + 2] = v;
    rgba[o + 3] = 255;
  }
  return { width: image.width, height: image.height, data: rgba };
}
