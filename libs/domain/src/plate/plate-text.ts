/**
 * Folding of raw plate text (what cameras, recognisers and people type) into one spelling.
 * Folding only: no character is guessed here; repairs belong to `parsePlate`, which reports them.
 */

// Traditional forms that recognisers trained on Hong Kong/Taiwan fonts emit for plate characters.
const TRADITIONAL_TO_SIMPLIFIED: Readonly<Record<string, string>> = {
  遼: '辽',
  滬: '沪',
  蘇: '苏',
  閩: '闽',
  贛: '赣',
  魯: '鲁',
  粵: '粤',
  瓊: '琼',
  貴: '贵',
  雲: '云',
  陝: '陕',
  寧: '宁',
  晉: '晋',
  掛: '挂',
  學: '学',
  領: '领',
  應: '应',
};

// Separators printed on plates or added by devices: dots, middle dots, bullets, hyphens, underscores.
const SEPARATORS = new Set([
  '.',
  '·', // U+00B7 middle dot (GA 36 prints one after the authority letter)
  '•',
  '‧',
  '∙',
  '⋅',
  '・',
  '●',
  '。',
  '-',
  '‐',
  '‑',
  '‒',
  '–',
  '—',
  '―',
  '−',
  '_',
]);

// Whitespace, control and invisible format characters (zero-width space, BOM) and stray combining marks.
const INVISIBLE = /[\s\p{Cc}\p{Cf}\p{M}]/u;

const LOWER_ASCII = /^[a-z]$/;

const foldChar = (char: string): string => {
  // Per-character NFKC folds full-width forms (Ａ→A, ０→0) without composing across characters,
  // which keeps the whole function idempotent.
  const compatible = char.normalize('NFKC');
  let out = '';
  for (const c of compatible) {
    const simplified = TRADITIONAL_TO_SIMPLIFIED[c] ?? c;
    const upper = LOWER_ASCII.test(simplified) ? simplified.toUpperCase() : simplified;
    if (!SEPARATORS.has(upper) && !INVISIBLE.test(upper)) out += upper;
  }
  return out;
};

/**
 * Folds full-width characters and case, traditional plate characters, and strips spaces, dots,
 * middle dots, hyphens and invisible characters. Idempotent; never throws.
 */
export function normalisePlateText(raw: string): string {
  if (typeof raw !== 'string') return '';
  let out = '';
  for (const char of raw) out += foldChar(char);
  return out;
}
