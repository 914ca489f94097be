import { idSchema } from '@ecogate/contracts';
import { PERSON_ROLES, type PersonRole } from '@ecogate/auth';
import { isDistrictCode } from '@ecogate/domain';
import { z } from 'zod';

/**
 * One rule of `GATEWAY_OIDC_ROLE_MAP`: when claim `claim` (a dotted path, e.g. `realm_access.roles`)
 * equals `value` or, being a list, contains it, the person gets `role`. Enterprise roles take their
 * enterprise id from `enterpriseClaim`; inspectors their districts from `districtsClaim` (a list or a
 * comma/space separated string) or a fixed `districts` list.
 */
export interface RoleRule {
  readonly claim: string;
  readonly value: string;
  readonly role: PersonRole;
  readonly enterpriseClaim?: string;
  readonly districtsClaim?: string;
  readonly districts?: readonly string[];
}

const ENTERPRISE_ROLES: readonly PersonRole[] = ['enterprise-admin', 'enterprise-staff'];

const ruleSchema = z
  .object({
    claim: z.string().min(1).max(200),
    value: z.string().min(1).max(200),
    role: z.enum(PERSON_ROLES),
    enterpriseClaim: z.string().min(1).max(200).optional(),
    districtsClaim: z.string().min(1).max(200).optional(),
    districts: z.array(z.string().refine(isDistrictCode, 'must be a 6-digit division code')).optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const enterpriseRole = ENTERPRISE_ROLES.includes(rule.role);
    if (enterpriseRole !== (rule.enterpriseClaim !== undefined))
      ctx.addIssue({
        code: 'custom',
        message: enterpriseRole
          ? `${rule.role} needs enterpriseClaim (the claim holding the Ecogate enterprise id)`
          : `enterpriseClaim is only for enterprise roles, not ${rule.role}`,
      });
    const districted = rule.districtsClaim !== undefined || rule.districts !== undefined;
    if ((rule.role === 'inspector') !== districted)
      ctx.addIssue({
        code: 'custom',
        message:
          rule.role === 'inspector'
            ? 'inspector needs districtsClaim or districts'
            : `districts are only for inspectors, not ${rule.role}`,
      });
  });

/** The rules, in order: the first rule that matches decides (so list the stronger roles first). */
export const roleMapSchema = z.array(ruleSchema).min(1);

export function parseRoleMap(json: string): readonly RoleRule[] {
  return roleMapSchema.parse(JSON.parse(json));
}

export type RoleMatch =
  | {
      readonly ok: true;
      readonly role: PersonRole;
      readonly enterpriseId?: string;
      readonly districts: readonly string[];
    }
  | { readonly ok: false; readonly code: 'no-role' | 'missing-claim'; readonly reason: string };

/** The first rule whose claim matches decides; a matching rule whose scope claim is missing refuses (no fallthrough to a weaker rule). */
export function matchRole(rules: readonly RoleRule[], claims: Readonly<Record<string, unknown>>): RoleMatch {
  const rule = rules.find((candidate) => claimValues(claims, candidate.claim).includes(candidate.value));
  if (!rule) {
    return {
      ok: false,
      code: 'no-role',
      reason: `no Ecogate role is mapped to this account's ${[...new Set(rules.map((r) => r.claim))].join(', ')}: ask the city administrator to add you to a mapped group`,
    };
  }
  if (rule.enterpriseClaim !== undefined) {
    const [enterpriseId, ...more] = claimValues(claims, rule.enterpriseClaim);
    if (enterpriseId === undefined || more.length > 0 || !idSchema.safeParse(enterpriseId).success)
      return {
        ok: false,
        code: 'missing-claim',
        reason: `${rule.role} needs exactly one enterprise id in claim ${rule.enterpriseClaim}`,
      };
    return { ok: true, role: rule.role, enterpriseId, districts: [] };
  }
  if (rule.role === 'inspector') {
    const districts = [
      ...new Set([
        ...(rule.districts ?? []),
        ...(rule.districtsClaim
          ? claimValues(claims, rule.districtsClaim).flatMap((v) => v.split(/[\s,]+/))
          : []),
      ]),
    ].filter((code) => code !== '');
    const bad = districts.find((code) => !isDistrictCode(code));
    if (districts.length === 0 || bad !== undefined)
      return {
        ok: false,
        code: 'missing-claim',
        reason:
          bad !== undefined
            ? `claim ${rule.districtsClaim} holds "${bad}", not a 6-digit division code`
            : `an inspector needs at least one district in claim ${rule.districtsClaim}`,
      };
    return { ok: true, role: rule.role, districts };
  }
  return { ok: true, role: rule.role, districts: [] };
}

/** A claim's string values: a string, a number, or a list of them; dotted paths reach into objects. */
export function claimValues(claims: Readonly<Record<string, unknown>>, path: string): string[] {
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
    value = (value as Record<string, unknown>)[part];
  }
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((item) =>
    typeof item === 'string' ? [item] : typeof item === 'number' ? [String(item)] : [],
  );
}
