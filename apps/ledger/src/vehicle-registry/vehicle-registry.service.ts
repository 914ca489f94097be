import { randomUUID } from 'node:crypto';
import { disclosureNumberSchema, objectRefSchema } from '@ecogate/contracts';
import {
  EMISSION_STAGES,
  EVIDENCE_SOURCES,
  FUELS,
  PLATE_COLOURS,
  strongestEvidence,
  VEHICLE_CATEGORIES,
} from '@ecogate/domain';
import { type DataSource, type EnterpriseId, IsNull, Not, TenantRepository } from '@ecogate/persistence';
import { VehicleDocumentReadEntity } from '../document-reads/vehicle-document-read.entity';
import { VehicleStageReviewEntity } from '../stage-review/vehicle-stage-review.entity';
import { z } from 'zod';
import { audit } from '../audit/audit';
import { LedgerException } from '../errors/ledger.exception';
import { type VehicleEntity } from '../vehicle/vehicle.entity';
import { chainRecord } from '../chain/append-to-chain';
import { toEvidence, VehicleRepository } from '../vehicle/vehicle.repository';
import { queueStageLookup } from '../stage-lookup/queue-stage-lookup';
import { addStageEvidence, lockPlate } from '../vehicle/add-stage-evidence';
import { stageReviewView, type StageReviewView } from '../stage-review/stage-review-view';

export const plateParam = z.string().trim().min(1).max(16);

export const upsertVehicleSchema = z.strictObject({
  plateColour: z.enum(PLATE_COLOURS),
  vin: z
    .string()
    .regex(/^[A-HJ-NPR-Z0-9]{17}$/, 'VIN: 17 of A-Z (no I, O, Q) and 0-9')
    .optional(),
  engineNo: z.string().min(1).max(32).optional(),
  /** 信息公开编号; the stage lookup asks by it when the vehicle has no VIN. */
  disclosureNumber: disclosureNumberSchema.optional(),
  registrationDate: z.iso.date().optional(),
  category: z.enum(VEHICLE_CATEGORIES).optional(),
  fuel: z.enum(FUELS).optional(),
  fleet: z.string().min(1).max(100).optional(),
  inventoryList: objectRefSchema.optional(),
  drivingLicence: objectRefSchema.optional(),
  /** New stage evidence; earlier evidence is kept (the strongest decides). */
  stageEvidence: z
    .strictObject({
      stage: z.enum(EMISSION_STAGES),
      source: z.enum(EVIDENCE_SOURCES),
      confirmed: z.boolean().default(false),
    })
    .optional(),
});
export type UpsertVehicleCommand = z.infer<typeof upsertVehicleSchema> & { readonly actor: string };

export interface VehicleView {
  readonly vehicle: Omit<VehicleEntity, 'enterpriseId'>;
  readonly stage: { stage: string; source: string; confirmedBy?: string; at: Date } | null;
  /** Oldest first; `documentReadId` names the document read a piece came from (its proof). */
  readonly evidence: {
    stage: string;
    source: string;
    confirmedBy?: string;
    at: Date;
    documentReadId?: string;
  }[];
  /** The sources' disagreement, when there was one (open until a person resolves it). */
  readonly review: StageReviewView | null;
}

/**
 * The vehicle registry: upsert with stage evidence (audited), read with the deciding evidence.
 * New evidence publishes the plate's passages that were held back for an unknown stage.
 */
export class VehicleRegistryService {
  constructor(private readonly dataSource: DataSource) {}

  async get(enterpriseId: EnterpriseId, plate: string): Promise<VehicleView> {
    const manager = this.dataSource.manager;
    const known = await new VehicleRepository(manager).known(enterpriseId, plate);
    if (!known) throw new LedgerException('vehicle-not-found', `no vehicle ${plate}`);
    const { enterpriseId: _tenant, ...vehicle } = known.vehicle;
    const [rows, reads, review] = await Promise.all([
      new VehicleRepository(manager).evidence().find(enterpriseId, {
        where: { vehicleId: vehicle.id },
        order: { at: 'ASC' },
      }),
      TenantRepository.of(manager, VehicleDocumentReadEntity).find(enterpriseId, {
        where: { vehicleId: vehicle.id, evidenceId: Not(IsNull()) },
      }),
      TenantRepository.of(manager, VehicleStageReviewEntity).findOne(enterpriseId, { vehicleId: vehicle.id }),
    ]);
    const proof = new Map(reads.map((read) => [read.evidenceId, read.id]));
    return {
      vehicle,
      stage: strongestEvidence(known.evidence) ?? null,
      evidence: rows.map((row) => {
        const documentReadId = proof.get(row.id);
        return { ...toEvidence(row), ...(documentReadId ? { documentReadId } : {}) };
      }),
      review: review ? stageReviewView(review) : null,
    };
  }

  async upsert(
    enterpriseId: EnterpriseId,
    plate: string,
    command: UpsertVehicleCommand,
  ): Promise<VehicleView> {
    await this.dataSource.transaction(async (tx) => {
      const vehicles = new VehicleRepository(tx);
      await lockPlate(tx, enterpriseId, plate);
      const before = await vehicles.findOne(enterpriseId, { plate });
      const values = {
        plateColour: command.plateColour,
        vin: command.vin ?? before?.vin ?? null,
        engineNo: command.engineNo ?? before?.engineNo ?? null,
        disclosureNumber: command.disclosureNumber ?? before?.disclosureNumber ?? null,
        registrationDate: command.registrationDate ?? before?.registrationDate ?? null,
        category: command.category ?? before?.category ?? null,
        fuel: command.fuel ?? before?.fuel ?? null,
        fleet: command.fleet ?? before?.fleet ?? null,
        inventoryList: command.inventoryList ?? before?.inventoryList ?? null,
        drivingLicence: command.drivingLicence ?? before?.drivingLicence ?? null,
        updatedAt: new Date(),
      };
      const id = before?.id ?? randomUUID();
      if (before) await vehicles.update(enterpriseId, { id }, values);
      else await vehicles.insert(enterpriseId, { id, plate, ...values });
      // A new lookup key: the stage lookup asks the source (docs/stage-lookup.md).
      if (
        (values.vin && values.vin !== before?.vin) ||
        (values.disclosureNumber && values.disclosureNumber !== before?.disclosureNumber)
      )
        await queueStageLookup(tx, enterpriseId, id, 'key-set', new Date());
      await chainRecord(tx, enterpriseId, before ? 'vehicle-revised' : 'vehicle-registered', {
        table: 'vehicles',
        id,
      });
      // Every source's evidence takes the same path (chain, held-back passages, review).
      const added = command.stageEvidence
        ? await addStageEvidence(
            tx,
            enterpriseId,
            { id, plate },
            {
              stage: command.stageEvidence.stage,
              source: command.stageEvidence.source,
              confirmedBy: command.stageEvidence.confirmed ? command.actor : null,
            },
            command.actor,
          )
        : undefined;
      const published = added?.published ?? [];
      await audit(tx, enterpriseId, {
        actor: command.actor,
        entityType: 'vehicle',
        entityId: plate,
        action: before ? 'update' : 'create',
        before: before ?? null,
        after: {
          plate,
          ...values,
          ...(added ? { addedEvidence: toEvidence(added.evidence) } : {}),
          ...(published.length > 0 ? { publishedPendingPassages: published } : {}),
        },
      });
    });
    return this.get(enterpriseId, plate);
  }
}
