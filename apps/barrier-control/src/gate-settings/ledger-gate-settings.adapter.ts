import { emergencyPlanViewSchema } from '@ecogate/contracts';
import { type AlertLevel, type EmergencyPlan, validateEmergencyPlan } from '@ecogate/domain';
import { type Logger } from '@ecogate/telemetry';
import { type LedgerHttpClient, LedgerUnavailableError } from '../ledger/ledger-http.client';
import { type LedgerLookup, type LedgerLookupMetrics } from '../ledger/ledger-lookup.metrics';
import { ledgerAlertLevelSchema } from '../ledger/ledger-responses.schema';
import { type GateSettings, type LaneContext } from './gate-settings.port';

interface Known<V> {
  readonly value: V;
  readonly at: number;
}

/**
 * Lanes from the gates file, the alert level and the emergency plan from the ledger
 * (`GET …/alert-level`, `GET …/emergency-plan`), each reused for `ttlMs` per enterprise.
 *
 * - No plan filed (404): the file's plan, i.e. `buildDefaultEmergencyPlan` for the cargo band.
 * - Ledger unavailable: the last value it gave; before any answer, the file's level and plan. The
 *   fallback is kept for `ttlMs` too, so an outage costs one timeout per TTL, not one per vehicle.
 *   Metric `barrier_ledger_unavailable_total{lookup}` and a warning say so.
 */
export class LedgerGateSettings implements GateSettings {
  private readonly levels = new Map<string, Known<AlertLevel>>();
  private readonly plans = new Map<string, Known<EmergencyPlan>>();

  constructor(
    private readonly lanes: GateSettings,
    private readonly ledger: LedgerHttpClient,
    private readonly ttlMs: number,
    private readonly metrics: LedgerLookupMetrics,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async laneContext(enterpriseId: string, laneId: string): Promise<LaneContext | undefined> {
    const configured = await this.lanes.laneContext(enterpriseId, laneId);
    if (!configured) return undefined;
    const [alertLevel, plan] = await Promise.all([
      this.current(this.levels, enterpriseId, 'alert-level', configured.alertLevel, () =>
        this.fetchAlertLevel(enterpriseId),
      ),
      this.current(this.plans, enterpriseId, 'emergency-plan', configured.plan, () =>
        this.fetchPlan(enterpriseId, configured.plan),
      ),
    ]);
    return { lane: configured.lane, plan, alertLevel };
  }

  private async current<V>(
    memory: Map<string, Known<V>>,
    enterpriseId: string,
    lookup: LedgerLookup,
    configured: V,
    fetch: () => Promise<V>,
  ): Promise<V> {
    const known = memory.get(enterpriseId);
    if (known && this.now() - known.at < this.ttlMs) return known.value;
    try {
      const value = await fetch();
      memory.set(enterpriseId, { value, at: this.now() });
      return value;
    } catch (caught) {
      if (!(caught instanceof LedgerUnavailableError)) throw caught;
      const value = known?.value ?? configured;
      memory.set(enterpriseId, { value, at: this.now() });
      this.metrics.unavailable(lookup, caught.failure);
      this.log.warn(
        {
          enterpriseId,
          lookup,
          failure: caught.failure,
          fallback: known ? 'last-known' : 'configured',
          err: caught,
        },
        `ledger unavailable: keeping the ${known ? 'last known' : 'configured'} ${lookup}`,
      );
      return value;
    }
  }

  private async fetchAlertLevel(enterpriseId: string): Promise<AlertLevel> {
    const response = await this.ledger.get(enterpriseId, 'alert-level');
    const parsed = response.found ? ledgerAlertLevelSchema.safeParse(response.body) : undefined;
    if (!parsed?.success)
      throw new LedgerUnavailableError('invalid-response', 'alert-level answer unreadable');
    return parsed.data.level;
  }

  private async fetchPlan(enterpriseId: string, defaultPlan: EmergencyPlan): Promise<EmergencyPlan> {
    const response = await this.ledger.get(enterpriseId, 'emergency-plan');
    if (!response.found) return defaultPlan;
    const parsed = emergencyPlanViewSchema.safeParse(response.body);
    if (!parsed.success) {
      throw new LedgerUnavailableError('invalid-response', `emergency plan: ${parsed.error.message}`);
    }
    const { plan } = parsed.data;
    if (plan.enterpriseId !== enterpriseId) {
      throw new LedgerUnavailableError('invalid-response', `emergency plan of ${plan.enterpriseId}`);
    }
    const valid = validateEmergencyPlan(plan);
    if (!valid.ok) {
      throw new LedgerUnavailableError(
        'invalid-response',
        `emergency plan invalid: ${valid.error.map((p) => p.reason).join('; ')}`,
      );
    }
    return valid.value;
  }
}
