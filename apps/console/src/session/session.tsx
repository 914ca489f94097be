import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { type paths } from '../api/generated/schema';
import { whenSessionEnds } from '../api/session-fetch';

export type Account = paths['/auth/me']['get']['responses'][200]['content']['application/json'];
export type Role = Account['role'];

type Session =
  | { readonly state: 'loading' }
  | { readonly state: 'anonymous' }
  | { readonly state: 'signed-in'; readonly account: Account };

const SessionContext = createContext<Session>({ state: 'loading' });
export const SESSION_KEY = ['session'] as const;

/** Who is signed in, from `/auth/me`; a 401 (no session, or it ended) means the login page. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/auth/me'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: 1,
  });
  useEffect(() => whenSessionEnds(() => client.setQueryData(SESSION_KEY, null)), [client]);
  const session: Session =
    me.data === undefined
      ? { state: me.isError ? 'anonymous' : 'loading' }
      : me.data === null
        ? { state: 'anonymous' }
        : { state: 'signed-in', account: me.data };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export const useSession = (): Session => useContext(SessionContext);

/** The signed-in account; only under a route that requires one. */
export function useAccount(): Account {
  const session = useSession();
  if (session.state !== 'signed-in') throw new Error('useAccount without a session');
  return session.account;
}
