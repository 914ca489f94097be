import { type CharacterRead } from '../engine/plate-engine.interface';

/**
 * Two independent recognisers' reads of one plate, character by character (docs/plate-recognition.md,
 * "Two recognisers"): where both read the same character it is wrong only if both are wrong the
 * same way, so its confidence is 1 − (1 − p)(1 − q); where they read different characters, the
 * first reader's character is kept with confidence 0 (doubtful, for the gate and the site's known
 * plates to settle). Reads of different lengths cannot be lined up: `undefined`.
 */
export function fuseCharacters(
  first: readonly CharacterRead[],
  second: readonly CharacterRead[],
): CharacterRead[] | undefined {
  if (first.length !== second.length) return undefined;
  return first.map((mine, i) => {
    const theirs = second[i] as CharacterRead;
    return mine.char === theirs.char
      ? { char: mine.char, confidence: 1 - (1 - mine.confidence) * (1 - theirs.confidence) }
      : { char: mine.char, confidence: 0 };
  });
}
