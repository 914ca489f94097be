import { type EnterpriseRegisteredV1 } from '@ecogate/contracts';
import { buildEnvelope } from '@ecogate/messaging';
import { type EntityManager, OutboxWriter } from '@ecogate/persistence';
import { type Enterprise } from './enterprise';

export const ENTERPRISE_TOPIC = 'gateway.enterprise.registered.v1';

export type EnterpriseChange = EnterpriseRegisteredV1['change'];

export function enterprisePayload(enterprise: Enterprise, change: EnterpriseChange): EnterpriseRegisteredV1 {
  return {
    enterpriseId: enterprise.id,
    creditCode: enterprise.creditCode,
    name: enterprise.name,
    industry: enterprise.industry,
    districtCode: enterprise.districtCode,
    performanceClass: enterprise.performanceClass,
    retention: { ...enterprise.retention },
    active: enterprise.active,
    change,
    revision: enterprise.revision,
    changedAt: enterprise.changedAt.toISOString(),
  };
}

const writer = new OutboxWriter();

/**
 * Adds the full record to the outbox in the caller's transaction: the event exists if and only if
 * the change committed. Keyed by enterprise, so consumers see one enterprise's changes in order.
 */
export async function addEnterpriseEvent(
  tx: EntityManager,
  enterprise: Enterprise,
  change: EnterpriseChange,
): Promise<void> {
  const envelope = buildEnvelope(ENTERPRISE_TOPIC, {
    enterpriseId: enterprise.id,
    key: enterprise.id,
    payload: enterprisePayload(enterprise, change),
    occurredAt: enterprise.changedAt,
  });
  await writer.add(tx, { topic: ENTERPRISE_TOPIC, key: enterprise.id, payload: envelope });
}
