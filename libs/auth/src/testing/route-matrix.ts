import { type OpenApiDocument } from '@ecogate/http-edge';
import { ACCESS_DENIED_CODE } from '../nest/policy.guard';
import { decide, type Decision, routeKey, type Rule, type ServicePolicy } from '../policy';
import { type Principal } from '../principal';
import { PERSON_ROLES, type Role } from '../roles';
import { type TestIssuer } from './test-issuer';

/** Who calls in the matrix: nobody, each person role and an integrator, in the enterprise under test and in another. */
export interface MatrixCaller {
  readonly label: string;
  readonly principal?: Principal;
}

export const MATRIX_ENTERPRISE = 'E-MATRIX-1';
export const OTHER_ENTERPRISE = 'E-MATRIX-2';

function principal(
  role: Role,
  enterprises: Principal['enterprises'],
  scopes: Principal['scopes'] = [],
): Principal {
  return { subject: `matrix-${role}`, name: `matrix-${role}`, role, enterprises, districts: [], scopes };
}

export function matrixCallers(): MatrixCaller[] {
  const allScopes = [
    'passages:read',
    'passages:write',
    'vehicles:read',
    'vehicles:write',
    'documents:write',
    'video:read',
  ] as const;
  return [
    { label: 'anonymous' },
    ...PERSON_ROLES.map((role) => ({
      label: role,
      principal: principal(role, role.startsWith('city') ? '*' : [MATRIX_ENTERPRISE]),
    })),
    ...PERSON_ROLES.filter((role) => !role.startsWith('city')).map((role) => ({
      label: `${role} of another enterprise`,
      principal: principal(role, [OTHER_ENTERPRISE]),
    })),
    {
      label: 'integrator (all scopes)',
      principal: principal('integrator', [MATRIX_ENTERPRISE], [...allScopes]),
    },
    {
      label: 'integrator of another enterprise',
      principal: principal('integrator', [OTHER_ENTERPRISE], [...allScopes]),
    },
    { label: 'integrator (no scopes)', principal: principal('integrator', [MATRIX_ENTERPRISE]) },
  ];
}

export interface MatrixMismatch {
  readonly route: string;
  readonly caller: string;
  readonly expected: Decision;
  readonly status: number;
  readonly code?: string;
}

const STATUS_OF: Record<Exclude<Decision, 'allow'>, number> = {
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
};
const GUARD_CODES = new Set(Object.values(ACCESS_DENIED_CODE));

/** A concrete URL for an OpenAPI path: the enterprise under test, and a harmless value for other parameters. */
function concretePath(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    name === 'enterpriseId' ? MATRIX_ENTERPRISE : 'matrix-x1',
  );
}

/**
 * Calls every documented route of a running service as every caller and compares what happens
 * with the policy: a refusal must be exactly the policy's (status and guard code), and an allowed
 * call must get past the guard (any answer but the guard's). Bodies are `{}`, so an allowed write
 * stops at validation and changes nothing. Documented routes missing from the policy, and policy
 * routes the document lacks, are mismatches too.
 */
export async function checkRouteMatrix(
  baseUrl: string,
  document: OpenApiDocument,
  policy: ServicePolicy,
  issuer: TestIssuer,
): Promise<{
  readonly mismatches: MatrixMismatch[];
  readonly calls: number;
  readonly undocumented: string[];
  readonly unlisted: string[];
}> {
  const mismatches: MatrixMismatch[] = [];
  const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({ method, path, key: routeKey(method, path) })),
  );
  const unlisted = documented.filter((r) => policy[r.key] === undefined).map((r) => r.key);
  const documentedKeys = new Set(documented.map((r) => r.key));
  const undocumented = Object.keys(policy).filter((key) => !documentedKeys.has(key));
  let calls = 0;
  for (const route of documented) {
    const rule: Rule | undefined = policy[route.key];
    for (const caller of matrixCallers()) {
      const expected = decide(
        rule,
        caller.principal,
        route.path.includes('{enterpriseId}') ? { enterpriseId: MATRIX_ENTERPRISE } : {},
      );
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (caller.principal) headers['authorization'] = await issuer.bearer(caller.principal);
      const response = await fetch(baseUrl + concretePath(route.path), {
        method: route.method.toUpperCase(),
        headers,
        ...(route.method === 'get' ? {} : { body: '{}' }),
        redirect: 'manual',
      });
      calls++;
      const text = await response.text();
      const code = codeOf(text);
      const refusedByGuard =
        [401, 403, 404].includes(response.status) && code !== undefined && GUARD_CODES.has(code);
      const ok =
        expected === 'allow'
          ? !refusedByGuard && response.status !== 401 && response.status !== 403
          : response.status === STATUS_OF[expected] && code === ACCESS_DENIED_CODE[expected];
      if (!ok)
        mismatches.push({
          route: route.key,
          caller: caller.label,
          expected,
          status: response.status,
          ...(code ? { code } : {}),
        });
    }
  }
  return { mismatches, calls, undocumented, unlisted };
}

function codeOf(text: string): string | undefined {
  try {
    const code = (JSON.parse(text) as { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
