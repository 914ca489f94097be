import { randomUUID } from 'node:crypto';
import { type EmergencyPlan, validateEmergencyPlan } from '@ecogate/domain';
import { type DataSource, type EnterpriseId, TenantRepository } from '@ecogate/persistence';
import { audit } from '../audit/audit';
import { LedgerException } from '../errors/ledger.exception';
import { type EmergencyPlanBody } from '@ecogate/contracts';
import { EmergencyPlanEntity } from './emergency-plan.entity';

export type FileEmergencyPlanCommand = EmergencyPlanBody & { readonly actor: string };

/** The plan in force with its filing; `plan` is the domain's shape (dates as ISO strings in JSON). */
export interface EmergencyPlanView {
  readonly revision: number;
  readonly filedBy: string;
  readonly filedAt: Date;
  readonly plan: EmergencyPlan;
}

/**
 * Files and reads an enterprise's emergency plan. Each PUT adds a revision (the latest is in
 * force, earlier ones stay for inspectors), validated by the domain's rules and audited.
 */
export class EmergencyPlanService {
  constructor(private readonly dataSource: DataSource) {}

  async current(enterpriseId: EnterpriseId): Promise<EmergencyPlanView> {
    const latest = await latestPlan(TenantRepository.of(this.dataSource, EmergencyPlanEntity), enterpriseId);
    if (!latest) throw new LedgerException('emergency-plan-not-found', 'no emergency plan filed');
    return toView(latest);
  }

  async file(enterpriseId: EnterpriseId, command: FileEmergencyPlanCommand): Promise<EmergencyPlanView> {
    const { expectedRevision, actor, ...body } = command;
    const plan: EmergencyPlan = { enterpriseId, ...body };
    const checked = validateEmergencyPlan(plan);
    if (!checked.ok) {
      throw new LedgerException('invalid-plan', checked.error.map((problem) => problem.reason).join('; '));
    }
    return this.dataSource.transaction(async (tx) => {
      // Serialises filings of one enterprise, so revisions are dense and expectedRevision is exact.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${enterpriseId}|emergency-plan`]);
      const plans = TenantRepository.of(tx, EmergencyPlanEntity);
      const before = await latestPlan(plans, enterpriseId);
      const revision = before?.revision ?? 0;
      if (expectedRevision !== undefined && expectedRevision !== revision) {
        throw new LedgerException(
          'revision-conflict',
          `emergency plan is at revision ${revision}, not ${expectedRevision}`,
        );
      }
      const row = {
        id: randomUUID(),
        revision: revision + 1,
        plan: JSON.parse(JSON.stringify(plan)) as object,
        filedBy: actor,
        filedAt: new Date(),
      };
      await plans.insert(enterpriseId, row);
      await audit(tx, enterpriseId, {
        actor,
        entityType: 'emergency-plan',
        entityId: enterpriseId,
        action: before ? 'revise' : 'file',
        before: before ? { revision: before.revision, plan: before.plan } : null,
        after: { revision: row.revision, plan: row.plan },
      });
      return toView({ ...row, enterpriseId });
    });
  }
}

async function latestPlan(
  plans: TenantRepository<EmergencyPlanEntity>,
  enterpriseId: EnterpriseId,
): Promise<EmergencyPlanEntity | undefined> {
  const [latest] = await plans.find(enterpriseId, { order: { revision: 'DESC' }, take: 1 });
  return latest;
}

const toView = (row: EmergencyPlanEntity): EmergencyPlanView => ({
  revision: row.revision,
  filedBy: row.filedBy,
  filedAt: row.filedAt,
  plan: row.plan as EmergencyPlan,
});
