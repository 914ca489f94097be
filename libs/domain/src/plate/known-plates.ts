import { type Province } from './provinces';

/** One character of a recogniser's read and how sure the recogniser was of it (0–1). */
export interface ReadCharacter {
  readonly char: string;
  readonly confidence: number;
}

/**
 * Plates a site already knows (its enterprise's registered vehicles and fleets, plates seen there
 * recently), indexed for "equal but for one character" lookups: each plate is filed under every
 * mask with one character replaced by a wildcard, so a lookup costs one map access per position.
 */
export class KnownPlates {
  readonly #plates = new Set<string>();
  readonly #byMask = new Map<string, string[]>();

  constructor(plates: Iterable<string>) {
    for (const plate of plates) {
      if (this.#plates.has(plate)) continue;
      this.#plates.add(plate);
      const chars = Array.from(plate);
      for (let i = 0; i < chars.length; i++) {
        const key = maskAt(chars, i);
        const filed = this.#byMask.get(key);
        if (filed) filed.push(plate);
        else this.#byMask.set(key, [plate]);
      }
    }
  }

  get size(): number {
    return this.#plates.size;
  }

  has(plate: string): boolean {
    return this.#plates.has(plate);
  }

  /** Known plates equal to `chars` everywhere but at `position` (`chars` itself included if known). */
  differingAt(chars: readonly string[], position: number): readonly string[] {
    return this.#byMask.get(maskAt(chars, position)) ?? [];
  }
}

// U+FFFF is a noncharacter: it never occurs in a plate, so it cannot collide with one.
const maskAt = (chars: readonly string[], position: number): string =>
  chars.map((char, i) => (i === position ? '\uffff' : char)).join('');

export interface SettlementRules {
  /** A character read below this confidence is doubtful (the gate's per-character threshold). */
  readonly minConfidence: number;
  /**
   * The site's province (冀 in Hebei): confirms a doubtful province character read as it, never
   * replaces one (trucks come from every province: replacing trusted two wrong reads of 27 in the
   * sample set) and never matters to a confident one.
   */
  readonly provincePrior?: Province;
}

/**
 * What a site's knowledge made of a read (rules: docs/domain-model/plates.md, "Known plates").
 * `text` is what to use; the read's own text is kept by the caller. `settled` is true when the one
 * doubtful character was decided by what the site knows, so the read may be trusted if nothing
 * else about it is doubtful.
 */
export type PlateSettlement =
  | { readonly by: 'none'; readonly text: string; readonly settled: false; readonly why: UnsettledReason }
  | { readonly by: 'known-plate'; readonly text: string; readonly settled: true; readonly position: number }
  | {
      readonly by: 'registry-corrected';
      readonly text: string;
      readonly settled: true;
      readonly position: number;
    }
  | { readonly by: 'province-prior'; readonly text: string; readonly settled: true; readonly position: 0 };

/** What settled a read's one doubtful character, as a read records it (`settledBy`). */
export const SETTLED_BY = ['known-plate', 'registry-corrected', 'province-prior'] as const;
export type SettledBy = (typeof SETTLED_BY)[number];

export type UnsettledReason =
  /** No doubtful character: nothing to settle (a confident read is never changed). */
  | 'confident'
  /** More than one doubtful character: one known plate is not evidence enough for all of them. */
  | 'several-doubtful'
  /** Several known plates fit the read: choosing one would be a guess. */
  | 'several-known-plates'
  /** No known plate fits, and no province prior applies. */
  | 'unknown-plate';

/**
 * Settles a read's one doubtful character with what the site knows:
 * 1. A read with no doubtful character is left as it is; one with two or more is left to review.
 * 2. The known plates that equal the read at every confident character (at most the doubtful one
 *    differs) are its candidates. Exactly one → the read is that plate: `known-plate` when the
 *    recogniser already read it so, `registry-corrected` when the doubtful character is replaced.
 *    Several → left to review (a guess could admit the wrong truck).
 * 3. No candidate, the doubtful character is the province character and it was read as the site's
 *    province prior → confirmed (`province-prior`).
 */
export function settleWithKnownPlates(
  read: readonly ReadCharacter[],
  known: KnownPlates,
  rules: SettlementRules,
): PlateSettlement {
  const chars = read.map((c) => c.char);
  const text = chars.join('');
  const doubtful = read.flatMap((c, i) => (c.confidence < rules.minConfidence ? [i] : []));
  const [position] = doubtful;
  if (position === undefined) return { by: 'none', text, settled: false, why: 'confident' };
  if (doubtful.length > 1) return { by: 'none', text, settled: false, why: 'several-doubtful' };

  const candidates = known.differingAt(chars, position);
  if (candidates.length > 1) return { by: 'none', text, settled: false, why: 'several-known-plates' };
  const [plate] = candidates;
  if (plate !== undefined) {
    return plate === text
      ? { by: 'known-plate', text, settled: true, position }
      : { by: 'registry-corrected', text: plate, settled: true, position };
  }
  if (position === 0 && rules.provincePrior !== undefined && chars[0] === rules.provincePrior) {
    return { by: 'province-prior', text, settled: true, position: 0 };
  }
  return { by: 'none', text, settled: false, why: 'unknown-plate' };
}
