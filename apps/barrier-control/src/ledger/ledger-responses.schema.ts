import {
  ALERT_LEVELS,
  type AdmissionSubject,
  EMISSION_STAGES,
  type EmergencyPlan,
  EVIDENCE_SOURCES,
  FUELS,
  LANE_MODES,
  VEHICLE_CATEGORIES,
  type VehicleDesignation,
} from '@ecogate/domain';
import { z } from 'zod';

// The ledger's answers as barrier control reads them: only the fields a decision needs, checked
// before anything is trusted (an unparsable answer counts as "ledger unavailable").

const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/** `GET vehicles/:plate` → `{vehicle, stage, evidence}` (apps/ledger VehicleView). */
export const ledgerVehicleSchema = z.object({
  vehicle: z.object({
    plate: z.string().min(1).max(16),
    // A value this service does not know yet is treated as unknown, which the plan selects.
    category: z.enum(VEHICLE_CATEGORIES).nullable().catch(null),
    fuel: z.enum(FUELS).nullable().catch(null),
  }),
  evidence: z.array(
    z.object({
      stage: z.enum(EMISSION_STAGES),
      source: z.enum(EVIDENCE_SOURCES),
      confirmedBy: z.string().max(100).optional(),
      at: instant,
    }),
  ),
});

export function toAdmissionSubject(body: z.infer<typeof ledgerVehicleSchema>): AdmissionSubject {
  const { vehicle, evidence } = body;
  return {
    plate: vehicle.plate,
    ...(vehicle.category ? { category: vehicle.category } : {}),
    ...(vehicle.fuel ? { fuel: vehicle.fuel } : {}),
    evidence: evidence.map((e) => ({
      stage: e.stage,
      source: e.source,
      ...(e.confirmedBy ? { confirmedBy: e.confirmedBy } : {}),
      at: e.at,
    })),
  };
}

/** `GET alert-level` → `{level, reason, setBy, setAt}`. */
export const ledgerAlertLevelSchema = z.object({ level: z.enum(ALERT_LEVELS) });

const localised = z.object({ zh: z.string(), en: z.string() });
const requirement = z.object({
  id: z.string().min(1),
  categories: z.union([z.literal('any'), z.array(z.enum(VEHICLE_CATEGORIES))]),
  fuels: z.union([z.literal('any'), z.array(z.enum(FUELS))]),
  minimum: z.enum(EMISSION_STAGES),
  label: localised,
});
const policy = <U extends z.ZodType<'allow' | 'deny' | 'needs-review'>>(unknownStage: U) =>
  z.object({
    requirements: z.array(requirement),
    unknownStage,
    laneModes: z.record(z.string(), z.enum(LANE_MODES)).optional(),
  });
const exemptionCommon = {
  id: z.string().min(1),
  from: instant,
  until: instant,
  levels: z.union([z.literal('all'), z.array(z.enum(ALERT_LEVELS))]),
  approvedBy: z.string(),
  reference: z.string().optional(),
};

const designationExemption = <K extends VehicleDesignation>(kind: K) =>
  z.object({ ...exemptionCommon, kind: z.literal(kind), plates: z.array(z.string()).optional() });

/** The domain's `EmergencyPlan` as JSON (instants as ISO strings). */
export const ledgerEmergencyPlanSchema = z.object({
  enterpriseId: z.string().min(1),
  levels: z.object({
    none: policy(z.enum(['allow', 'deny', 'needs-review'])),
    blue: policy(z.enum(['allow', 'deny', 'needs-review'])),
    yellow: policy(z.enum(['allow', 'deny', 'needs-review'])),
    orange: policy(z.enum(['deny', 'needs-review'])),
    red: policy(z.enum(['deny', 'needs-review'])),
  }),
  exemptions: z.array(
    z.discriminatedUnion('kind', [
      z.object({ ...exemptionCommon, kind: z.literal('plate'), plates: z.array(z.string()) }),
      designationExemption('special-vehicle'),
      designationExemption('hazardous-chemicals'),
      designationExemption('livelihood-supply'),
    ]),
  ),
}) satisfies z.ZodType<EmergencyPlan, unknown>;

/** `GET emergency-plan` → `{revision, filedBy, filedAt, plan}`; 404 when none is filed. */
export const ledgerPlanViewSchema = z.object({ plan: ledgerEmergencyPlanSchema });
