import {
  ALERT_LEVELS,
  EMISSION_STAGES,
  type EmergencyPlan,
  FUELS,
  LANE_MODES,
  VEHICLE_CATEGORIES,
  VEHICLE_DESIGNATIONS,
} from '@ecogate/domain';
import { z } from 'zod';

// The emergency plan (一厂一策) on the wire, shared by the ledger (which accepts and serves it) and
// barrier control (which reads it back). One schema, so the two cannot drift apart.

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'id: 1-64 of letters, digits, _ . -');
const text = z.string().trim().min(1).max(200);
const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const plate = z.string().trim().min(1).max(16);

const requirement = z.strictObject({
  id,
  categories: z.union([z.literal('any'), z.array(z.enum(VEHICLE_CATEGORIES)).min(1)]),
  fuels: z.union([z.literal('any'), z.array(z.enum(FUELS)).min(1)]),
  minimum: z.enum(EMISSION_STAGES),
  label: z.strictObject({ zh: text, en: text }),
});
const levelPolicy = <U extends z.ZodType<'allow' | 'deny' | 'needs-review'>>(unknownStage: U) =>
  z.strictObject({
    requirements: z.array(requirement).max(100),
    unknownStage,
    laneModes: z.record(id, z.enum(LANE_MODES)).optional(),
  });
const anyUnknown = z.enum(['allow', 'deny', 'needs-review']);
/** Orange and red never let an unknown stage through (domain.md §4); the type says so too. */
const severeUnknown = z.enum(['deny', 'needs-review']);

/** Exemptions with `at` for their instants: parsed to `Date`s, or kept as ISO strings in a response. */
const exemptionOf = <T extends z.ZodType>(at: T) => {
  const common = {
    id,
    from: at,
    until: at,
    levels: z.union([z.literal('all'), z.array(z.enum(ALERT_LEVELS)).min(1)]),
    approvedBy: text,
    reference: text.optional(),
  };
  return z.discriminatedUnion('kind', [
    z.strictObject({ ...common, kind: z.literal('plate'), plates: z.array(plate).min(1).max(1000) }),
    z.strictObject({
      ...common,
      kind: z.enum(VEHICLE_DESIGNATIONS),
      plates: z.array(plate).max(1000).optional(),
    }),
  ]);
};

const planFieldsOf = <T extends z.ZodType>(at: T) => ({
  levels: z.strictObject({
    none: levelPolicy(anyUnknown),
    blue: levelPolicy(anyUnknown),
    yellow: levelPolicy(anyUnknown),
    orange: levelPolicy(severeUnknown),
    red: levelPolicy(severeUnknown),
  }),
  exemptions: z.array(exemptionOf(at)).max(500),
});
const planFields = planFieldsOf(instant);

/** The plan body of `PUT emergency-plan`: the domain's plan without the enterprise (the path gives it). */
export const emergencyPlanBodySchema = z.strictObject({
  ...planFields,
  /** Optimistic concurrency: refuse if another revision was filed since the editor read it. */
  expectedRevision: z.number().int().min(0).optional(),
});
export type EmergencyPlanBody = z.infer<typeof emergencyPlanBodySchema>;

/** The domain's `EmergencyPlan` as JSON (instants as ISO strings). */
export const emergencyPlanSchema = z.strictObject({
  enterpriseId: z.string().min(1),
  ...planFields,
}) satisfies z.ZodType<EmergencyPlan, unknown>;

/** `GET emergency-plan` → `{revision, filedBy, filedAt, plan}`; 404 when none is filed. */
export const emergencyPlanViewSchema = z.object({
  revision: z.number().int().min(1),
  filedBy: z.string(),
  filedAt: instant,
  plan: emergencyPlanSchema,
});
export type EmergencyPlanViewBody = z.infer<typeof emergencyPlanViewSchema>;

// A compile-time check that the body's output is the domain's plan shape.
const _matchesDomain = (
  body: Omit<EmergencyPlanBody, 'expectedRevision'>,
): Omit<EmergencyPlan, 'enterpriseId'> => body;
void _matchesDomain;

/**
 * `GET`/`PUT emergency-plan`'s answer as it is on the wire (instants are ISO strings; no
 * transform), for response documentation such as the ledger's OpenAPI document.
 */
export const emergencyPlanViewResponseSchema = z.object({
  revision: z.number().int().min(1),
  filedBy: z.string(),
  filedAt: z.iso.datetime({ offset: true }),
  plan: z.strictObject({
    enterpriseId: z.string().min(1),
    ...planFieldsOf(z.iso.datetime({ offset: true })),
  }),
});
