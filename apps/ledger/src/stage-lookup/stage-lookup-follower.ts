import { type EmissionStage, PLATE_COLOURS } from '@ecogate/domain';
import {
  type DataSource,
  parseEnterpriseId,
  type TenantInsert,
  TenantRepository,
} from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';
import { z } from 'zod';
import { DueRowFollower, type FollowerPacing, retryDelayMs } from '../due-work/due-row-follower';
import { type VehicleRegistryService } from '../vehicle-registry/vehicle-registry.service';
import { describeKey, type StageLookup, type StageLookupAnswer, type StageLookupKey } from './stage-lookup';
import { type StageLookupCache, toWire } from './stage-lookup-cache';
import { VehicleStageLookupEntity } from './stage-lookup.entity';

export interface StageLookupSettings extends FollowerPacing {
  /** Platform-query evidence younger than this: the vehicle is not looked up by discovery. */
  readonly freshMs: number;
}

export const DEFAULT_STAGE_LOOKUP_SETTINGS: StageLookupSettings = {
  intervalMs: 2_000,
  batch: 10,
  leaseMs: 2 * 60_000,
  retryMs: 5_000,
  maxRetryMs: 10 * 60_000,
  freshMs: 30 * 86_400_000,
};

/** Who writes the evidence, in the audit log. */
export const STAGE_LOOKUP_ACTOR = 'system:stage-lookup';

interface DueLookup {
  readonly vehicle_id: string;
  readonly enterprise_id: string;
  readonly attempts: number;
  readonly evidence_record_id: string | null;
  readonly evidence_stage: string | null;
  /** The request this pass answers; a newer one (asked again meanwhile) queues the lookup once more. */
  readonly requested_at: Date;
}

interface LookedUpVehicle {
  readonly plate: string;
  readonly plate_colour: string;
  readonly vin: string | null;
  readonly disclosure_number: string | null;
}

type LookupChange = TenantInsert<VehicleStageLookupEntity>;

const plateColour = z.enum(PLATE_COLOURS);

/** The VIN when known, else the 信息公开编号; none: nothing to ask by. */
export const lookupKeyOf = (vehicle: {
  readonly vin: string | null;
  readonly disclosure_number: string | null;
}): StageLookupKey | undefined =>
  vehicle.vin
    ? { kind: 'vin', value: vehicle.vin }
    : vehicle.disclosure_number
      ? { kind: 'disclosure-number', value: vehicle.disclosure_number }
      : undefined;

/**
 * Gets vehicles' stages from the city's source (docs/stage-lookup.md). Driven by the database
 * only: a pass queues the vehicles with a key and no fresh platform-query evidence nor lookup
 * (`discovered`), then takes the lookups due with `FOR UPDATE SKIP LOCKED` and a lease. A fresh
 * cached answer is used without a request. Found → evidence of source `platform-query` through
 * the registry's own write (`PUT vehicles/:plate`'s path: chain, audit, held-back passages), once
 * per source record and stage; a conflict → no evidence, the answer kept. A source fault is never
 * "not found": retried after its Retry-After or a capped back-off; refused credentials stop the
 * lookup until someone asks again. Nothing here is on a barrier's path.
 */
export class StageLookupFollower extends DueRowFollower<DueLookup> {
  constructor(
    dataSource: DataSource,
    private readonly source: StageLookup,
    private readonly cache: StageLookupCache,
    private readonly registry: Pick<VehicleRegistryService, 'upsert'>,
    log: Logger,
    private readonly settings: StageLookupSettings = DEFAULT_STAGE_LOOKUP_SETTINGS,
    now: () => Date = () => new Date(),
  ) {
    super(
      dataSource,
      {
        table: 'vehicle_stage_lookups',
        id: 'vehicle_id',
        dueColumn: 'due_at',
        pending: `"state" IN ('queued', 'retrying')`,
        returning: [
          'vehicle_id',
          'enterprise_id',
          'attempts',
          'evidence_record_id',
          'evidence_stage',
          'requested_at',
        ],
      },
      settings,
      log,
      now,
    );
  }

  /** One pass: queues undiscovered vehicles, then advances every lookup due; returns how many it took. */
  override async runOnce(): Promise<number> {
    await this.discover();
    return super.runOnce();
  }

  protected advance(lookup: DueLookup): Promise<void> {
    return this.step(lookup).catch((error: unknown) => this.failed(lookup, error));
  }

  private async discover(): Promise<void> {
    const now = this.now();
    await this.dataSource.query(
      `INSERT INTO "vehicle_stage_lookups" ("vehicle_id", "enterprise_id", "state", "trigger", "due_at", "requested_at")
       SELECT v."id", v."enterprise_id", 'queued', 'discovered', $1, $1 FROM "vehicles" v
        WHERE (v."vin" IS NOT NULL OR v."disclosure_number" IS NOT NULL)
          AND NOT EXISTS (SELECT 1 FROM "vehicle_stage_lookups" l WHERE l."vehicle_id" = v."id")
          AND NOT EXISTS (SELECT 1 FROM "vehicle_stage_evidence" e
                           WHERE e."enterprise_id" = v."enterprise_id" AND e."vehicle_id" = v."id"
                             AND e."source" = 'platform-query' AND e."at" > $2)
        LIMIT $3
       ON CONFLICT ("vehicle_id") DO NOTHING`,
      [now, new Date(now.getTime() - this.settings.freshMs), this.settings.batch],
    );
  }

