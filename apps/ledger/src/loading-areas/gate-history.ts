import {
  type AdmissionSubject,
  type AlertLevel,
  type EmergencyPlan,
  type GateEvent,
  isFuel,
  isVehicleCategory,
  type Refusal,
} from '@ecogate/domain';
import { type EnterpriseId, type EntityManager } from '@ecogate/persistence';
import { VehicleRepository } from '../vehicle/vehicle.repository';

/**
 * Ids of the gate rows the rules see: one passage holds an entry and an exit, so each side gets its
 * own id, and the evidence names the passage (`passageIdOf`).
 */
const entryId = (passageId: string): string => `${passageId}:entry`;
const exitId = (passageId: string): string => `${passageId}:exit`;
export const passageIdOf = (gateEventId: string): string => gateEventId.replace(/:(entry|exit)$/, '');

interface PassageSides {
  id: string;
  entry_captured_at: Date | null;
  exit_captured_at: Date | null;
}

/** A passage row as the rules' gate rows: its entry and its exit, where it has them. */
export function gateEventsOf(plate: string, row: PassageSides): GateEvent[] {
  return [
    ...(row.entry_captured_at
      ? [{ id: entryId(row.id), plate, direction: 'entry' as const, at: row.entry_captured_at }]
      : []),
    ...(row.exit_captured_at
      ? [{ id: exitId(row.id), plate, direction: 'exit' as const, at: row.exit_captured_at }]
      : []),
  ];
}

/** What the ledger knows of a plate around an instant, read for the loading-area rules (parameterised SQL only). */
export class GateHistory {
  constructor(private readonly manager: EntityManager) {}

  /** The plate's entries and exits between `from` and `to` (inclusive). */
  async gateEvents(enterpriseId: EnterpriseId, plate: string, from: Date, to: Date): Promise<GateEvent[]> {
    const rows = (await this.manager.query(
      `SELECT "id", "entry_captured_at", "exit_captured_at" FROM "passages"
        WHERE "enterprise_id" = $1 AND "plate" = $2 AND "captured_at" <= $4
          AND ("entry_captured_at" BETWEEN $3 AND $4 OR "exit_captured_at" BETWEEN $3 AND $4)`,
      [enterpriseId, plate, from, to],
    )) as PassageSides[];
    return rows
      .flatMap((row) => gateEventsOf(plate, row))
      .filter((e) => e.at.getTime() >= from.getTime() && e.at.getTime() <= to.getTime());
  }

  /** The plate's refused attempts between `from` and `to` (inclusive). */
  async refusals(enterpriseId: EnterpriseId, plate: string, from: Date, to: Date): Promise<Refusal[]> {
    const rows = (await this.manager.query(
      `SELECT "id", "captured_at" FROM "refused_attempts"
        WHERE "enterprise_id" = $1 AND "plate" = $2 AND "captured_at" BETWEEN $3 AND $4`,
      [enterpriseId, plate, from, to],
    )) as { id: string; captured_at: Date }[];
    return rows.map((row) => ({ id: row.id, plate, at: row.captured_at }));
  }

  /**
   * The alert level in force at `at`, the plan in force now and what the registry knows of the
   * vehicle; undefined without an alert or a filed plan (then nothing is below a minimum).
   */
  async alertAt(
    enterpriseId: EnterpriseId,
    plate: string,
    at: Date,
  ): Promise<{ level: AlertLevel; plan: EmergencyPlan; subject: AdmissionSubject } | undefined> {
    const [alert] = (await this.manager.query(
      `SELECT "level" FROM "alert_levels" WHERE "enterprise_id" = $1 AND "set_at" <= $2
        ORDER BY "set_at" DESC LIMIT 1`,
      [enterpriseId, at],
    )) as { level: AlertLevel }[];
    if (!alert || alert.level === 'none') return undefined;
    const [filed] = (await this.manager.query(
      `SELECT "plan" FROM "emergency_plans" WHERE "enterprise_id" = $1 ORDER BY "revision" DESC LIMIT 1`,
      [enterpriseId],
    )) as { plan: EmergencyPlan }[];
    if (!filed) return undefined;
    const known = await new VehicleRepository(this.manager).known(enterpriseId, plate);
    const category = known?.vehicle.category;
    const fuel = known?.vehicle.fuel;
    return {
      level: alert.level,
      plan: filed.plan,
      subject: {
        plate,
        ...(isVehicleCategory(category) ? { category } : {}),
        ...(isFuel(fuel) ? { fuel } : {}),
        evidence: known?.evidence ?? [],
      },
    };
  }
}
