import { byteRange } from './byte-range';

describe('byteRange', () => {
  const etag = '"abc"';
  const of = (header: string | undefined, size = 100, ifRange?: string) =>
    byteRange(header, size, { etag, ifRange });

  it('serves the whole body without a Range header', () => {
    expect(of(undefined)).toEqual({ kind: 'full' });
  });

  it('reads a first-last, an open-ended and a suffix range, clamped to the body', () => {
    expect(of('bytes=0-9')).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(of('bytes=90-')).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(of('bytes=90-500')).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(of('bytes=-10')).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(of('bytes=-500')).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(of('bytes=0-0', 1)).toEqual({ kind: 'partial', start: 0, end: 0 });
    expect(of('BYTES= 5 - 6 ')).toEqual({ kind: 'partial', start: 5, end: 6 });
  });

  it('refuses a range that starts past the end (416)', () => {
    expect(of('bytes=100-')).toEqual({ kind: 'unsatisfiable' });
    expect(of('bytes=100-200')).toEqual({ kind: 'unsatisfiable' });
    expect(of('bytes=-0')).toEqual({ kind: 'unsatisfiable' });
    expect(of('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(of('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores what it does not serve: other units, several ranges, bad syntax', () => {
    for (const header of ['items=0-1', 'bytes=0-1,5-6', 'bytes=5-1', 'bytes=-', 'bytes=a-b', 'bytes 0-1'])
      expect(of(header)).toEqual({ kind: 'full' });
    expect(of(`bytes=0-${'9'.repeat(20)}`)).toEqual({ kind: 'full' });
  });

  it('sends the whole body when If-Range names another version', () => {
    expect(of('bytes=0-9', 100, '"abc"')).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(of('bytes=0-9', 100, '"old"')).toEqual({ kind: 'full' });
    expect(of('bytes=0-9', 100, 'Tue, 01 Dec 2026 10:00:00 GMT')).toEqual({ kind: 'full' });
  });
});
