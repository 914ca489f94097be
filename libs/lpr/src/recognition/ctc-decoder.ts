import { type CharacterRead } from '../engine/plate-engine.interface';

export interface CtcDecodeOptions {
  readonly alphabet: readonly string[];
  /**
   * Whether `char` may be the `position`-th character of the text. A vetoed class yields to the
   * best allowed one or the blank, whichever is more probable; `masked` tells when a character was substituted.
   */
  readonly allowedAt?: (position: number, char: string) => boolean;
  /** True when `scores` are logits (softmax is applied per step); false when they are probabilities. */
  readonly logits: boolean;
}

export interface CtcDecoded {
  readonly text: string;
  readonly characters: CharacterRead[];
  readonly masked: boolean;
}

/**
 * Greedy CTC decoding of one sequence `[steps, classes]` (class 0 = blank): argmax per step, drop
 * blanks and repeats. A character's confidence is its best probability over the steps that emit it.
 */
export function ctcGreedyDecode(scores: Float32Array, steps: number, options: CtcDecodeOptions): CtcDecoded {
  const classes = options.alphabet.length;
  const characters: CharacterRead[] = [];
  let masked = false;
  let previousRaw = 0;
  let previousChosen = 0;
  const probs = new Float32Array(classes);
  const extend = (cls: number) => {
    const last = characters[characters.length - 1];
    const p = probs[cls] as number;
    if (last && p > last.confidence) characters[characters.length - 1] = { char: last.char, confidence: p };
  };
  for (let t = 0; t < steps; t++) {
    const row = scores.subarray(t * classes, (t + 1) * classes);
    if (options.logits) softmaxInto(row, probs);
    else probs.set(row);
    const raw = argmax(probs);
    if (raw === previousRaw) {
      // The same run continues: no new character.
      if (previousChosen !== 0) extend(previousChosen);
      continue;
    }
    previousRaw = raw;
    let chosen = raw;
    if (
      raw !== 0 &&
      options.allowedAt &&
      !options.allowedAt(characters.length, options.alphabet[raw] ?? '')
    ) {
      chosen = bestAllowedOrBlank(probs, options, characters.length);
      if (chosen !== 0) masked = true;
    }
    if (chosen !== 0 && chosen === previousChosen) {
      extend(chosen);
      continue;
    }
    previousChosen = chosen;
    if (chosen !== 0)
      characters.push({ char: options.alphabet[chosen] ?? '?', confidence: probs[chosen] as number });
  }
  return { text: characters.map((c) => c.char).join(''), characters, masked };
}

/** The most probable class allowed at `position`, the blank included (a separator dot becomes a blank). */
function bestAllowedOrBlank(probs: Float32Array, options: CtcDecodeOptions, position: number): number {
  let best = 0;
  for (let c = 1; c < probs.length; c++) {
    if (
      (probs[c] as number) > (probs[best] as number) &&
      options.allowedAt?.(position, options.alphabet[c] ?? '')
    )
      best = c;
  }
  return best;
}

function argmax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

export function softmaxInto(logits: Float32Array, out: Float32Array): void {
  let max = -Infinity;
  for (const v of logits) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp((logits[i] as number) - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < logits.length; i++) out[i] = (out[i] as number) / sum;
}
