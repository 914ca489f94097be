import { type ObjectRef } from '@ecogate/contracts';
import {
  type DataSource,
  type EnterpriseId,
  parseEnterpriseId,
  TenantRepository,
} from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { type Logger, meter } from '@ecogate/telemetry';
import { audit } from '../audit/audit';
import { DueRowFollower, type FollowerPacing, retryDelayMs } from '../due-work/due-row-follower';
import { addStageEvidence, lockPlate } from '../vehicle/add-stage-evidence';
import { VehicleRepository } from '../vehicle/vehicle.repository';
import {
  type DocumentReader,
  DocumentReaderUnavailableError,
  type DocumentReadResult,
} from './document-reader.client';
import { drivingLicenceOutcome, inventoryListOutcome } from './read-outcome';
import { VehicleDocumentReadEntity } from './vehicle-document-read.entity';

export const DEFAULT_DOCUMENT_READ_PACING: FollowerPacing = {
  intervalMs: 2_000,
  batch: 5,
  retryMs: 5_000,
  maxRetryMs: 5 * 60_000,
  // Longer than a read may take (LEDGER_DOCUMENT_READ_TIMEOUT_MS) times a batch.
  leaseMs: 10 * 60_000,
};

/** Who wrote evidence that came from a read, in the audit log and the review. */
export const DOCUMENT_READER_ACTOR = 'ledger:document-read';

interface DueRead {
  readonly id: string;
  readonly enterprise_id: string;
  readonly vehicle_id: string;
  readonly plate: string;
  readonly kind: 'inventory-list' | 'driving-licence';
  readonly document: ObjectRef;
  readonly attempts: number;
}

const reads = meter('ledger').createCounter('ledger_document_reads_total', {
  description: 'vehicle documents read by plate recognition, by kind and outcome',
});

/**
 * Sends each queued document's bytes to plate recognition and records what the answer becomes
 * (`read-outcome.ts`): stage evidence of source `document` through the common evidence write, or
 * a person's task. Plate recognition down, slow or refusing is a dependency, not the document's
 * fault: the read stays queued, is tried again with a capped back-off, and shows why it waits.
 */
export class DocumentReadFollower extends DueRowFollower<DueRead> {
  constructor(
    dataSource: DataSource,
    private readonly storage: Pick<ObjectStorage, 'get'>,
    private readonly reader: DocumentReader,
    log: Logger,
    pacing: FollowerPacing = DEFAULT_DOCUMENT_READ_PACING,
    now: () => Date = () => new Date(),
  ) {
    super(
      dataSource,
      {
        table: 'vehicle_document_reads',
        id: 'id',
        dueColumn: 'due_at',
        pending: `"state" = 'queued'`,
        returning: ['id', 'enterprise_id', 'vehicle_id', 'plate', 'kind', 'document', 'attempts'],
      },
      pacing,
      log,
      now,
    );
  }

  protected async advance(due: DueRead): Promise<void> {
    const enterpriseId = parseEnterpriseId(due.enterprise_id);
    let result: DocumentReadResult;
    try {
      const photo = await this.bytesOf(due.document);
      result = await this.reader.read(due.kind, photo, due.document.contentType);
    } catch (caught) {
      await this.retry(enterpriseId, due, caught);
      return;
    }
    await this.record(enterpriseId, due, result);
  }

  private async retry(enterpriseId: EnterpriseId, due: DueRead, caught: unknown): Promise<void> {
    const attempts = due.attempts + 1;
    const message = caught instanceof Error ? caught.message : String(caught);
    const unavailable = caught instanceof DocumentReaderUnavailableError;
    this.log.warn(
      { readId: due.id, enterpriseId, attempts, err: caught },
      unavailable
        ? 'plate recognition unavailable for a document read: retried'
        : 'document read failed: retried',
    );
    await TenantRepository.of(this.dataSource, VehicleDocumentReadEntity).update(
      enterpriseId,
      { id: due.id, state: 'queued' },
      {
        attempts,
        reason: unavailable
          ? `plate recognition unavailable (retrying): ${message}`
          : `the stored document could not be read (retrying): ${message}`,
        dueAt: new Date(this.now().getTime() + retryDelayMs(attempts, this.pacing)),
      },
    );
  }

  /** The answer becomes evidence or a person's task, under the plate's lock (as every vehicle write). */
  private async record(enterpriseId: EnterpriseId, due: DueRead, result: DocumentReadResult): Promise<void> {
    const outcome = await this.dataSource.transaction(async (tx) => {
      await lockPlate(tx, enterpriseId, due.plate);
      const repository = TenantRepository.of(tx, VehicleDocumentReadEntity);
      const read = await repository.findOne(enterpriseId, { id: due.id });
      // Another replica recorded it after this one's lease ran out.
      if (read?.state !== 'queued') return undefined;
      const vehicle = await new VehicleRepository(tx).findOne(enterpriseId, { id: due.vehicle_id });
      if (!vehicle) throw new Error(`vehicle ${due.vehicle_id} of read ${due.id} is gone`);
      const outcome =
        result.kind === 'inventory-list'
          ? inventoryListOutcome(result, vehicle.vin)
          : drivingLicenceOutcome(result, vehicle.vin);
      const added =
        outcome.state === 'read'
          ? await addStageEvidence(
              tx,
              enterpriseId,
              vehicle,
              { stage: outcome.stage, source: 'document', confirmedBy: null },
              DOCUMENT_READER_ACTOR,
              this.now(),
            )
          : undefined;
      const change = {
        state: outcome.state,
        outcome: outcome.outcome,
        reason: outcome.reason,
        result,
        evidenceId: added?.evidence.id ?? null,
        attempts: 0,
        dueAt: null,
        readAt: this.now(),
      };
      await repository.update(enterpriseId, { id: due.id }, change);
      if (added) {
        await audit(tx, enterpriseId, {
          actor: DOCUMENT_READER_ACTOR,
          entityType: 'vehicle',
          entityId: due.plate,
          action: 'document-evidence',
          before: null,
          after: {
            documentReadId: due.id,
            document: due.document,
            stage: added.evidence.stage,
            source: added.evidence.source,
            ...(added.published.length > 0 ? { publishedPendingPassages: added.published } : {}),
          },
        });
      }
      return outcome.outcome;
    });
    if (outcome) reads.add(1, { kind: due.kind, outcome });
  }

  private async bytesOf(document: ObjectRef): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.storage.get(document.bucket, document.key)) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
    }
    return Buffer.concat(chunks);
  }
}
