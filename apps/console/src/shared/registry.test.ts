import { filterRegistry, pageOf, REGISTRY_PAGE_SIZE } from './registry';

const rows = [
  { id: 'a', emissionStage: 'VI', completeness: 1, code: 'NB-01' },
  { id: 'b', emissionStage: null, completeness: 0.5, code: 'NB-02' },
  { id: 'c', emissionStage: 'V', completeness: 0.8, code: 'XZ-03' },
];
const text = (row: (typeof rows)[number]) => [row.code];

describe('a registry ledger filtered by its URL', () => {
  it('matches the search text, the stage (also unknown) and completeness', () => {
    expect(filterRegistry(rows, { q: 'nb' }, text).map((r) => r.id)).toEqual(['a', 'b']);
    expect(filterRegistry(rows, { stage: 'unknown' }, text).map((r) => r.id)).toEqual(['b']);
    expect(filterRegistry(rows, { stage: 'V' }, text).map((r) => r.id)).toEqual(['c']);
    expect(filterRegistry(rows, { completeness: 'incomplete' }, text).map((r) => r.id)).toEqual(['b', 'c']);
    expect(filterRegistry(rows, { completeness: 'complete', q: 'NB' }, text).map((r) => r.id)).toEqual(['a']);
    // A stage the domain does not know is ignored, not matched against.
    expect(filterRegistry(rows, { stage: 'VII' }, text)).toHaveLength(3);
  });

  it('keeps the page within the pages there are', () => {
    expect(pageOf({ page: '3' }, REGISTRY_PAGE_SIZE * 2 + 1)).toBe(3);
    expect(pageOf({ page: '9' }, REGISTRY_PAGE_SIZE + 1)).toBe(2);
    expect(pageOf({ page: 'x' }, 5)).toBe(1);
    expect(pageOf({}, 0)).toBe(1);
  });
});