  private async step(lookup: DueLookup): Promise<void> {
    const [vehicle] = (await this.dataSource.query(
      `SELECT "plate", "plate_colour", "vin", "disclosure_number" FROM "vehicles" WHERE "id" = $1 AND "enterprise_id" = $2`,
      [lookup.vehicle_id, lookup.enterprise_id],
    )) as LookedUpVehicle[];
    const key = vehicle ? lookupKeyOf(vehicle) : undefined;
    if (!vehicle || !key) {
      await this.save(lookup, {
        state: 'not-found',
        dueAt: null,
        error: 'the vehicle has no VIN nor disclosure number to look up',
      });
      return;
    }
    const now = this.now();
    const cached = await this.cache.get(key, now);
    const answer = cached ?? (await this.source.lookup(key));
    if (!cached && answer.result !== 'unavailable') await this.cache.put(key, answer, now);
    const asked = { keyKind: key.kind, keyValue: key.value, fromCache: cached !== undefined };
    await this.save(lookup, { ...asked, ...(await this.outcome(lookup, vehicle, key, answer)) });
  }

  /** Our own failure (the database, a bug): retried with the back-off, so one vehicle never stops the pass. */
  private async failed(lookup: DueLookup, error: unknown): Promise<void> {
    const attempts = lookup.attempts + 1;
    const waitMs = retryDelayMs(attempts, this.settings);
    this.log.error(
      { vehicleId: lookup.vehicle_id, enterpriseId: lookup.enterprise_id, attempts, err: error },
      'stage lookup step failed: retried',
    );
    await this.save(lookup, {
      state: 'retrying',
      attempts,
      dueAt: new Date(this.now().getTime() + waitMs),
      error: `the ledger failed to record the answer (retrying): ${error instanceof Error ? error.message : String(error)}`,
    });
  }

  /** What an answer changes on the lookup (and, when found, the evidence it writes). */
  private async outcome(
    lookup: DueLookup,
    vehicle: LookedUpVehicle,
    key: StageLookupKey,
    answer: StageLookupAnswer,
  ): Promise<LookupChange> {
    const fields = {
      vehicleId: lookup.vehicle_id,
      enterpriseId: lookup.enterprise_id,
      key: describeKey(key),
    };
    if (answer.result === 'unavailable') {
      if (answer.failure === 'unauthorized') {
        // One refusal is enough to know: asking again would only repeat it (no retry storm).
        this.log.error({ ...fields, err: answer.message }, 'stage lookup source refused the credentials');
        return { state: 'unauthorized', dueAt: null, error: answer.message };
      }
      const attempts = lookup.attempts + 1;
      const waitMs =
        answer.failure === 'rate-limited'
          ? Math.max(answer.retryAfterMs ?? this.settings.retryMs, 1)
          : retryDelayMs(attempts, this.settings);
      this.log.warn(
        { ...fields, attempts, failure: answer.failure, waitMs },
        'stage lookup unanswered: retried',
      );
      return {
        state: 'retrying',
        attempts,
        dueAt: new Date(this.now().getTime() + waitMs),
        error: `${answer.failure} (retrying): ${answer.message}`,
      };
    }
    const answered = {
      attempts: 0,
      dueAt: null,
      error: null,
      answeredAt: answer.answeredAt,
      answer: toWire(answer),
    };
    if (answer.result === 'not-found') return { ...answered, state: 'not-found' };
    if (answer.result === 'conflict') {
      // Where evidence disagreement review hooks in: the source disagrees with itself, no stage is
      // taken from it; the answer (every record) stays on the lookup for a person.
      this.log.info(
        { ...fields, records: answer.records.length },
        'stage lookup answered conflicting records',
      );
      return { ...answered, state: 'conflicting' };
    }
    const stage: EmissionStage = answer.record.stage;
    if (lookup.evidence_record_id === answer.record.recordId && lookup.evidence_stage === stage)
      return { ...answered, state: 'found' };
    await this.registry.upsert(parseEnterpriseId(lookup.enterprise_id), vehicle.plate, {
      plateColour: plateColour.parse(vehicle.plate_colour),
      stageEvidence: { stage, source: 'platform-query', confirmed: false },
      actor: STAGE_LOOKUP_ACTOR,
    });
    return {
      ...answered,
      state: 'found',
      evidenceRecordId: answer.record.recordId,
      evidenceStage: stage,
      evidenceAt: this.now(),
    };
  }

  private async save(lookup: DueLookup, change: LookupChange): Promise<void> {
    const lookups = TenantRepository.of(this.dataSource, VehicleStageLookupEntity);
    const enterpriseId = parseEnterpriseId(lookup.enterprise_id);
    const saved = await lookups.update(
      enterpriseId,
      { vehicleId: lookup.vehicle_id, requestedAt: lookup.requested_at },
      change,
    );
    // Asked again while in flight (a key set, a person's request): kept, and asked once more now.
    if (saved === 0)
      await lookups.update(
        enterpriseId,
        { vehicleId: lookup.vehicle_id },
        { ...change, state: 'queued', dueAt: this.now(), attempts: 0 },
      );
  }
}
