import {
  pageSizeOf,
  passageFiltersToUrl,
  readPassageFilters,
  searchScope,
  toPassagesQuery,
} from './passage-filters';

describe('passage filters', () => {
  it('reads every filter from the URL and drops values a hand-edited link got wrong', () => {
    expect(
      readPassageFilters({
        from: '2025-01-02',
        to: '2025-01-05',
        plate: ' 京a12345 ',
        gate: 'G-1',
        direction: 'out',
        stage: 'VI',
        verdict: 'deny',
        completeness: 'incomplete',
        manual: 'yes',
      }),
    ).toEqual({
      from: '2025-01-02',
      to: '2025-01-05',
      plate: '京A12345',
      gate: 'G-1',
      direction: 'out',
      stage: 'VI',
      verdict: 'deny',
      completeness: 'incomplete',
      manual: 'yes',
    });
    expect(
      readPassageFilters({
        from: 'yesterday',
        to: '2025-01-01',
        gate: 'a gate; drop table',
        direction: 'up',
        stage: 'VII',
        verdict: 'maybe',
        completeness: 'half',
        manual: 'perhaps',
      }),
    ).toEqual({ to: '2025-01-01' });
    // A range that ends before it starts keeps its start only.
    expect(readPassageFilters({ from: '2025-02-01', to: '2025-01-01' })).toEqual({ from: '2025-02-01' });
  });

  it('round-trips filters through the URL, a new search starting on its first page', () => {
    const filters = readPassageFilters({ plate: '京A12345', stage: 'V', verdict: 'allow', manual: 'no' });
    const url = passageFiltersToUrl(filters);
    expect(url.cursor).toBeUndefined();
    const kept = Object.fromEntries(Object.entries(url).filter(([, value]) => value !== undefined));
    expect(readPassageFilters(kept)).toEqual(filters);
  });

  it('asks the service for Shanghai days, `to` inclusive, with the cursor and page size', () => {
    expect(
      toPassagesQuery(
        readPassageFilters({
          from: '2025-01-02',
          to: '2025-01-05',
          gate: 'G1',
          direction: 'in',
          verdict: 'needs-review',
          manual: 'no',
          completeness: 'complete',
        }),
        'abc',
        20,
      ),
    ).toEqual({
      from: '2025-01-02T00:00:00+08:00',
      to: '2025-01-06T00:00:00+08:00',
      gateId: 'G1',
      direction: 'in',
      verdict: 'needs-review',
      manual: 'false',
      minCompleteness: 1,
      cursor: 'abc',
      limit: 20,
    });
    expect(toPassagesQuery({}, undefined, 50)).toEqual({ limit: 50 });
  });

  it('knows the page size from the URL and ties the paging trail to the search', () => {
    expect(pageSizeOf({ size: '100' })).toBe(100);
    expect(pageSizeOf({ size: '7' })).toBe(50);
    expect(searchScope({ plate: 'A' }, 50)).not.toBe(searchScope({ plate: 'B' }, 50));
    expect(searchScope({ plate: 'A' }, 50)).not.toBe(searchScope({ plate: 'A' }, 20));
  });
});
