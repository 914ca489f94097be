import { type RawImage } from '@ecogate/lpr';
import { create as createQrCode } from 'qrcode';
import { photograph, type PhotoConditions, rasteriseSvg } from '@ecogate/lpr/testing';

// A printed 机动车环保信息随车清单 (one A4 page at 100 dpi) with its QR code in the top right corner,
// the way manufacturers print it, and its photograph. The text uses Noto Sans CJK when installed
// (Debian's fonts-noto-cjk, which .ci/run checks); without it the page's words fall back to another
// font, which changes nothing the QR reader sees.

/** What is printed on the page. */
export interface InventoryListPage {
  readonly disclosureNumber: string;
  readonly vin: string;
  /** The QR code's text; by default the disclosure site's URL (`inventoryListQrText`). `null`: no code printed. */
  readonly qrText?: string | null;
  /** The code's raw bytes instead of `qrText` (e.g. GBK-encoded text, as some printers write). */
  readonly qrBytes?: Uint8Array;
  readonly vehicleModel?: string;
  readonly manufacturer?: string;
}

/** How the generated codes spell their fields (docs/document-reading.md lists every form the reader accepts). */
export type InventoryListQrForm = 'url' | 'text' | 'url-and-vin-line';

/** The QR text a real list carries, in one of the accepted forms. */
export function inventoryListQrText(
  fields: { readonly disclosureNumber: string; readonly vin: string },
  form: InventoryListQrForm = 'url',
): string {
  const url = `https://www.vecc.org.cn/xxgk/query?xxgkbh=${fields.disclosureNumber}`;
  switch (form) {
    case 'url':
      return `${url}&vin=${fields.vin}`;
    case 'text':
      return `信息公开编号:${fields.disclosureNumber}\nVIN:${fields.vin}`;
    case 'url-and-vin-line':
      return `${url}\n车辆识别代号:${fields.vin}`;
  }
}

export const PAGE_WIDTH = 827;
export const PAGE_HEIGHT = 1169;
/** The QR code's printed side, quiet zone included (about 4.5 cm at 100 dpi, as on real lists). */
const QR_SIDE = 180;
const QUIET_ZONE_MODULES = 4;

/** The page as an SVG document (exposed for a test that wants another rasteriser). */
export function inventoryListSvg(page: InventoryListPage): string {
  const qrText = page.qrText === undefined ? inventoryListQrText(page) : page.qrText;
  const lines: [string, string][] = [
    ['信息公开编号', page.disclosureNumber],
    ['车辆型号', page.vehicleModel ?? 'ZZ4257V324HF1'],
    ['车辆识别代号(VIN)', page.vin],
    ['车辆类别', 'N3'],
    ['生产企业', page.manufacturer ?? '中国重型汽车集团有限公司'],
    ['排放阶段', '国六'],
    ['发动机型号', 'MC11.44-61'],
    ['后处理类型', 'DOC+DPF+SCR+ASC'],
  ];
  const text = lines
    .map(
      ([label, value], i) =>
        `<text x="70" y="${330 + i * 46}" font-size="22">${escapeXml(label)}：${escapeXml(value)}</text>`,
    )
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_WIDTH}" height="${PAGE_HEIGHT}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<g font-family="Noto Sans CJK SC, Noto Sans CJK, sans-serif" fill="#111111">`,
    `<text x="${PAGE_WIDTH / 2}" y="110" font-size="34" font-weight="bold" text-anchor="middle">机动车环保信息随车清单</text>`,
    `<text x="70" y="180" font-size="18">本清单依据《大气污染防治法》公开，随车携带备查</text>`,
    text,
    `<line x1="60" y1="720" x2="${PAGE_WIDTH - 60}" y2="720" stroke="#444444" stroke-width="2"/>`,
    `<text x="70" y="770" font-size="18">污染控制技术信息见信息公开平台</text>`,
    `</g>`,
    page.qrBytes
      ? qrCodeSvg(page.qrBytes, PAGE_WIDTH - 60 - QR_SIDE, 140, QR_SIDE)
      : qrText === null
        ? ''
        : qrCodeSvg(qrText, PAGE_WIDTH - 60 - QR_SIDE, 140, QR_SIDE),
    `</svg>`,
  ].join('');
}

/** The page rasterised: packed RGB, `PAGE_WIDTH`×`PAGE_HEIGHT`. */
export function renderInventoryListPage(page: InventoryListPage): Promise<RawImage> {
  return rasteriseSvg(inventoryListSvg(page));
}

/** The page photographed under `conditions` (a JPEG), deterministic for a seed. */
export async function inventoryListPhoto(
  page: InventoryListPage,
  conditions: PhotoConditions,
  seed: number,
): Promise<Buffer> {
  return photograph(await renderInventoryListPage(page), conditions, seed);
}

/** A QR code as one SVG path of dark modules, on white with its quiet zone, `side` pixels square. */
export function qrCodeSvg(content: string | Uint8Array, left: number, top: number, side: number): string {
  const segments = typeof content === 'string' ? content : [{ data: content, mode: 'byte' as const }];
  const { modules } = createQrCode(segments, { errorCorrectionLevel: 'M' });
  const cells = modules.size + 2 * QUIET_ZONE_MODULES;
  const moves: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col))
        moves.push(`M${col + QUIET_ZONE_MODULES} ${row + QUIET_ZONE_MODULES}h1v1h-1z`);
    }
  }
  const scale = side / cells;
  return [
    `<g transform="translate(${left} ${top}) scale(${scale})" shape-rendering="crispEdges">`,
    `<rect width="${cells}" height="${cells}" fill="#ffffff"/>`,
    `<path fill="#000000" d="${moves.join('')}"/>`,
    `</g>`,
  ].join('');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
