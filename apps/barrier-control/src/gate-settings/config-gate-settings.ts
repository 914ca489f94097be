import { type DeviceNetworks, Secret } from '@ecogate/config';
import {
  ALERT_LEVELS,
  type AlertLevel,
  buildDefaultEmergencyPlan,
  EMISSION_STAGES,
  EVIDENCE_SOURCES,
  FUELS,
  LANE_MODES,
  type AdmissionSubject,
  type EmergencyPlan,
  VEHICLE_CATEGORIES,
  VEHICLE_DESIGNATIONS,
} from '@ecogate/domain';
import { type Logger } from '@ecogate/telemetry';
import { z } from 'zod';
import { type BarrierTarget } from '../drivers/barrier-driver';
import {
  assertBarrierAddress,
  BarrierAddressRefused,
  type BarrierAddressMetrics,
  otelBarrierAddressMetrics,
} from '../drivers/device-address';
import { type GateSettings, type LaneContext, type LaneSettings } from './gate-settings.port';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
const deviceTarget = {
  baseUrl: z.url({ protocol: /^https?$/ }),
  channel: z.number().int().min(1).max(256).default(1),
  username: z.string().min(1).max(64).optional(),
  /** Name of the environment variable that holds the device password (never the password itself). */
  passwordEnv: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*$/)
    .optional(),
};
const barrierSchema = z.discriminatedUnion('driver', [
  z.strictObject({ driver: z.literal('hikvision-isapi'), ...deviceTarget }),
  z.strictObject({ driver: z.literal('dahua-strobe'), ...deviceTarget }),
  z.strictObject({
    driver: z.literal('onvif-relay'),
    baseUrl: deviceTarget.baseUrl,
    username: deviceTarget.username,
    passwordEnv: deviceTarget.passwordEnv,
    relayToken: z.string().min(1).max(64).optional(),
    closeRelayToken: z.string().min(1).max(64).optional(),
  }),
  z.strictObject({ driver: z.literal('vzenith-reply') }),
  z.strictObject({ driver: z.literal('none') }),
]);

/** The file `BARRIER_GATES_FILE` names: enterprises, their lanes and (until the ledger API exists) vehicles. */
export const gateSettingsFileSchema = z.strictObject({
  enterprises: z.array(
    z.strictObject({
      enterpriseId: id,
      cargoVolume: z.enum(['under-10', '10-or-more']),
      districtApproval: z.string().max(100).optional(),
      alertLevel: z.enum(ALERT_LEVELS).default('none'),
      heavyTruckCategories: z.array(z.enum(VEHICLE_CATEGORIES)).optional(),
      lanes: z.array(
        z.strictObject({
          siteId: id,
          gateId: id,
          laneId: id,
          direction: z.enum(['in', 'out']),
          mode: z.enum(LANE_MODES).default('auto'),
          barrier: barrierSchema,
        }),
      ),
      vehicles: z
        .array(
          z.strictObject({
            plate: z.string().min(1).max(16),
            category: z.enum(VEHICLE_CATEGORIES).optional(),
            fuel: z.enum(FUELS).optional(),
            grossMassKg: z.number().positive().optional(),
            designations: z.array(z.enum(VEHICLE_DESIGNATIONS)).optional(),
            evidence: z
              .array(
                z.strictObject({
                  stage: z.enum(EMISSION_STAGES),
                  source: z.enum(EVIDENCE_SOURCES),
                  confirmedBy: z.string().max(64).optional(),
                  at: z.iso.datetime({ offset: true }),
                }),
              )
              .default([]),
          }),
        )
        .default([]),
    }),
  ),
});
export type GateSettingsFile = z.input<typeof gateSettingsFileSchema>;

interface EnterpriseEntry {
  readonly plan: EmergencyPlan;
  alertLevel: AlertLevel;
  readonly lanes: Map<string, LaneSettings>;
}

/**
 * Lanes, plans and alert levels from configuration: each enterprise gets the default emergency plan
 * for its cargo band (domain.md §4). The alert level is received, never computed: `setAlertLevel`.
 */
export class ConfigGateSettings implements GateSettings {
  private readonly enterprises = new Map<string, EnterpriseEntry>();
  readonly vehicles: { enterpriseId: string; vehicle: AdmissionSubject }[] = [];

