import { randomUUID } from 'node:crypto';
import { objectRefSchema } from '@ecogate/contracts';
import {
  EMISSION_STAGES,
  EVIDENCE_SOURCES,
  type EmissionStage,
  type EvidenceSource,
  FUELS,
  isFuel,
  machineryCompleteness,
  NON_ROAD_MACHINERY_CATEGORIES,
  stageFromNrmmDisclosureNumber,
} from '@ecogate/domain';
import { type DataSource, type EnterpriseId, TenantRepository } from '@ecogate/persistence';
import { z } from 'zod';
import { audit } from '../audit/audit';
import { LedgerException } from '../errors/ledger.exception';
import { MachineryEntity } from './machinery.entity';

export const registrationCodeParam = z.string().trim().min(1).max(32);

/** Fields are kept when omitted. A disclosure number gives the stage (source `document`). */
export const upsertMachinerySchema = z
  .strictObject({
    disclosureNumber: z.string().trim().length(24).optional(),
    productionDate: z.iso.date().optional(),
    stage: z.strictObject({ stage: z.enum(EMISSION_STAGES), source: z.enum(EVIDENCE_SOURCES) }).optional(),
    machineCode: z.string().trim().min(1).max(64).optional(),
    machineType: z.enum(NON_ROAD_MACHINERY_CATEGORIES).optional(),
    fuel: z.enum(FUELS).optional(),
    owner: z.string().trim().min(1).max(100).optional(),
    engineNameplate: objectRefSchema.optional(),
    machineNameplate: objectRefSchema.optional(),
    environmentalLabel: objectRefSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'give at least one field');
export type UpsertMachineryCommand = z.infer<typeof upsertMachinerySchema> & { readonly actor: string };

export type MachineryView = Omit<MachineryEntity, 'enterpriseId'>;

const view = ({ enterpriseId: _tenant, ...row }: MachineryEntity): MachineryView => row;

/** The stage a filing states: a disclosure number's stage, which an explicit stage must agree with. */
function statedStage(
  command: UpsertMachineryCommand,
): { stage: EmissionStage; source: EvidenceSource } | undefined {
  if (!command.disclosureNumber) return command.stage;
  const fromNumber = stageFromNrmmDisclosureNumber(command.disclosureNumber);
  if (!fromNumber.ok) throw new LedgerException('invalid-request', fromNumber.error.reason);
  if (command.stage && command.stage.stage !== fromNumber.value) {
    throw new LedgerException(
      'invalid-request',
      `stage ${command.stage.stage} contradicts the disclosure number's ${fromNumber.value}`,
    );
  }
  return command.stage ?? { stage: fromNumber.value, source: 'document' };
}

/** Ledger C: the enterprise's non-road mobile machinery, scored by the domain's completeness, audited. */
export class MachineryService {
  constructor(private readonly dataSource: DataSource) {}

  private repository(manager = this.dataSource.manager) {
    return TenantRepository.of(manager, MachineryEntity);
  }

  async list(enterpriseId: EnterpriseId): Promise<MachineryView[]> {
    return (
      await this.repository().find(enterpriseId, { order: { registrationCode: 'ASC' }, take: 1000 })
    ).map(view);
  }

  async get(enterpriseId: EnterpriseId, code: string): Promise<MachineryView> {
    const row = await this.repository().findOne(enterpriseId, { registrationCode: code });
    if (!row) throw new LedgerException('machinery-not-found', `no machine ${code}`);
    return view(row);
  }

  async upsert(
    enterpriseId: EnterpriseId,
    code: string,
    command: UpsertMachineryCommand,
  ): Promise<MachineryView> {
    const stage = statedStage(command);
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${enterpriseId}|machinery|${code}`]);
      const repository = this.repository(tx);
      const before = await repository.findOne(enterpriseId, { registrationCode: code });
      const values = {
        disclosureNumber: command.disclosureNumber?.toUpperCase() ?? before?.disclosureNumber ?? null,
        productionDate: command.productionDate ?? before?.productionDate ?? null,
        emissionStage: stage?.stage ?? before?.emissionStage ?? null,
        stageSource: stage?.source ?? before?.stageSource ?? null,
        machineCode: command.machineCode ?? before?.machineCode ?? null,
        machineType: command.machineType ?? before?.machineType ?? null,
        fuel: command.fuel ?? before?.fuel ?? null,
        owner: command.owner ?? before?.owner ?? null,
        engineNameplate: command.engineNameplate ?? before?.engineNameplate ?? null,
        machineNameplate: command.machineNameplate ?? before?.machineNameplate ?? null,
        environmentalLabel: command.environmentalLabel ?? before?.environmentalLabel ?? null,
      };
      const machineType = NON_ROAD_MACHINERY_CATEGORIES.find((category) => category === values.machineType);
      const completeness = machineryCompleteness({
        environmentalRegistrationCode: code,
        ...(values.productionDate ? { productionDate: values.productionDate } : {}),
        ...(values.emissionStage ? { emissionStage: values.emissionStage } : {}),
        ...(values.machineCode ? { machineCode: values.machineCode } : {}),
        ...(values.engineNameplate ? { engineNameplateImage: values.engineNameplate.key } : {}),
        ...(values.machineNameplate ? { machineNameplateImage: values.machineNameplate.key } : {}),
        ...(values.environmentalLabel ? { environmentalLabelImage: values.environmentalLabel.key } : {}),
        ...(machineType ? { machineType } : {}),
        ...(values.fuel && isFuel(values.fuel) ? { fuel: values.fuel } : {}),
        ...(values.owner ? { owner: values.owner } : {}),
      });
      const row = {
        ...values,
        completeness: completeness.score,
        missingFields: [...completeness.missing],
        updatedAt: new Date(),
      };
      if (before) await repository.update(enterpriseId, { id: before.id }, row);
      else await repository.insert(enterpriseId, { id: randomUUID(), registrationCode: code, ...row });
      await audit(tx, enterpriseId, {
        actor: command.actor,
        entityType: 'machinery',
        entityId: code,
        action: before ? 'update' : 'create',
        before: before ?? null,
        after: { registrationCode: code, ...row },
      });
    });
    return this.get(enterpriseId, code);
  }
}
