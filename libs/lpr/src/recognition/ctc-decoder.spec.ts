import { allowedAt, CRNN_ALPHABET } from '../crnn-plate-recogniser/plate-alphabet';
import { ctcGreedyDecode } from './ctc-decoder';

const classes = CRNN_ALPHABET.length;
const indexOf = (char: string) => CRNN_ALPHABET.indexOf(char);

/** Probability rows: each step puts `p` on its character ('#' = blank) and spreads the rest. */
function steps(spec: readonly (readonly [string, number])[]): Float32Array {
  const out = new Float32Array(spec.length * classes);
  spec.forEach(([char, p], t) => {
    out.fill((1 - p) / (classes - 1), t * classes, (t + 1) * classes);
    out[t * classes + indexOf(char)] = p;
  });
  return out;
}

describe('ctcGreedyDecode', () => {
  it('drops blanks and merges repeats; a blank separates a doubled character', () => {
    const decoded = ctcGreedyDecode(
      steps([
        ['京', 0.9],
        ['京', 0.95],
        ['#', 0.99],
        ['A', 0.8],
        ['0', 0.9],
        ['#', 0.9],
        ['0', 0.7],
        ['0', 0.6],
      ]),
      8,
      { alphabet: CRNN_ALPHABET, logits: false },
    );
    expect(decoded.text).toBe('京A00');
    // A character's confidence is its best step.
    expect(decoded.characters.map((c) => c.confidence)).toEqual(
      [0.95, 0.8, 0.9, 0.7].map((p) => expect.closeTo(p, 5)),
    );
    expect(decoded.masked).toBe(false);
  });

  it('applies softmax to logits', () => {
    const logits = new Float32Array(2 * classes);
    logits[indexOf('沪')] = 10;
    logits[classes + indexOf('#')] = 10;
    const decoded = ctcGreedyDecode(logits, 2, { alphabet: CRNN_ALPHABET, logits: true });
    expect(decoded.text).toBe('沪');
    expect(decoded.characters[0]?.confidence).toBeCloseTo(Math.exp(10) / (Math.exp(10) + classes - 1), 5);
  });

  it('masks a province character after the first position to the best allowed class', () => {
    const probs = steps([
      ['粤', 0.9],
      ['#', 0.9],
      ['京', 0.6], // a province cannot come second…
    ]);
    probs[2 * classes + indexOf('B')] = 0.3; // …so the runner-up letter wins
    const decoded = ctcGreedyDecode(probs, 3, { alphabet: CRNN_ALPHABET, logits: false, allowedAt });
    expect(decoded.text).toBe('粤B');
    expect(decoded.characters[1]?.confidence).toBeCloseTo(0.3, 5);
    expect(decoded.masked).toBe(true);
  });

  it('never emits the hazardous-goods sign characters: the blank or the runner-up takes their place', () => {
    const alone = ctcGreedyDecode(steps([['险', 0.9]]), 1, {
      alphabet: CRNN_ALPHABET,
      logits: false,
      allowedAt,
    });
    expect(alone).toEqual({ text: '', characters: [], masked: false });
    const withRunnerUp = steps([['险', 0.6]]);
    withRunnerUp[indexOf('Z')] = 0.3;
    const decoded = ctcGreedyDecode(withRunnerUp, 1, { alphabet: CRNN_ALPHABET, logits: false, allowedAt });
    expect(decoded.text).toBe('Z');
    expect(decoded.masked).toBe(true);
  });

  it('merges a substituted character with the same character before it', () => {
    const probs = steps([
      ['粤', 0.9],
      ['B', 0.9],
      ['京', 0.6],
    ]);
    probs[2 * classes + indexOf('B')] = 0.3;
    const decoded = ctcGreedyDecode(probs, 3, { alphabet: CRNN_ALPHABET, logits: false, allowedAt });
    expect(decoded.text).toBe('粤B');
  });

  it('reads nothing from all-blank steps', () => {
    expect(
      ctcGreedyDecode(
        steps([
          ['#', 1],
          ['#', 1],
        ]),
        2,
        { alphabet: CRNN_ALPHABET, logits: false },
      ).text,
    ).toBe('');
  });
});
