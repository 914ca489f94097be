import { type AnprVendor, lookup, numericToken, tokenKey } from './anpr-vendor';
import { type PlateColour } from './plate-colour';

export interface VendorColour {
  readonly colour: PlateColour;
  /** The token exactly as the device sent it, for audit (contracts: `rawColour`). */
  readonly raw: string;
  /** False when the token is not in our dictionary: watch for these, a firmware may have a new word. */
  readonly recognised: boolean;
}

// Names, compared after lower-casing and dropping spaces, hyphens and underscores.
// Hikvision ISAPI `plateColor`: white, yellow, blue, black, green, civilAviationBlack,
// civilAviationGreen, 0xff/other (ISAPI developer guide); newer models also yellowGreen, and some
// send White / Color / colorful. Dahua `PlateColor`: Blue, Yellow, White, Black, Red, Green,
// ShadowGreen, YellowGreen, YellowbottomBlackText, BluebottomWhiteText, BlackBottomWhiteText, Other,
// Unknown (NetSDK EM_PLATE_COLOR_TYPE). Chinese names come from Vzenith `color` and platform exports.
const NAMES: Readonly<Record<string, PlateColour>> = {
  blue: 'blue',
  bluebottomwhitetext: 'blue',
  yellow: 'yellow',
  yellowbottomblacktext: 'yellow',
  white: 'white',
  black: 'black',
  blackbottomwhitetext: 'black',
  civilaviationblack: 'black',
  green: 'green',
  shadowgreen: 'green',
  gradientgreen: 'green',
  civilaviationgreen: 'green',
  yellowgreen: 'yellow-green',
  red: 'other',
  orange: 'other',
  // Seen on Hikvision DS-TCG405-E; no Chinese plate is multicoloured, so it is "other", not a guess.
  colorful: 'other',
  color: 'other',
  other: 'other',
  unknown: 'unknown',
  蓝: 'blue',
  蓝色: 'blue',
  蓝牌: 'blue',
  蓝底白字: 'blue',
  黄: 'yellow',
  黄色: 'yellow',
  黄牌: 'yellow',
  黄底黑字: 'yellow',
  白: 'white',
  白色: 'white',
  白牌: 'white',
  黑: 'black',
  黑色: 'black',
  黑牌: 'black',
  绿: 'green',
  绿色: 'green',
  绿牌: 'green',
  渐变绿: 'green',
  渐变绿色: 'green',
  黄绿: 'yellow-green',
  黄绿色: 'yellow-green',
  黄绿双拼: 'yellow-green',
  黄绿双拼色: 'yellow-green',
  其他: 'other',
  其他颜色: 'other',
  未知: 'unknown',
  未识别: 'unknown',
};

// Numeric codes, which disagree between vendors.
const CODES: Readonly<Record<AnprVendor, Readonly<Record<number, PlateColour>>>> = {
  // HCNetSDK VCA_PLATE_COLOR: 0 blue, 1 yellow, 2 white, 3 black, 4 green, 5 civil-aviation black,
  // 6 red, 7 orange, 0xff other.
  hikvision: {
    0: 'blue',
    1: 'yellow',
    2: 'white',
    3: 'black',
    4: 'green',
    5: 'black',
    6: 'other',
    7: 'other',
    255: 'other',
  },
  // Dahua NetSDK EM_PLATE_COLOR_TYPE: 0 unknown, 1 other, 2 blue, 3 yellow, 4 white, 5 black, 6 red,
  // 7 green, 8 shadow green, 9 yellow-green, 10 yellow/black text, 11 blue/white text, 12 black/white text.
  dahua: {
    0: 'unknown',
    1: 'other',
    2: 'blue',
    3: 'yellow',
    4: 'white',
    5: 'black',
    6: 'other',
    7: 'green',
    8: 'green',
    9: 'yellow-green',
    10: 'yellow',
    11: 'blue',
    12: 'black',
  },
  // Vzenith `colorType` (VzClientSDK_LPDefine.h LC_*): 0 unknown, 1 blue, 2 yellow, 3 white, 4 black,
  // 5 green; 6 yellow-green on newer firmware (public integrations, not the SDK header).
  vzenith: { 0: 'unknown', 1: 'blue', 2: 'yellow', 3: 'white', 4: 'black', 5: 'green', 6: 'yellow-green' },
};

/**
 * Maps a vendor's plate-colour token to our dictionary, keeping the raw token. Unknown tokens give
 * `unknown` with `recognised: false`; never throws.
 */
export function normaliseVendorColour(vendor: AnprVendor, token: string | number): VendorColour {
  const raw = typeof token === 'number' || typeof token === 'string' ? String(token) : '';
  const codes = lookup(CODES, vendor);
  const code = raw === '' ? undefined : numericToken(token);
  const colour =
    code !== undefined ? (codes ? lookup(codes, code) : undefined) : lookup(NAMES, tokenKey(raw));
  return colour === undefined
    ? { colour: 'unknown', raw, recognised: false }
    : { colour, raw, recognised: true };
}