  constructor(file: GateSettingsFile, env: Readonly<Record<string, string | undefined>> = {}) {
    const parsed = gateSettingsFileSchema.parse(file);
    for (const e of parsed.enterprises) {
      const lanes = new Map<string, LaneSettings>();
      for (const lane of e.lanes) {
        lanes.set(lane.laneId, {
          ref: {
            enterpriseId: e.enterpriseId,
            siteId: lane.siteId,
            gateId: lane.gateId,
            laneId: lane.laneId,
            direction: lane.direction,
          },
          mode: lane.mode,
          barrier: toTarget(lane.barrier, env),
        });
      }
      const plan = buildDefaultEmergencyPlan({
        enterpriseId: e.enterpriseId,
        cargoVolume: {
          band: e.cargoVolume,
          ...(e.districtApproval ? { districtApproval: e.districtApproval } : {}),
        },
        ...(e.heavyTruckCategories ? { heavyTruckCategories: e.heavyTruckCategories } : {}),
      });
      this.enterprises.set(e.enterpriseId, { plan, alertLevel: e.alertLevel, lanes });
      for (const v of e.vehicles) {
        this.vehicles.push({
          enterpriseId: e.enterpriseId,
          vehicle: {
            plate: v.plate,
            ...(v.category ? { category: v.category } : {}),
            ...(v.fuel ? { fuel: v.fuel } : {}),
            ...(v.grossMassKg ? { grossMassKg: v.grossMassKg } : {}),
            ...(v.designations ? { designations: v.designations } : {}),
            evidence: v.evidence.map((ev) => ({
              stage: ev.stage,
              source: ev.source,
              ...(ev.confirmedBy ? { confirmedBy: ev.confirmedBy } : {}),
              at: new Date(ev.at),
            })),
          },
        });
      }
    }
  }

  async laneContext(enterpriseId: string, laneId: string): Promise<LaneContext | undefined> {
    const enterprise = this.enterprises.get(enterpriseId);
    const lane = enterprise?.lanes.get(laneId);
    if (!enterprise || !lane) return undefined;
    return { lane, plan: enterprise.plan, alertLevel: enterprise.alertLevel };
  }

  /**
   * Checks every barrier address against the site's networks (run once at start, before any read;
   * lanes come from here with the ledger too). A lane outside them keeps deciding, but its barrier
   * is marked refused: every command fails `refused` and nothing is sent. A name that does not
   * resolve now is kept: it is checked again before each request. Returns the refused lanes.
   */
  async refuseOutsideNetworks(
    networks: DeviceNetworks,
    log: Pick<Logger, 'error' | 'warn'>,
    metrics: BarrierAddressMetrics = otelBarrierAddressMetrics,
  ): Promise<string[]> {
    const refused: string[] = [];
    for (const [enterpriseId, enterprise] of this.enterprises) {
      for (const [laneId, lane] of enterprise.lanes) {
        const barrier = lane.barrier;
        if (barrier.driver === 'vzenith-reply' || barrier.driver === 'none') continue;
        try {
          await assertBarrierAddress(barrier.baseUrl, networks, barrier.driver, 'load', metrics);
        } catch (error) {
          const fields = { enterpriseId, laneId, driver: barrier.driver, baseUrl: barrier.baseUrl };
          if (!(error instanceof BarrierAddressRefused)) {
            log.warn({ ...fields, err: error }, 'barrier address not checked at start: checked per request');
            continue;
          }
          log.error(
            { ...fields, allowed: networks.toString() },
            `barrier address refused, outside DEVICE_ALLOWED_NETWORKS: lane ${laneId} decides, its barrier is unavailable`,
          );
          enterprise.lanes.set(laneId, { ...lane, barrier: { ...barrier, refused: error.message } });
          refused.push(`${enterpriseId}/${laneId}`);
        }
      }
    }
    return refused;
  }

  /** Returns false for an unknown enterprise. */
  setAlertLevel(enterpriseId: string, level: AlertLevel): boolean {
    const enterprise = this.enterprises.get(enterpriseId);
    if (!enterprise) return false;
    enterprise.alertLevel = level;
    return true;
  }
}

function toTarget(
  barrier: z.infer<typeof barrierSchema>,
  env: Readonly<Record<string, string | undefined>>,
): BarrierTarget {
  if (barrier.driver === 'vzenith-reply' || barrier.driver === 'none') return { driver: barrier.driver };
  const { passwordEnv, ...rest } = barrier;
  if (passwordEnv !== undefined && env[passwordEnv] === undefined) {
    throw new Error(`barrier password variable ${passwordEnv} is not set`);
  }
  return {
    ...rest,
    ...(passwordEnv !== undefined ? { password: new Secret(env[passwordEnv] ?? '') } : {}),
  } as BarrierTarget;
}
