import { type PlateFamily } from './plate-families';
import { type CharBox, plateLayout, type PlateLayout } from './plate-layout';

// GA 36-2018's plate font is not published in any Debian package: Debian's Noto Sans CJK (fonts-noto-cjk)
// stands in, its monospaced Latin stretched to the standard's narrow, tall character boxes.
const HAN_FONT = 'Noto Sans CJK SC';
const LATIN_FONT = 'Noto Sans Mono CJK SC';
// Font metrics (em fractions) of Noto Sans CJK, measured once by eye on rendered plates: the
// capitals' height, the monospaced advance, and the ideographs' ink height and its baseline offset.
const LATIN_CAP = 0.733;
const LATIN_ADVANCE = 0.5;
const HAN_INK = 0.9;
const HAN_DESCENT = 0.1;

const RED = '#c8141e';
const BLACK = '#111111';
const WHITE = '#f6f6f6';

interface Scheme {
  /** SVG paint of the background (a colour, or `url(#bg)` for a gradient defined in `defs`). */
  readonly background: string;
  readonly defs?: (layout: PlateLayout) => string;
  readonly ink: string;
  readonly border: string;
  /** Characters printed red (警 on police plates, WJ on armed-police plates). */
  readonly red?: (char: string, index: number) => boolean;
}

const BLUE = { background: '#0b47a3', ink: WHITE, border: WHITE } as const;
const YELLOW = { background: '#f0b900', ink: BLACK, border: BLACK } as const;
const WJ_RED = (_: string, index: number) => index < 2;

const SCHEMES: Readonly<Record<PlateFamily, Scheme>> = {
  'blue-small': BLUE,
  'yellow-large': YELLOW,
  'yellow-large-double': YELLOW,
  trailer: YELLOW,
  coach: YELLOW,
  // 渐变绿: light at the top, green at the bottom.
  'new-energy-small': {
    background: 'url(#bg)',
    defs: () =>
      '<linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#eef8ee"/>' +
      '<stop offset="1" stop-color="#2fb45a"/></linearGradient>',
    ink: BLACK,
    border: BLACK,
  },
  // 黄绿双拼: yellow behind the province and authority letter, green behind the serial.
  'new-energy-large': {
    background: 'url(#bg)',
    defs: (layout) => {
      const split = (((layout.boxes[1]?.x ?? 0) + (layout.boxes[1]?.width ?? 0) + 24) / layout.width).toFixed(
        3,
      );
      return (
        `<linearGradient id="bg" x1="0" y1="0" x2="1" y2="0"><stop offset="${split}" stop-color="#f0c000"/>` +
        `<stop offset="${split}" stop-color="#39b05a"/></linearGradient>`
      );
    },
    ink: BLACK,
    border: BLACK,
  },
  police: { background: WHITE, ink: BLACK, border: BLACK, red: (char) => char === '警' },
  'armed-police': { background: WHITE, ink: BLACK, border: BLACK, red: WJ_RED },
  'armed-police-double': { background: WHITE, ink: BLACK, border: BLACK, red: WJ_RED },
};

const HAN = /\p{Script=Han}/u;

/** One character stretched to fill its box, the way plate characters fill theirs. */
function character(box: CharBox, fill: string): string {
  const han = HAN.test(box.char);
  const size = box.height / (han ? HAN_INK : LATIN_CAP);
  const scaleX = box.width / (size * (han ? HAN_INK : LATIN_ADVANCE));
  const baseline = box.y + box.height - (han ? HAN_DESCENT * size * 0.5 : 0);
  return (
    `<text transform="translate(${(box.x + box.width / 2).toFixed(2)} ${baseline.toFixed(2)}) scale(${scaleX.toFixed(4)} 1)" ` +
    `font-family="${han ? HAN_FONT : LATIN_FONT}" font-weight="bold" font-size="${size.toFixed(2)}" ` +
    `text-anchor="middle" fill="${fill}">${box.char}</text>`
  );
}

export interface PlateSvgOptions {
  /** Width of the rendered plate in pixels (the SVG keeps the plate's proportions). */
  readonly widthPx: number;
  /** Car body around the plate, as a fraction of the plate's width on each side (0 = none). */
  readonly surround?: number;
  /** The car body's colour behind the plate. */
  readonly bodyColour?: string;
}

/** The plate as an SVG: its layout in millimetres, scaled to `widthPx`. */
export function plateSvg(family: PlateFamily, text: string, options: PlateSvgOptions): string {
  const layout = plateLayout(family, text);
  const scheme = SCHEMES[family];
  const margin = (options.surround ?? 0) * layout.width;
  const viewWidth = layout.width + 2 * margin;
  const viewHeight = layout.height + 2 * margin;
  const scale = options.widthPx / layout.width;
  const chars = layout.boxes
    .map((box, i) => character(box, scheme.red?.(box.char, i) ? RED : scheme.ink))
    .join('');
  const dots = layout.dots
    .map((d) => `<circle cx="${d.cx}" cy="${d.cy}" r="${d.r}" fill="${scheme.ink}"/>`)
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(viewWidth * scale)}" height="${Math.round(viewHeight * scale)}" ` +
    `viewBox="${-margin} ${-margin} ${viewWidth} ${viewHeight}">` +
    `<defs>${scheme.defs?.(layout) ?? ''}</defs>` +
    `<rect x="${-margin}" y="${-margin}" width="${viewWidth}" height="${viewHeight}" fill="${options.bodyColour ?? '#3a3a3a'}"/>` +
    `<rect width="${layout.width}" height="${layout.height}" rx="8" fill="${scheme.background}"/>` +
    `<rect x="5" y="5" width="${layout.width - 10}" height="${layout.height - 10}" rx="6" fill="none" stroke="${scheme.border}" stroke-width="2.5"/>` +
    `${dots}${chars}</svg>`
  );
}

/** The plate's size in millimetres (for labels and the plate's place in a scene). */
export const plateSizeMm = (family: PlateFamily, text: string): { width: number; height: number } => {
  const { width, height } = plateLayout(family, text);
  return { width, height };
};
