import {
  ALERT_LEVELS,
  type AdmissionSubject,
  EMISSION_STAGES,
  EVIDENCE_SOURCES,
  FUELS,
  VEHICLE_CATEGORIES,
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

// The emergency plan answer is parsed with @ecogate/contracts' emergencyPlanViewSchema (shared with the ledger).
