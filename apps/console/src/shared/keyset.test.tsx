import { act, renderHook } from '@testing-library/react';
import { useState } from 'react';
import { useKeysetPaging } from './keyset';

function usePaging(initial?: string, initialScope = 'a') {
  const [cursor, setCursor] = useState<string | undefined>(initial);
  const [scope, setScope] = useState(initialScope);
  return { cursor, setScope, paging: useKeysetPaging(cursor, setCursor, scope) };
}

describe('keyset paging', () => {
  it('walks forward on the service cursors and back the same way', () => {
    const { result } = renderHook(() => usePaging());
    expect(result.current.paging).toMatchObject({ page: 1, hasPrevious: false });
    act(() => result.current.paging.next('c1'));
    act(() => result.current.paging.next('c2'));
    expect(result.current.cursor).toBe('c2');
    expect(result.current.paging.page).toBe(3);
    act(() => result.current.paging.previous());
    expect(result.current.cursor).toBe('c1');
    expect(result.current.paging.page).toBe(2);
    act(() => result.current.paging.previous());
    expect(result.current.cursor).toBeUndefined();
    expect(result.current.paging).toMatchObject({ page: 1, hasPrevious: false });
  });

  it('does not know the page number of a list opened mid-way; previous goes to the first page', () => {
    const { result } = renderHook(() => usePaging('c5'));
    expect(result.current.paging).toMatchObject({ page: undefined, hasPrevious: true });
    act(() => result.current.paging.previous());
    expect(result.current.cursor).toBeUndefined();
  });

  it('starts a new trail when the search changes', () => {
    const { result } = renderHook(() => usePaging());
    act(() => result.current.paging.next('c1'));
    act(() => result.current.paging.next('c2'));
    act(() => result.current.setScope('b'));
    // The page forgot the old trail: "previous" can only go to the first page.
    expect(result.current.paging.page).toBeUndefined();
    act(() => result.current.paging.first());
    expect(result.current.cursor).toBeUndefined();
    expect(result.current.paging.page).toBe(1);
  });
});
