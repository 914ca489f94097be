import { PERMISSIONS } from '../api/generated/permissions';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Whether the policy table admits this role on a route (`METHOD /api/...` with `{params}`), as the
 * gateway will decide. The console only hides what would be refused; the services still decide.
 */
export function allows(role: string, method: Method, path: string): boolean {
  return PERMISSIONS[`${method} ${path}`]?.includes(role) ?? false;
}

/** City-wide roles pick an enterprise; enterprise roles have theirs. */
export const isCityRole = (role: string): boolean =>
  role === 'city-admin' || role === 'city-operator' || role === 'inspector';
