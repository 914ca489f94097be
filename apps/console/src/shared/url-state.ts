import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * A page's filters kept in the URL's query string, so a shared link opens the same view. Values
 * are strings (dates as `YYYY-MM-DD`, instants as ISO); an empty value removes the parameter.
 */
export function useUrlState<K extends string>(
  keys: readonly K[],
  defaults: Partial<Record<K, string>> = {},
): [Readonly<Partial<Record<K, string>>>, (patch: Partial<Record<K, string | undefined>>) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => {
    const out: Partial<Record<K, string>> = {};
    for (const key of keys) {
      const value = params.get(key) ?? defaults[key];
      if (value) out[key] = value;
    }
    return out;
    // `keys` and `defaults` are literals of the page; the URL is what changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params]);
  const update = useCallback(
    (patch: Partial<Record<K, string | undefined>>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(patch) as [K, string | undefined][]) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: false },
      ),
    [setParams],
  );
  return [state, update];
}
