import { plateCandidate, readerOver } from '../testing/plate-candidates';
import { type ColourRead } from '../engine/plate-engine.interface';
import { type PlateRead } from './recognition-result';

const THREE_COLOURS = ['blue', 'green', 'yellow'] as const;

/** Reads one plate whose text and colour the pipeline is said to have produced. */
async function readWith(text: string, colour: ColourRead | undefined): Promise<PlateRead | undefined> {
  const result = await readerOver([plateCandidate({ text, colour })]).read(new Uint8Array([0xff, 0xd8]));
  return result.kind === 'plates' ? result.plates[0] : undefined;
}

describe('PlateReader and a colour classifier that knows only blue, green and yellow', () => {
  it.each([
    ['a police plate', '京A1234警', 'police', 'white'],
    ['an armed-police (WJ) plate', 'WJ京12345', 'armed-police', 'white'],
    ['an embassy plate', '使014578', 'embassy', 'black'],
    ['a Hong Kong plate', '粤Z1234港', 'hong-kong', 'black'],
    // Black or green: it could say green, but it was never taught the plate.
    ['a civil-aviation plate', '民航B9016', 'civil-aviation', 'black'],
  ])(
    'takes no colour evidence from it for %s: trusted, colour from the format',
    async (_, text, kind, colour) => {
      const read = await readWith(text, { colour: 'blue', confidence: 0.99, among: THREE_COLOURS });
      expect(read).toMatchObject({
        text,
        kind,
        colour,
        colourConfidence: 0,
        verdict: 'trusted',
        reviewReasons: [],
      });
    },
  );

  it('uses it where it can tell: yellow makes an ordinary plate a large (truck) plate', async () => {
    const read = await readWith('冀A12345', { colour: 'yellow', confidence: 0.97, among: THREE_COLOURS });
    expect(read).toMatchObject({
      kind: 'large',
      colour: 'yellow',
      colourConfidence: 0.97,
      verdict: 'trusted',
    });
  });

  it('still holds back a plate whose colour it sees contradicting the format', async () => {
    // A trailer plate is yellow; a confident blue is a misread text or a false plate.
    const read = await readWith('冀A1234挂', { colour: 'blue', confidence: 0.97, among: THREE_COLOURS });
    expect(read?.verdict).toBe('needs-review');
    expect(read?.reviewReasons).toContain('colour-mismatch');
  });

  it('keeps a recogniser colour head that knows white as evidence against a police plate', async () => {
    const read = await readWith('京A1234警', { colour: 'blue', confidence: 0.99 });
    expect(read?.reviewReasons).toContain('colour-mismatch');
  });
});
