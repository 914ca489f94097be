import { computeVinCheckDigit } from '@ecogate/domain';
import { type RawImage } from '@ecogate/lpr';
import { rasteriseSvg, seededRandom } from '@ecogate/lpr/testing';

// A 行驶证's front page rendered from a seeded generator: the truth a test or the bench scores a
// reader against. Layout after the GA 37 licence (title, then label/value rows); text in Noto CJK,
// the font Debian's fonts-noto-cjk installs (the ledger's image has it too).

/** What is printed on a generated licence. */
export interface LicenceTruth {
  readonly plate: string;
  readonly vehicleType: string;
  readonly owner: string;
  readonly address: string;
  readonly useCharacter: string;
  readonly model: string;
  readonly vin: string;
  readonly engineNo: string;
  /** `yyyy-MM-dd`. */
  readonly registrationDate: string;
  /** `yyyy-MM-dd`; later than the registration date, so a reader that confuses them is caught. */
  readonly issueDate: string;
}

const PROVINCES = ['冀', '京', '津', '晋', '鲁', '豫'];
const VEHICLE_TYPES = [
  '重型半挂牵引车',
  '重型厢式货车',
  '重型自卸货车',
  '中型普通货车',
  '轻型厢式货车',
  '重型仓栅式货车',
];
const OWNERS = ['唐山顺达物流有限公司', '天津港运输有限公司', '河北钢联运输有限公司', '山西煤运集团有限公司'];
const ADDRESSES = ['河北省唐山市路北区建设路88号', '天津市滨海新区港航路16号', '山西省太原市小店区长治路9号'];
const MODELS = ['解放牌CA4250P66K24T1E5', '东风牌DFH4250A', '重汽牌ZZ4257V324HE1', '陕汽牌SX4250MD4'];
const WMIS = ['LFW', 'LGA', 'LZZ', 'LZG', 'LFN'];
/** VIN characters (no I, O, Q) and model-year codes (also no U, Z, 0). */
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY';
const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXY';
const DIGITS = '0123456789';

/** The same licence for the same seed; every value valid (the VIN carries a correct check digit). */
export function generateLicenceTruth(seed: number): LicenceTruth {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[] | string): T => items[Math.floor(random() * items.length)] as T;
  const chars = (alphabet: string, n: number) =>
    Array.from({ length: n }, () => pick<string>(alphabet)).join('');
  const vinDraft = `${pick<string>(WMIS)}${chars(VIN_CHARS, 5)}0${pick<string>(YEAR_CODES)}${chars(VIN_CHARS, 1)}${chars(DIGITS, 6)}`;
  const vin = `${vinDraft.slice(0, 8)}${computeVinCheckDigit(vinDraft) ?? '0'}${vinDraft.slice(9)}`;
  const registered = Date.UTC(2012, 0, 1) + Math.floor(random() * 12 * 365) * 86_400_000;
  const issued = registered + (30 + Math.floor(random() * 900)) * 86_400_000;
  return {
    plate: `${pick<string>(PROVINCES)}${pick<string>('ABCDEFGH')}${chars(DIGITS, 1)}${chars(PLATE_LETTERS + DIGITS, 1)}${chars(DIGITS, 3)}`,
    vehicleType: pick(VEHICLE_TYPES),
    owner: pick(OWNERS),
    address: pick(ADDRESSES),
    useCharacter: '货运',
    model: pick(MODELS),
    vin,
    engineNo: `${chars(DIGITS, 2)}${pick<string>('ABCDEFGHJK')}${chars(DIGITS, 6)}`,
    registrationDate: new Date(registered).toISOString().slice(0, 10),
    issueDate: new Date(issued).toISOString().slice(0, 10),
  };
}

const PAGE = { width: 1000, height: 640 } as const;
const FONT = "'Noto Sans CJK SC','Noto Sans CJK','Noto Serif CJK SC',sans-serif";

/** The page as SVG: a cream card, ruled rows, labels and values in black. */
export function licencePageSvg(truth: LicenceTruth): string {
  const rows: [string, string, number, string?, string?][] = [
    ['号牌号码', truth.plate, 170, '车辆类型', truth.vehicleType],
    ['所有人', truth.owner, 170],
    ['住址', truth.address, 170],
    ['使用性质', truth.useCharacter, 170, '品牌型号', truth.model],
    ['车辆识别代号', truth.vin, 220],
    ['发动机号码', truth.engineNo, 220],
    ['注册日期', truth.registrationDate, 170, '发证日期', truth.issueDate],
  ];
  const text = (x: number, y: number, value: string, size = 28) =>
    `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${size}" fill="#1a1a1a">${value}</text>`;
  const body = rows
    .map(([label, value, valueX, label2, value2], i) => {
      const y = 180 + i * 62;
      const rule = `<line x1="30" y1="${y + 18}" x2="970" y2="${y + 18}" stroke="#9a8f78" stroke-width="1.5"/>`;
      const second = label2 && value2 ? text(520, y, label2) + text(660, y, value2) : '';
      return rule + text(40, y, label) + text(valueX, y, value) + second;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE.width}" height="${PAGE.height}">
<rect width="100%" height="100%" fill="#f3efe2"/>
<rect x="20" y="20" width="960" height="600" fill="none" stroke="#9a8f78" stroke-width="3"/>
${text(200, 95, '中华人民共和国机动车行驶证', 44)}${body}</svg>`;
}

/** The rendered page, ready for `photograph`. */
export function renderLicencePage(truth: LicenceTruth): Promise<RawImage> {
  return rasteriseSvg(licencePageSvg(truth));
}
