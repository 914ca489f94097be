import { randomUUID } from 'node:crypto';
import { objectRefSchema } from '@ecogate/contracts';
import { EMISSION_STAGES, EVIDENCE_SOURCES, inPlantCompleteness } from '@ecogate/domain';
import { type DataSource, type EnterpriseId, TenantRepository } from '@ecogate/persistence';
import { z } from 'zod';
import { audit } from '../audit/audit';
import { LedgerException } from '../errors/ledger.exception';
import { InPlantVehicleEntity } from './in-plant-vehicle.entity';

export const inPlantNumberParam = z.string().trim().min(1).max(32);

/** Fields are kept when omitted, as in the transport registry. */
export const upsertInPlantVehicleSchema = z
  .strictObject({
    registrationDate: z.iso.date().optional(),
    vin: z
      .string()
      .regex(/^[A-HJ-NPR-Z0-9]{17}$/, 'VIN: 17 of A-Z (no I, O, Q) and 0-9')
      .optional(),
    engineNo: z.string().min(1).max(32).optional(),
    stage: z.strictObject({ stage: z.enum(EMISSION_STAGES), source: z.enum(EVIDENCE_SOURCES) }).optional(),
    inventoryList: objectRefSchema.optional(),
    drivingLicence: objectRefSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'give at least one field');
export type UpsertInPlantVehicleCommand = z.infer<typeof upsertInPlantVehicleSchema> & {
  readonly actor: string;
};

export type InPlantVehicleView = Omit<InPlantVehicleEntity, 'enterpriseId'>;

const view = ({ enterpriseId: _tenant, ...row }: InPlantVehicleEntity): InPlantVehicleView => row;

/** Ledger B: the enterprise's in-plant vehicles, scored by the domain's completeness, audited. */
export class InPlantVehicleService {
  constructor(private readonly dataSource: DataSource) {}

  private repository(manager = this.dataSource.manager) {
    return TenantRepository.of(manager, InPlantVehicleEntity);
  }

  async list(enterpriseId: EnterpriseId): Promise<InPlantVehicleView[]> {
    return (await this.repository().find(enterpriseId, { order: { number: 'ASC' }, take: 1000 })).map(view);
  }

  async get(enterpriseId: EnterpriseId, number: string): Promise<InPlantVehicleView> {
    const row = await this.repository().findOne(enterpriseId, { number });
    if (!row) throw new LedgerException('in-plant-vehicle-not-found', `no in-plant vehicle ${number}`);
    return view(row);
  }

  async upsert(
    enterpriseId: EnterpriseId,
    number: string,
    command: UpsertInPlantVehicleCommand,
  ): Promise<InPlantVehicleView> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${enterpriseId}|in-plant|${number}`]);
      const repository = this.repository(tx);
      const before = await repository.findOne(enterpriseId, { number });
      const values = {
        registrationDate: command.registrationDate ?? before?.registrationDate ?? null,
        vin: command.vin ?? before?.vin ?? null,
        engineNo: command.engineNo ?? before?.engineNo ?? null,
        emissionStage: command.stage?.stage ?? before?.emissionStage ?? null,
        stageSource: command.stage?.source ?? before?.stageSource ?? null,
        inventoryList: command.inventoryList ?? before?.inventoryList ?? null,
        drivingLicence: command.drivingLicence ?? before?.drivingLicence ?? null,
      };
      const completeness = inPlantCompleteness({
        registrationOrInternalNumber: number,
        ...(values.registrationDate ? { registrationDate: values.registrationDate } : {}),
        ...(values.vin ? { vin: values.vin } : {}),
        ...(values.engineNo ? { engineNumber: values.engineNo } : {}),
        ...(values.emissionStage ? { emissionStage: values.emissionStage } : {}),
        ...(values.inventoryList ? { environmentalListImage: values.inventoryList.key } : {}),
        ...(values.drivingLicence ? { vehicleLicenceImage: values.drivingLicence.key } : {}),
      });
      const row = {
        ...values,
        completeness: completeness.score,
        missingFields: [...completeness.missing],
        updatedAt: new Date(),
      };
      if (before) await repository.update(enterpriseId, { id: before.id }, row);
      else await repository.insert(enterpriseId, { id: randomUUID(), number, ...row });
      await audit(tx, enterpriseId, {
        actor: command.actor,
        entityType: 'in-plant-vehicle',
        entityId: number,
        action: before ? 'update' : 'create',
        before: before ?? null,
        after: { number, ...row },
      });
    });
    return this.get(enterpriseId, number);
  }
}
