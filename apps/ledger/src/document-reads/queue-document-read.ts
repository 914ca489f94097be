import { randomUUID } from 'node:crypto';
import { type ObjectRef } from '@ecogate/contracts';
import { type EnterpriseId, type EntityManager, TenantRepository } from '@ecogate/persistence';
import { type DocumentKind } from '../vehicle-documents/vehicle-documents.service';
import { PDF_OUTCOME } from './read-outcome';
import { VehicleDocumentReadEntity } from './vehicle-document-read.entity';

export interface DocumentToRead {
  readonly vehicle: { readonly id: string; readonly plate: string };
  readonly kind: DocumentKind;
  readonly document: ObjectRef;
}

/**
 * Queues a read of a stored document in the caller's transaction (an upload, a backfill). The
 * same document already waiting is not queued twice; a PDF is never sent (the readers take
 * photos) and is left for a person at once, with the reason.
 */
export async function queueDocumentRead(
  tx: EntityManager,
  enterpriseId: EnterpriseId,
  target: DocumentToRead,
  requestedBy: string,
  batchId: string | null = null,
  now: Date = new Date(),
): Promise<VehicleDocumentReadEntity | undefined> {
  const reads = TenantRepository.of(tx, VehicleDocumentReadEntity);
  const waiting = await reads
    .scopedQueryBuilder(enterpriseId, 'r')
    .andWhere('r.vehicleId = :vehicleId AND r.kind = :kind AND r.state = :state', {
      vehicleId: target.vehicle.id,
      kind: target.kind,
      state: 'queued',
    })
    .andWhere(`r.document ->> 'sha256' = :sha256`, { sha256: target.document.sha256 })
    .getExists();
  if (waiting) return undefined;
  const pdf = target.document.contentType === 'application/pdf';
  const read: VehicleDocumentReadEntity = {
    id: randomUUID(),
    enterpriseId,
    vehicleId: target.vehicle.id,
    plate: target.vehicle.plate,
    kind: target.kind,
    document: target.document,
    state: pdf ? PDF_OUTCOME.state : 'queued',
    outcome: pdf ? PDF_OUTCOME.outcome : null,
    reason: pdf ? PDF_OUTCOME.reason : null,
    result: null,
    evidenceId: null,
    attempts: 0,
    dueAt: pdf ? null : now,
    batchId,
    requestedBy,
    createdAt: now,
    readAt: pdf ? now : null,
    confirmedBy: null,
    confirmedAt: null,
  };
  const { enterpriseId: _tenant, ...row } = read;
  await reads.insert(enterpriseId, row);
  return read;
}
