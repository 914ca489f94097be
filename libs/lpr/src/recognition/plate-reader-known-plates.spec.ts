import { KnownPlates } from '@ecogate/domain';
import { plateCandidate, readerOver, secondOpinion } from '../testing/plate-candidates';
import { type PlateCandidate } from './plate-candidate';
import { type SiteKnowledge } from './plate-reader';
import { type PlateRead } from './recognition-result';

const SITE: SiteKnowledge = { known: new KnownPlates(['冀A12345', '冀B67890']), provincePrior: '冀' };

/** One plate read as `text`, each character at the given confidence (0.99 where none is given). */
async function readAt(
  text: string,
  confidences: number[],
  site: SiteKnowledge | undefined,
  extra: Partial<PlateCandidate> = {},
): Promise<PlateRead | undefined> {
  const candidate = plateCandidate({
    text,
    confidences,
    colour: { colour: 'yellow', confidence: 0.95 },
    ...extra,
  });
  const result = await readerOver([candidate]).read(new Uint8Array([0xff, 0xd8]), 'scene', site);
  return result.kind === 'plates' ? result.plates[0] : undefined;
}

const DOUBTFUL_LAST = [0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.5];

describe('PlateReader with what the site knows', () => {
  it('trusts a read whose one doubtful character a registered plate settles, keeping the raw read', async () => {
    const read = await readAt('冀A12346', DOUBTFUL_LAST, SITE);
    expect(read).toMatchObject({
      text: '冀A12345',
      rawText: '冀A12346',
      settledBy: 'registry-corrected',
      verdict: 'trusted',
      reviewReasons: [],
      // The recogniser's own confidence is kept, for audits.
      confidence: 0.5,
    });
    expect(read?.characters.map((c) => c.char).join('')).toBe('冀A12346');
  });

  it('without the site, the same read waits for a person', async () => {
    expect(await readAt('冀A12346', DOUBTFUL_LAST, undefined)).toMatchObject({
      text: '冀A12346',
      verdict: 'needs-review',
      reviewReasons: ['low-confidence'],
    });
  });

  it('trusts a doubtful province character read as the site province', async () => {
    expect(await readAt('冀E55555', [0.4], SITE)).toMatchObject({
      text: '冀E55555',
      settledBy: 'province-prior',
      verdict: 'trusted',
    });
    expect(await readAt('晋E55555', [0.4], SITE)).toMatchObject({
      text: '晋E55555',
      verdict: 'needs-review',
    });
  });

  it('leaves every other doubt in place: a settled read of a plate too small stays in review', async () => {
    const read = await readAt('冀A12346', DOUBTFUL_LAST, SITE, { widthPx: 30 });
    expect(read).toMatchObject({ text: '冀A12345', verdict: 'needs-review', reviewReasons: ['too-small'] });
  });

  it('changes nothing about a confident read of an unknown plate', async () => {
    const read = await readAt('冀C99999', [], SITE);
    expect(read).toMatchObject({ text: '冀C99999', rawText: '冀C99999', verdict: 'trusted' });
    expect(read).not.toHaveProperty('settledBy');
  });
});

describe('PlateReader with two recognisers', () => {
  const read = async (candidate: PlateCandidate, site?: SiteKnowledge) => {
    const result = await readerOver([candidate]).read(new Uint8Array([0xff, 0xd8]), 'scene', site);
    return result.kind === 'plates' ? result.plates[0] : undefined;
  };
  const UNSURE = [0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7];

  it('trusts characters neither is sure of alone when both read them alike', async () => {
    const plate = plateCandidate({
      text: '冀A12345',
      confidences: UNSURE,
      secondOpinion: secondOpinion('冀A12345', 0.7),
    });
    expect(await read(plate)).toMatchObject({ verdict: 'trusted', confidence: expect.closeTo(0.91, 5) });
    // Alone, the first is held back.
    expect(await read(plateCandidate({ text: '冀A12345', confidences: UNSURE }))).toMatchObject({
      verdict: 'needs-review',
    });
  });

  it('makes the one character they read differently the doubt a known plate may settle', async () => {
    const plate = plateCandidate({ text: '冀A12346', secondOpinion: secondOpinion('冀A12345') });
    expect(await read(plate)).toMatchObject({
      verdict: 'needs-review',
      reviewReasons: ['low-confidence', 'recognisers-disagree'],
    });
    // 冀A12345 is registered: it is what the second recogniser read, so both now agree with it.
    expect(await read(plate, SITE)).toMatchObject({
      text: '冀A12345',
      settledBy: 'registry-corrected',
      verdict: 'trusted',
      reviewReasons: [],
    });
  });

  it('keeps a disagreement the known plate does not resolve', async () => {
    // Registered 冀B67890; the readers say 8 and 7 at the last place: the registry's 0 agrees with neither.
    const plate = plateCandidate({ text: '冀B67898', secondOpinion: secondOpinion('冀B67897') });
    expect(await read(plate, { known: new KnownPlates(['冀B67890']) })).toMatchObject({
      text: '冀B67890',
      verdict: 'needs-review',
      reviewReasons: ['recognisers-disagree'],
    });
  });
});
