// The output classes of plate_rec_color.onnx, in order (index 0 is the CTC blank).
const PROVINCES = '京沪津渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川贵云藏陕甘青宁新';
const SPECIAL = '学警港澳挂使领民航危';
const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

export const CRNN_ALPHABET: readonly string[] = [
  '#',
  ...PROVINCES,
  ...SPECIAL,
  ...DIGITS,
  ...LETTERS,
  '险',
  '品',
];

export const CRNN_COLOURS = ['black', 'blue', 'green', 'white', 'yellow'] as const;

const provinceSet = new Set(PROVINCES);
/** 危险品 is a hazardous-goods sign the model also learnt; those characters never occur on a plate. */
const neverOnPlate = new Set(['危', '险', '品']);

/**
 * Alphabet-level constraints only (plate grammar is the domain's job): a province character can
 * only be the first character, and sign characters never appear.
 */
export function allowedAt(position: number, char: string): boolean {
  if (neverOnPlate.has(char)) return false;
  return position === 0 || !provinceSet.has(char);
}
