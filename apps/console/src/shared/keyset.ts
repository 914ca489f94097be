import { useCallback, useMemo, useState } from 'react';

/** Page sizes a keyset-paged table offers (the URL's `size`). */
export const PAGE_SIZES = [20, 50, 100] as const;

/**
 * Where a keyset-paged table stands: the page's cursor lives in the URL (a shared link opens the
 * same page), the cursors of the pages before it in the component, so "previous" walks back the
 * way the person came. A list opened from a link in the middle has no trail: "previous" then goes
 * back to the first page.
 */
export interface KeysetPaging {
  /** 1 for the first page, counting the pages this person walked through; unknown when opened mid-list. */
  readonly page: number | undefined;
  /** Whether a page lies before this one (the URL names a cursor). */
  readonly hasPrevious: boolean;
  /** Go to the page the service's `nextCursor` names. */
  next(nextCursor: string): void;
  previous(): void;
  first(): void;
}

interface Trail {
  /** The filters the trail belongs to: another search starts a new trail. */
  readonly scope: string;
  /** Cursors of the pages before the current one, oldest first (`undefined`: the first page). */
  readonly back: readonly (string | undefined)[];
}

export function useKeysetPaging(
  cursor: string | undefined,
  goTo: (cursor: string | undefined) => void,
  scope: string,
): KeysetPaging {
  const [trail, setTrail] = useState<Trail>({ scope, back: [] });
  const back = useMemo(() => (trail.scope === scope ? trail.back : []), [trail, scope]);
  const next = useCallback(
    (nextCursor: string) => {
      setTrail({ scope, back: [...back, cursor] });
      goTo(nextCursor);
    },
    [back, cursor, goTo, scope],
  );
  const previous = useCallback(() => {
    setTrail({ scope, back: back.slice(0, -1) });
    goTo(back.length > 0 ? back[back.length - 1] : undefined);
  }, [back, goTo, scope]);
  const first = useCallback(() => {
    setTrail({ scope, back: [] });
    goTo(undefined);
  }, [goTo, scope]);
  return {
    page: cursor === undefined ? 1 : back.length > 0 ? back.length + 1 : undefined,
    hasPrevious: cursor !== undefined,
    next,
    previous,
    first,
  };
}
