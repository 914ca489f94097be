import { type EnterpriseId, type DataSource, TenantRepository } from '@ecogate/persistence';
import { audit } from '../audit/audit';
import { LedgerException } from '../errors/ledger.exception';
import { VehicleRepository } from '../vehicle/vehicle.repository';
import { lookupKeyOf } from './stage-lookup-follower';
import {
  type StageLookupState,
  type StageLookupTrigger,
  VehicleStageLookupEntity,
} from './stage-lookup.entity';
import { queueStageLookup } from './queue-stage-lookup';

/** A vehicle's stage lookup as the API shows it (`GET …/vehicles/{plate}/stage-lookup`). */
export interface StageLookupView {
  /** Whether this ledger has a source configured (`LEDGER_STAGE_LOOKUP_URL`). */
  readonly enabled: boolean;
  /** `none`: never asked. */
  readonly state: StageLookupState | 'none';
  readonly trigger: StageLookupTrigger | null;
  readonly key: { readonly kind: string; readonly value: string } | null;
  readonly requestedAt: Date | null;
  readonly attempts: number;
  /** When the follower tries next (queued or retrying). */
  readonly nextTryAt: Date | null;
  readonly answeredAt: Date | null;
  readonly fromCache: boolean;
  /** The source's answer as the protocol gave it (found / not-found / conflict), kept. */
  readonly answer: unknown;
  readonly error: string | null;
  /** The source record last written as `platform-query` evidence. */
  readonly evidence: { readonly recordId: string; readonly stage: string; readonly at: Date } | null;
}

/** The stage lookup's API: ask again on demand (202), and read where it stands. */
export class StageLookupService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enabled: boolean,
  ) {}

  async view(enterpriseId: EnterpriseId, plate: string): Promise<StageLookupView> {
    const vehicle = await new VehicleRepository(this.dataSource.manager).findOne(enterpriseId, { plate });
    if (!vehicle) throw new LedgerException('vehicle-not-found', `no vehicle ${plate}`);
    const row = await TenantRepository.of(this.dataSource, VehicleStageLookupEntity).findOne(enterpriseId, {
      vehicleId: vehicle.id,
    });
    return {
      enabled: this.enabled,
      state: row?.state ?? 'none',
      trigger: row?.trigger ?? null,
      key: row?.keyKind && row.keyValue ? { kind: row.keyKind, value: row.keyValue } : null,
      requestedAt: row?.requestedAt ?? null,
      attempts: row?.attempts ?? 0,
      nextTryAt: row && (row.state === 'queued' || row.state === 'retrying') ? row.dueAt : null,
      answeredAt: row?.answeredAt ?? null,
      fromCache: row?.fromCache ?? false,
      answer: row?.answer ?? null,
      error: row?.error ?? null,
      evidence:
        row?.evidenceRecordId && row.evidenceStage && row.evidenceAt
          ? { recordId: row.evidenceRecordId, stage: row.evidenceStage, at: row.evidenceAt }
          : null,
    };
  }

  /** Queues a lookup now (audited); one already on its way is left as it is. */
  async request(enterpriseId: EnterpriseId, plate: string, actor: string): Promise<StageLookupView> {
    if (!this.enabled)
      throw new LedgerException(
        'stage-lookup-off',
        'no stage-lookup source is configured (LEDGER_STAGE_LOOKUP_URL)',
      );
    await this.dataSource.transaction(async (tx) => {
      const vehicle = await new VehicleRepository(tx).findOne(enterpriseId, { plate });
      if (!vehicle) throw new LedgerException('vehicle-not-found', `no vehicle ${plate}`);
      if (!lookupKeyOf({ vin: vehicle.vin, disclosure_number: vehicle.disclosureNumber }))
        throw new LedgerException(
          'no-lookup-key',
          `vehicle ${plate} has no VIN nor disclosure number to look up`,
        );
      await queueStageLookup(tx, enterpriseId, vehicle.id, 'on-demand', new Date());
      await audit(tx, enterpriseId, {
        actor,
        entityType: 'vehicle',
        entityId: plate,
        action: 'stage-lookup-requested',
        before: null,
        after: null,
      });
    });
    return this.view(enterpriseId, plate);
  }
}
