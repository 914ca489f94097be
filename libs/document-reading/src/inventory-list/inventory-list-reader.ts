import { type InventoryListRead } from '@ecogate/contracts';
import { decodeImage, type RawImage, RGB_CHANNELS, type UnreadableReason } from '@ecogate/lpr';
import sharp, { type Sharp } from 'sharp';
import { parseInventoryListPayload } from './inventory-list-payload';
import { decodeQrTexts, type GreyImage } from './qr-decoder';

// 随车清单 photo → its QR code → `InventoryListRead`. The photo is tried as it is first, then in a
// few cheap variants that rescue the usual phone photos (dim, large and soft, or far away); the
// first variant in which a code is found decides. Nothing is ever guessed: no code, or a code that
// is not a 随车清单's, is a `found: false` with the reason for the person who takes the record over.

export interface InventoryListReaderOptions {
  /** Photos with more pixels are refused from their header (`too-large`). */
  readonly maxPixels: number;
  /** libvips gives up after this many seconds. */
  readonly decodeTimeoutSeconds: number;
}

export const DEFAULT_INVENTORY_LIST_READER_OPTIONS: InventoryListReaderOptions = {
  maxPixels: 40_000_000,
  decodeTimeoutSeconds: 10,
};

/** How the photo was looked at, in order; each is cheap next to the decode itself. */
export const QR_ATTEMPTS = ['as-is', 'contrast-stretched', 'sharpened', 'downscaled', 'upscaled'] as const;
export type QrAttempt = (typeof QR_ATTEMPTS)[number];

export type InventoryListOutcome =
  | {
      readonly kind: 'read';
      readonly read: InventoryListRead;
      /** The variant in which the code was found (absent when none was). */
      readonly attempt?: QrAttempt;
      readonly image: { readonly width: number; readonly height: number };
    }
  | { readonly kind: 'unreadable-image'; readonly reason: UnreadableReason; readonly message: string };

/** A large photo is also tried at this long side (a soft code becomes sharp), a small one at twice its size. */
const DOWNSCALED_LONG_SIDE = 1000;
const UPSCALE_BELOW_LONG_SIDE = 1600;

export const NO_QR_CODE_MESSAGE =
  '照片中没有找到可以读取的二维码。请核对随车清单原件，由人工录入信息公开编号和车辆识别代号，或重新拍摄清晰、完整、光线充足的随车清单照片。';

/** Reads the 随车清单's QR code in a JPEG/PNG/BMP photo. Never throws on bad input. */
export async function readInventoryList(
  bytes: Uint8Array,
  options: InventoryListReaderOptions = DEFAULT_INVENTORY_LIST_READER_OPTIONS,
): Promise<InventoryListOutcome> {
  const decoded = await decodeImage(bytes, {
    maxPixels: options.maxPixels,
    timeoutSeconds: options.decodeTimeoutSeconds,
  });
  if (!decoded.ok) return { kind: 'unreadable-image', reason: decoded.reason, message: decoded.message };
  const image = { width: decoded.image.width, height: decoded.image.height };
  for (const attempt of QR_ATTEMPTS) {
    const grey = await variant(decoded.image, attempt);
    if (!grey) continue;
    const texts = await decodeQrTexts(grey);
    if (texts.length > 0) return { kind: 'read', read: readOf(texts), attempt, image };
  }
  return {
    kind: 'read',
    image,
    read: { kind: 'inventory-list', found: false, reason: 'no-qr-code', message: NO_QR_CODE_MESSAGE },
  };
}

/** The first code that is a 随车清单's decides; a page with only other codes is not one. */
function readOf(texts: readonly string[]): InventoryListRead {
  for (const qrText of texts) {
    const payload = parseInventoryListPayload(qrText);
    if (payload)
      return { kind: 'inventory-list', found: true, qrText, ...payload, unreadable: [...payload.unreadable] };
  }
  const shown = texts.map((t) => (t.length > 60 ? `${t.slice(0, 60)}…` : t)).join('」「');
  return {
    kind: 'inventory-list',
    found: false,
    reason: 'not-an-inventory-list-code',
    message: `照片中的二维码不是随车清单的二维码（内容：「${shown}」），其中没有信息公开编号或车辆识别代号。请核对上传的是否为机动车环保信息随车清单。`,
  };
}

/** The greyscale image of one attempt; undefined when the attempt does not apply to this size. */
async function variant(image: RawImage, attempt: QrAttempt): Promise<GreyImage | undefined> {
  const longSide = Math.max(image.width, image.height);
  const base = sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: RGB_CHANNELS },
  }).greyscale();
  switch (attempt) {
    case 'as-is':
      return grey(base);
    case 'contrast-stretched':
      // Dim or washed-out photos: the darkest and lightest 1 % become black and white.
      return grey(base.normalise({ lower: 1, upper: 99 }));
    case 'sharpened':
      // A soft photo (focus, shake): an unsharp mask restores the modules' edges (5 of 6 blurred
      // bench photos against 4 of 6 as they are).
      return grey(base.normalise().sharpen({ sigma: 1.5, m1: 1, m2: 3 }));
    case 'downscaled':
      return longSide > DOWNSCALED_LONG_SIDE * 1.25
        ? grey(base.normalise().resize(DOWNSCALED_LONG_SIDE, DOWNSCALED_LONG_SIDE, { fit: 'inside' }))
        : undefined;
    case 'upscaled':
      return longSide < UPSCALE_BELOW_LONG_SIDE
        ? grey(base.normalise().resize({ width: image.width * 2, kernel: 'cubic' }))
        : undefined;
  }
}

async function grey(pipeline: Sharp): Promise<GreyImage> {
  const { data, info } = await pipeline.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one grey channel, got ${info.channels}`);
  return {
    width: info.width,
    height: info.height,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}
