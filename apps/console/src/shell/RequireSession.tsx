import { type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ChangePasswordPage } from '../session/ChangePasswordPage';
import { useSession } from '../session/session';
import { PageSkeleton } from '../shared/PageSkeleton';

/** Deny by default: no page without a session, and none before a required password change. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.state === 'loading') return <PageSkeleton />;
  if (session.state === 'anonymous') {
    const returnTo = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?returnTo=${encodeURIComponent(returnTo)}`} replace />;
  }
  if (session.account.pendingActions.includes('change-password')) return <ChangePasswordPage />;
  return <>{children}</>;
}
