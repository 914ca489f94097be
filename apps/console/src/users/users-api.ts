import { api, unwrap } from '../api/client';
import { type paths } from '../api/generated/schema';
import { allows } from '../session/permissions';

const CITY = '/api/gateway/v1/users';
const ENTERPRISE = '/api/gateway/v1/enterprises/{enterpriseId}/users';

export type User = paths[typeof CITY]['get']['responses'][200]['content']['application/json'][number];
export type NewUser = paths[typeof CITY]['post']['requestBody']['content']['application/json'];
export type Created = paths[typeof CITY]['post']['responses'][201]['content']['application/json'];
export type OneTimePassword =
  paths[`${typeof CITY}/{userId}/reset-password`]['post']['responses'][200]['content']['application/json'];
export type Role = NewUser['role'];

export type UserAction = 'reset-password' | 'disable' | 'enable' | 'unlock';

/** Whose accounts a page administers: every account (city-admin) or one enterprise's. */
export type Scope =
  { readonly kind: 'city' } | { readonly kind: 'enterprise'; readonly enterpriseId: string };

/** The calls of one scope, and what the signed-in role may do there (as the policy table says). */
export interface UsersApi {
  readonly key: readonly unknown[];
  list(): Promise<User[]>;
  create(body: NewUser): Promise<Created>;
  resetPassword(userId: string): Promise<OneTimePassword>;
  /** disable, enable or unlock (204). */
  act(userId: string, action: Exclude<UserAction, 'reset-password'>): Promise<void>;
  may(role: string, action: UserAction | 'create'): boolean;
}

export function usersApi(scope: Scope): UsersApi {
  if (scope.kind === 'city') {
    return {
      key: ['users', 'city'],
      list: () => unwrap(api.GET(CITY)),
      create: (body) => unwrap(api.POST(CITY, { body })),
      resetPassword: (userId) =>
        unwrap(api.POST(`${CITY}/{userId}/reset-password`, { params: { path: { userId } } })),
      act: async (userId, action) => {
        const path = { params: { path: { userId } } };
        if (action === 'disable') await unwrap(api.POST(`${CITY}/{userId}/disable`, path));
        else if (action === 'enable') await unwrap(api.POST(`${CITY}/{userId}/enable`, path));
        else await unwrap(api.POST(`${CITY}/{userId}/unlock`, path));
      },
      may: (role, action) => allows(role, 'POST', action === 'create' ? CITY : `${CITY}/{userId}/${action}`),
    };
  }
  const { enterpriseId } = scope;
  return {
    key: ['users', 'enterprise', enterpriseId],
    list: () => unwrap(api.GET(ENTERPRISE, { params: { path: { enterpriseId } } })),
    create: ({ username, displayName, role }) =>
      unwrap(
        api.POST(ENTERPRISE, { params: { path: { enterpriseId } }, body: { username, displayName, role } }),
      ),
    resetPassword: (userId) =>
      unwrap(
        api.POST(`${ENTERPRISE}/{userId}/reset-password`, { params: { path: { enterpriseId, userId } } }),
      ),
    act: async (userId, action) => {
      const path = { params: { path: { enterpriseId, userId } } };
      if (action === 'disable') await unwrap(api.POST(`${ENTERPRISE}/{userId}/disable`, path));
      else if (action === 'enable') await unwrap(api.POST(`${ENTERPRISE}/{userId}/enable`, path));
      else await unwrap(api.POST(`${ENTERPRISE}/{userId}/unlock`, path));
    },
    may: (role, action) =>
      allows(role, 'POST', action === 'create' ? ENTERPRISE : `${ENTERPRISE}/{userId}/${action}`),
  };
}

/** Roles a scope creates: the enterprise route takes only that enterprise's roles. */
export const ROLES_OF: Record<Scope['kind'], readonly Role[]> = {
  city: ['city-admin', 'city-operator', 'inspector', 'enterprise-admin', 'enterprise-staff'],
  enterprise: ['enterprise-admin', 'enterprise-staff'],
};

export const isEnterpriseRole = (role: string): boolean =>
  role === 'enterprise-admin' || role === 'enterprise-staff';
