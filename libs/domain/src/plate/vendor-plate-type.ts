import { type AnprVendor, lookup, numericToken, tokenKey } from './anpr-vendor';
import { type PlateKind } from './plate-kind';

/**
 * What a camera says the plate type is. Wider than `PlateKind`: vendors also report plates we do not
 * parse (motorcycles, farm vehicles, personalised, temporary) and some lump two kinds together.
 */
export type PlateType =
  | PlateKind
  | 'new-energy'
  | 'hong-kong-macau'
  | 'motorcycle'
  | 'agricultural'
  | 'tractor'
  | 'personalised'
  | 'temporary'
  | 'other'
  | 'unknown';

export interface VendorPlateType {
  readonly type: PlateType;
  /** The vendor marks double-row (rear) plates as a type of their own. */
  readonly doubleRow: boolean;
  readonly raw: string;
  readonly recognised: boolean;
}

type Entry = readonly [PlateType, boolean?];

// Hikvision ISAPI `plateType` (ISAPI developer guide, vehicle search conditions).
const HIKVISION_NAMES: Readonly<Record<string, Entry>> = {
  unknown: ['unknown'],
  '92typecivil': ['ordinary'],
  arm: ['police'],
  '92typearm': ['armed-police'],
  updownmilitay: ['military', true],
  leftrightmilitay: ['military'],
  '02typepersonalized': ['personalised'],
  yellowtwoline: ['large', true],
  '04newmilitay': ['military'],
  embassy: ['embassy'],
  onelinearm: ['armed-police'],
  twolinearm: ['armed-police', true],
  yellow1225farmvehicle: ['agricultural'],
  green1325farmvehicle: ['agricultural'],
  yellow1325farmvehicle: ['agricultural'],
  motorola: ['motorcycle'],
  newenergy: ['new-energy'],
  '2012typeonelinearm': ['armed-police'],
  '2012typetwolinearm': ['armed-police', true],
  civilaviation: ['civil-aviation'],
  coach: ['coach'],
  temptravl: ['temporary'],
  trailer: ['trailer'],
  consulate: ['consulate'],
  hongkongmacao: ['hong-kong-macau'],
  tempentry: ['temporary'],
};

// HCNetSDK VCA_PLATE_TYPE: 0 standard 92 (civil and military), 1 02-style (personalised), 2 armed
// police, 3 police, 4 civil double-row rear, 5 embassy, 6 agricultural, 7 motorcycle.
const HIKVISION_CODES: Readonly<Record<number, Entry>> = {
  0: ['ordinary'],
  1: ['personalised'],
  2: ['armed-police'],
  3: ['police'],
  4: ['large', true],
  5: ['embassy'],
  6: ['agricultural'],
  7: ['motorcycle'],
};

// Dahua `PlateType` strings (NetSDK szPlateType / DHOP plateType).
const DAHUA_NAMES: Readonly<Record<string, Entry>> = {
  unknown: ['unknown'],
  normal: ['small'],
  yellow: ['large'],
  doubleyellow: ['large', true],
  police: ['police'],
  armed: ['armed-police'],
  military: ['military'],
  doublemilitary: ['military', true],
  warcar: ['military'],
  sar: ['hong-kong-macau'],
  hongkong: ['hong-kong'],
  makao: ['macau'],
  trainning: ['coach'],
  personal: ['personalised'],
  agri: ['agricultural'],
  embassy: ['embassy'],
  moto: ['motorcycle'],
  tractor: ['tractor'],
  civilaviation: ['civil-aviation'],
  purenewenergymicrocar: ['new-energy-small'],
  mixednewenergymicrocar: ['new-energy-small'],
  purenewenergylargecar: ['new-energy-large'],
  mixednewenergylargecar: ['new-energy-large'],
  emergency: ['emergency'],
  officialcar: ['other'],
  personalcar: ['other'],
  black: ['other'],
  electrictricycle: ['other'],
  other: ['other'],
};

// Vzenith `type` (VzClientSDK_LPDefine.h LT_*). Other public headers number 13–18 differently
// (13 Macau, 14 in-plant, 15 civil aviation, 16 consulate, 17/18 new energy): confirm per firmware.
const VZENITH_CODES: Readonly<Record<number, Entry>> = {
  0: ['unknown'],
  1: ['small'],
  2: ['other'],
  3: ['large'],
  4: ['large', true],
  5: ['police'],
  6: ['armed-police'],
  7: ['personalised'],
  8: ['military'],
  9: ['military', true],
  10: ['embassy'],
  11: ['hong-kong'],
  12: ['agricultural'],
  13: ['coach'],
  14: ['macau'],
  15: ['armed-police', true],
  16: ['armed-police'],
  17: ['armed-police', true],
};

const NAMES: Readonly<Record<AnprVendor, Readonly<Record<string, Entry>>>> = {
  hikvision: HIKVISION_NAMES,
  dahua: DAHUA_NAMES,
  vzenith: {},
};

const CODES: Readonly<Record<AnprVendor, Readonly<Record<number, Entry>>>> = {
  hikvision: HIKVISION_CODES,
  dahua: {},
  vzenith: VZENITH_CODES,
};

/** Maps a vendor's plate-type token, keeping the raw token; unknown tokens give `unknown`. Never throws. */
export function normaliseVendorPlateType(vendor: AnprVendor, token: string | number): VendorPlateType {
  const raw = typeof token === 'number' || typeof token === 'string' ? String(token) : '';
  const code = raw === '' ? undefined : numericToken(token);
  const names = lookup(NAMES, vendor);
  const codes = lookup(CODES, vendor);
  const entry =
    code !== undefined && codes ? lookup(codes, code) : names ? lookup(names, tokenKey(raw)) : undefined;
  if (entry === undefined) return { type: 'unknown', doubleRow: false, raw, recognised: false };
  return { type: entry[0], doubleRow: entry[1] ?? false, raw, recognised: true };
}
