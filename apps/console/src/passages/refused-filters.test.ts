import {
  readRefusedFilters,
  refusedFiltersToUrl,
  switchView,
  toRefusedQuery,
  viewOf,
} from './refused-filters';

describe('拦截记录 filters', () => {
  it('reads the view’s filters from the URL and drops what a hand-edited link got wrong', () => {
    expect(
      readRefusedFilters({
        view: 'refused',
        from: '2025-01-02',
        to: '2025-01-05',
        plate: ' 川jk0707 ',
        gate: 'east-1',
        manual: 'yes',
        cursor: 'c1',
      }),
    ).toEqual({ from: '2025-01-02', to: '2025-01-05', plate: '川JK0707', gate: 'east-1', manual: 'yes' });
    expect(
      readRefusedFilters({ from: 'yesterday', to: '2025-01-01', gate: 'x; drop', manual: 'maybe' }),
    ).toEqual({
      to: '2025-01-01',
    });
    expect(readRefusedFilters({ from: '2025-01-05', to: '2025-01-01' })).toEqual({ from: '2025-01-05' });
  });

  it('asks the ledger for Shanghai days, `to` exclusive, and the manual flag as true/false', () => {
    expect(
      toRefusedQuery(
        { from: '2025-01-02', to: '2025-01-03', plate: '川JK0707', gate: 'east-1', manual: 'yes' },
        'c1',
        20,
      ),
    ).toEqual({
      from: '2025-01-02T00:00:00+08:00',
      to: '2025-01-04T00:00:00+08:00',
      plate: '川JK0707',
      gateId: 'east-1',
      manual: 'true',
      cursor: 'c1',
      limit: 20,
    });
    expect(toRefusedQuery({ manual: 'no' }, undefined, 50)).toEqual({ manual: 'false', limit: 50 });
  });

  it('writes a new search back with the view kept, from its first page', () => {
    expect(refusedFiltersToUrl({ plate: '川JK0707' })).toEqual({
      view: 'refused',
      from: undefined,
      to: undefined,
      plate: '川JK0707',
      gate: undefined,
      manual: undefined,
      cursor: undefined,
      size: undefined,
    });
  });

  it('switches views keeping the window, plate, gate and page size, not the cursor or one view’s own filters', () => {
    const passages = new URLSearchParams(
      'plate=川JK0707&from=2025-01-02&to=2025-01-03&gate=east-1&stage=VI&manual=yes&cursor=c9&size=20',
    );
    expect(Object.fromEntries(switchView(passages, 'refused'))).toEqual({
      view: 'refused',
      plate: '川JK0707',
      from: '2025-01-02',
      to: '2025-01-03',
      gate: 'east-1',
      size: '20',
    });
    expect(
      Object.fromEntries(switchView(new URLSearchParams('view=refused&manual=no&plate=x'), 'passages')),
    ).toEqual({
      plate: 'x',
    });
    expect(viewOf('refused')).toBe('refused');
    expect(viewOf(undefined)).toBe('passages');
    expect(viewOf('other')).toBe('passages');
  });
});
