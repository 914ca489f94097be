import { decisionDoubts, reviewReasonsOf, reviewStateOf } from './review-reasons';

const clean = {
  entryVerdict: 'allow',
  entryReasons: [] as string[],
  exitVerdict: null,
  exitReasons: null,
  stage: 'VI' as const,
};

describe('review reasons (待确认)', () => {
  it('finds nothing in an allowed, well-read passage of a known stage', () => {
    expect(reviewReasonsOf(clean)).toEqual([]);
  });

  it('takes the verdict and the read doubts of both sides, each once, in a fixed order', () => {
    expect(
      reviewReasonsOf({
        ...clean,
        entryReasons: ['readers-disagree', 'stage-below-minimum'],
        exitVerdict: 'needs-review',
        exitReasons: ['read-needs-review', 'readers-disagree'],
        stage: null,
      }),
    ).toEqual(['needs-review', 'readers-disagree', 'read-needs-review', 'unknown-stage']);
  });

  it('counts an unknown stage alone', () => {
    expect(reviewReasonsOf({ ...clean, stage: null })).toEqual(['unknown-stage']);
  });

  it('reads one decision: a manual or policy reason is no doubt about the read', () => {
    expect(decisionDoubts('allow', ['manual', 'alert-exemption'])).toEqual([]);
    expect(decisionDoubts('needs-review', ['read-needs-review'])).toEqual([
      'needs-review',
      'read-needs-review',
    ]);
    expect(decisionDoubts(null, null)).toEqual([]);
  });

  it('keeps a resolution, opens on a reason, and closes when the reasons are gone', () => {
    expect(reviewStateOf(null, ['unknown-stage'])).toBe('open');
    expect(reviewStateOf('open', [])).toBeNull();
    expect(reviewStateOf('resolved', ['readers-disagree'])).toBe('resolved');
    expect(reviewStateOf('resolved', [])).toBe('resolved');
    expect(reviewStateOf(null, [])).toBeNull();
  });
});
