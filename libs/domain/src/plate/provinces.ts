/**
 * The 31 province-level abbreviations that open a civil plate (GA 36-2018; docs/domain-model/plates.md).
 * Order follows the official listing: north, north-east, east, centre, south, south-west, north-west.
 */
// prettier-ignore
export const PROVINCES = [
  '京', '津', '冀', '晋', '蒙',
  '辽', '吉', '黑',
  '沪', '苏', '浙', '皖', '闽', '赣', '鲁',
  '豫', '鄂', '湘',
  '粤', '桂', '琼',
  '渝', '川', '贵', '云', '藏',
  '陕', '甘', '青', '宁', '新',
] as const;

export type Province = (typeof PROVINCES)[number];

const provinceSet: ReadonlySet<string> = new Set(PROVINCES);

export const isProvince = (char: string): char is Province => provinceSet.has(char);
