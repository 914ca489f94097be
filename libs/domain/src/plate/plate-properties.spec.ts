import fc from 'fast-check';
import { parsePlate } from './parse-plate';
import { type PlateColour } from './plate-colour';
import { type PlateKind } from './plate-kind';
import { PROVINCES } from './provinces';

// Generators built from the layout rules (docs/domain-model/plates.md), independent of plate-format.ts.
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'.split('');
const DIGITS = '0123456789'.split('');
const SERIAL = [...LETTERS, ...DIGITS];

const pick = (alphabet: readonly string[]) => fc.constantFrom(...alphabet);
const run = (alphabet: readonly string[], length: number) =>
  fc.string({ unit: pick(alphabet), minLength: length, maxLength: length });
const join = (...parts: fc.Arbitrary<string>[]) => fc.tuple(...parts).map((p) => p.join(''));
const lit = (text: string) => fc.constant(text);

const P = pick(PROVINCES);
const L = pick(LETTERS);

const GENERATORS: readonly (readonly [PlateKind, fc.Arbitrary<string>, PlateColour?])[] = [
  ['ordinary', join(P, L, run(SERIAL, 5))],
  ['small', join(P, L, run(SERIAL, 5)), 'blue'],
  ['large', join(P, L, run(SERIAL, 5)), 'yellow'],
  ['trailer', join(P, L, run(SERIAL, 4), lit('挂'))],
  ['coach', join(P, L, run(SERIAL, 4), lit('学'))],
  ['police', join(P, pick([...LETTERS, 'O']), run(SERIAL, 4), lit('警'))],
  ['consulate', join(P, L, run(SERIAL, 4), lit('领'))],
  ['hong-kong', join(lit('粤Z'), run(SERIAL, 4), lit('港'))],
  ['macau', join(lit('粤Z'), run(SERIAL, 4), lit('澳'))],
  ['new-energy-small', join(P, L, pick('DABCEFGHJK'.split('')), pick(SERIAL), run(DIGITS, 4))],
  ['new-energy-large', join(P, L, run(DIGITS, 5), pick(['D', 'F']))],
  ['armed-police', join(lit('WJ'), P, run(DIGITS, 4), pick(SERIAL))],
  ['armed-police', join(lit('WJ'), run(DIGITS, 4), pick(SERIAL))],
  ['military', join(L, L, run(DIGITS, 5)).filter((t) => !t.startsWith('WJ'))],
  ['embassy', join(lit('使'), run(DIGITS, 6))],
  ['civil-aviation', join(lit('民航'), run(SERIAL, 5))],
  ['emergency', join(P, run(SERIAL, 5), lit('应急'))],
];

// How the same plate may arrive: lower case, full width, with the GA middle dot, spaces or hyphens.
const STYLES: Readonly<Record<string, (char: string) => string>> = {
  same: (c) => c,
  lower: (c) => c.toLowerCase(),
  wide: (c) => (/^[A-Z0-9]$/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c),
  dot: (c) => `${c}·`,
  space: (c) => ` ${c}`,
  hyphen: (c) => `${c}-`,
};

const noisy = (text: string): fc.Arbitrary<string> => {
  const chars = Array.from(text);
  return fc
    .array(fc.constantFrom(...Object.values(STYLES)), { minLength: chars.length, maxLength: chars.length })
    .map((styles) => chars.map((char, i) => styles[i]?.(char) ?? char).join(''));
};

describe('parsePlate: generated plates', () => {
  it.each(GENERATORS.map(([kind, gen, colour]) => [kind, colour ?? 'no colour', gen, colour] as const))(
    'parses every generated %s plate (%s) to itself, clean',
    (kind, _label, gen, colour) => {
      fc.assert(
        fc.property(gen, (text) => {
          const result = parsePlate(text, colour === undefined ? undefined : { colour });
          expect(
            result.ok && { text: result.value.text, kind: result.value.kind, repairs: result.value.repairs },
          ).toEqual({
            text,
            kind,
            repairs: [],
          });
        }),
      );
    },
  );

  it('parses any noisy spelling of a generated plate to the same text', () => {
    const gen = fc
      .oneof(...GENERATORS.map(([, g]) => g))
      .chain((text) => fc.tuple(fc.constant(text), noisy(text)));
    fc.assert(
      fc.property(gen, ([text, raw]) => {
        const result = parsePlate(raw);
        expect(result.ok && result.value.text).toBe(text);
        expect(result.ok && result.value.repairs).toEqual([]);
      }),
    );
  });

  it('turns a serial 0 read as O back into 0 and reports exactly that repair', () => {
    const gen = join(P, L, run(SERIAL, 5))
      .filter((t) => t.slice(2).includes('0'))
      .chain((text) => {
        const zeros = Array.from(text).flatMap((c, i) => (i >= 2 && c === '0' ? [i] : []));
        return fc.tuple(fc.constant(text), fc.constantFrom(...zeros));
      });
    fc.assert(
      fc.property(gen, ([text, index]) => {
        const misread = Array.from(text)
          .map((c, i) => (i === index ? 'O' : c))
          .join('');
        const result = parsePlate(misread);
        expect(result.ok && result.value.text).toBe(text);
        expect(result.ok && result.value.repairs).toEqual([{ index, from: 'O', to: '0' }]);
      }),
    );
  });
});
