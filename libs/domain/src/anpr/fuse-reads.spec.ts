import { fuseReads, type ReadToFuse } from './fuse-reads';

const trusted = (text: string, widthPx?: number): ReadToFuse => ({
  text,
  verdict: 'trusted',
  ...(widthPx ? { widthPx } : {}),
});
const doubtful = (text: string): ReadToFuse => ({ text, verdict: 'needs-review' });

describe('fuseReads', () => {
  it('none: neither the camera nor the server read a plate', () => {
    expect(fuseReads(undefined, [])).toEqual({ outcome: 'none', reasons: [] });
  });

  it('camera-only: keeps the camera read and its verdict', () => {
    expect(fuseReads(trusted('京A12345'), [])).toMatchObject({
      outcome: 'camera-only',
      verdict: 'trusted',
      text: '京A12345',
    });
    expect(fuseReads(doubtful('京A12345'), [])).toMatchObject({
      outcome: 'camera-only',
      verdict: 'needs-review',
      reasons: ['camera-read-doubtful'],
    });
  });

  it('server-only: keeps the server read and its verdict', () => {
    expect(fuseReads(undefined, [trusted('京A12345')])).toMatchObject({
      outcome: 'server-only',
      verdict: 'trusted',
    });
    expect(fuseReads(undefined, [doubtful('京A12345')])).toMatchObject({
      outcome: 'server-only',
      verdict: 'needs-review',
      reasons: ['server-read-doubtful'],
    });
  });

  it('agree: two readers on the same text are trusted when either is', () => {
    expect(fuseReads(doubtful('京A12345'), [trusted('京A12345')])).toMatchObject({
      outcome: 'agree',
      verdict: 'trusted',
    });
    expect(fuseReads(trusted('京A12345'), [doubtful('京A12345')])).toMatchObject({
      outcome: 'agree',
      verdict: 'trusted',
    });
  });

  it('agree but both doubtful: stays in review', () => {
    expect(fuseReads(doubtful('京A12345'), [doubtful('京A12345')])).toMatchObject({
      outcome: 'agree',
      verdict: 'needs-review',
      reasons: ['both-reads-doubtful'],
    });
  });

  it('agree: compares canonical spellings (separators, lower case)', () => {
    expect(fuseReads(trusted('京a·12345'), [trusted('京A12345')])).toMatchObject({
      outcome: 'agree',
      text: '京A12345',
    });
  });

  it('disagree: flags for review and keeps both reads, even when both were trusted', () => {
    const decision = fuseReads(trusted('京A12345'), [trusted('京A12346')]);
    expect(decision).toMatchObject({
      outcome: 'disagree',
      verdict: 'needs-review',
      reasons: ['readers-disagree'],
      text: '京A12345',
    });
    expect(decision.camera?.text).toBe('京A12345');
    expect(decision.server?.text).toBe('京A12346');
  });

  it('pairs the camera read with the matching server plate among several (tractor and trailer)', () => {
    const decision = fuseReads(trusted('鲁Q12345'), [trusted('鲁Q9876挂', 180), trusted('鲁Q12345', 120)]);
    expect(decision).toMatchObject({ outcome: 'agree', text: '鲁Q12345' });
  });

  it('without a match, compares with the trusted, then the widest server plate', () => {
    const decision = fuseReads(trusted('鲁Q12345'), [
      doubtful('鲁Q1234'),
      trusted('鲁Q9876挂', 100),
      trusted('鲁Q55555', 150),
    ]);
    expect(decision).toMatchObject({ outcome: 'disagree', server: { text: '鲁Q55555' } });
  });
});
