import { type AdmissionSubject } from '@ecogate/domain';
import { type Logger } from '@ecogate/telemetry';
import { ExpiringCache } from '../ledger/expiring-cache';
import { type LedgerHttpClient, LedgerUnavailableError } from '../ledger/ledger-http.client';
import { type LedgerLookupMetrics } from '../ledger/ledger-lookup.metrics';
import { ledgerVehicleSchema, toAdmissionSubject } from '../ledger/ledger-responses.schema';
import { type VehicleRegistry } from './vehicle-registry.port';

export interface LedgerVehicleCacheOptions {
  /** How long an answer (a vehicle, or "not registered") is reused. */
  readonly ttlMs: number;
  readonly maxEntries: number;
}

/**
 * The ledger's vehicle registry over HTTP (`GET /api/v1/enterprises/:e/vehicles/:plate`), with a
 * short cache so a truck read by the camera and the server is looked up once.
 *
 * Fail-safe: when the ledger cannot answer, the vehicle is treated as having no evidence (a
 * stranger): the plan's rule for unknown stages decides, which during orange/red never lets it
 * through unchecked. The metric `barrier_ledger_unavailable_total{lookup="vehicle"}` and a warning
 * say so; failures are not cached, the next read asks again.
 */
export class LedgerVehicleRegistry implements VehicleRegistry {
  private readonly cache: ExpiringCache<AdmissionSubject | null>;

  constructor(
    private readonly ledger: LedgerHttpClient,
    cache: LedgerVehicleCacheOptions,
    private readonly metrics: LedgerLookupMetrics,
    private readonly log: Logger,
    now: () => number = Date.now,
  ) {
    this.cache = new ExpiringCache(cache.ttlMs, cache.maxEntries, now);
  }

  async find(enterpriseId: string, plate: string): Promise<AdmissionSubject | undefined> {
    const key = `${enterpriseId}\u0000${plate}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    try {
      const response = await this.ledger.get(enterpriseId, 'vehicles', plate);
      const vehicle = response.found ? this.parse(response.body) : null;
      this.cache.set(key, vehicle);
      return vehicle ?? undefined;
    } catch (caught) {
      if (!(caught instanceof LedgerUnavailableError)) throw caught;
      this.metrics.unavailable('vehicle', caught.failure);
      this.log.warn(
        { enterpriseId, plate, failure: caught.failure, err: caught },
        'ledger unavailable: vehicle decided as unregistered (no stage evidence)',
      );
      return undefined;
    }
  }

  private parse(body: unknown): AdmissionSubject {
    const parsed = ledgerVehicleSchema.safeParse(body);
    if (!parsed.success) {
      throw new LedgerUnavailableError('invalid-response', `vehicle answer: ${parsed.error.message}`);
    }
    return toAdmissionSubject(parsed.data);
  }
}
