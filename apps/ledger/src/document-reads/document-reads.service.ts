import { randomUUID } from 'node:crypto';
import { type ObjectRef } from '@ecogate/contracts';
import {
  EMISSION_STAGE_LABELS,
  FUELS,
  inferStage,
  isFuel,
  isIsoDate,
  isVehicleCategory,
  VEHICLE_CATEGORIES,
} from '@ecogate/domain';
import {
  type DataSource,
  type EnterpriseId,
  type EntityManager,
  TenantRepository,
} from '@ecogate/persistence';
import { z } from 'zod';
import { audit } from '../audit/audit';
import { chainRecord } from '../chain/append-to-chain';
import { LedgerException } from '../errors/ledger.exception';
import { addStageEvidence, type AddedStageEvidence, lockPlate } from '../vehicle/add-stage-evidence';
import { type VehicleEntity } from '../vehicle/vehicle.entity';
import { queueStageLookup } from '../stage-lookup/queue-stage-lookup';
import { VehicleRepository } from '../vehicle/vehicle.repository';
import { type DocumentKind } from '../vehicle-documents/vehicle-documents.service';
import { upsertVehicleSchema } from '../vehicle-registry/vehicle-registry.service';
import { queueDocumentRead } from './queue-document-read';
import { inventoryListOutcome } from './read-outcome';
import { DOCUMENT_READ_STATES, VehicleDocumentReadEntity } from './vehicle-document-read.entity';

/** Shown on a queued read while the ledger has no plate recognition to send it to. */
export const NOT_CONFIGURED = 'plate recognition not configured (PLATE_RECOGNITION_URL): the read waits';

export const documentReadsQuery = z.strictObject({
  batchId: z.uuid().optional(),
  plate: z.string().trim().min(1).max(16).optional(),
  state: z.enum(DOCUMENT_READ_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type DocumentReadsQuery = z.infer<typeof documentReadsQuery>;

const vin = upsertVehicleSchema.shape.vin.unwrap();

/** A person's confirmation or correction of a read: given fields win over what was read. */
export const confirmDocumentReadSchema = z.strictObject({
  vin: vin.optional(),
  registrationDate: z.iso.date().optional(),
  category: z.enum(VEHICLE_CATEGORIES).optional(),
  fuel: z.enum(FUELS).optional(),
  note: z.string().trim().min(1).max(500).optional(),
});
export type ConfirmDocumentRead = z.infer<typeof confirmDocumentReadSchema>;

export type DocumentReadView = Omit<VehicleDocumentReadEntity, 'enterpriseId' | 'dueAt'> & {
  /** When a queued read is next tried. */
  readonly nextTryAt: Date | null;
};

export interface DocumentReadsPage {
  /** Reads no longer queued, of all the reads the filter matches (a backfill's `batchId`: its progress). */
  readonly progress: { readonly done: number; readonly total: number };
  readonly items: DocumentReadView[];
}

type VehicleFields = Pick<VehicleEntity, 'vin' | 'registrationDate' | 'category' | 'fuel'>;

/**
 * Vehicle documents read by plate recognition: the enterprise's backfill, the reads with their
 * progress, and a person's confirmation of a read left for them (a 行驶证's fields, a 随车清单's
 * suggested VIN), which writes the vehicle and the evidence the confirmed fields now give.
 */
export class DocumentReadsService {
  constructor(
    private readonly dataSource: DataSource,
    /** Whether the ledger reaches plate recognition; if not, queued reads say so. */
    private readonly readerConfigured: boolean,
  ) {}

  /** Queues a read of every stored document of the enterprise not read (nor queued) yet. */
  async backfill(enterpriseId: EnterpriseId, actor: string): Promise<{ batchId: string; queued: number }> {
    const batchId = randomUUID();
    const queued = await this.dataSource.transaction(async (tx) => {
      const unread = (await tx.query(
        `SELECT v."id", v."plate", d."kind", d."document"
           FROM "vehicles" v
           CROSS JOIN LATERAL (VALUES ('inventory-list', v."inventory_list"), ('driving-licence', v."driving_licence"))
                AS d("kind", "document")
          WHERE v."enterprise_id" = $1 AND d."document" IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM "vehicle_document_reads" r
                             WHERE r."enterprise_id" = v."enterprise_id" AND r."vehicle_id" = v."id"
                               AND r."kind" = d."kind" AND r."document" ->> 'sha256' = d."document" ->> 'sha256')
          ORDER BY v."plate", d."kind"`,
        [enterpriseId],
      )) as { id: string; plate: string; kind: DocumentKind; document: ObjectRef }[];
      let count = 0;
      for (const row of unread) {
        const read = await queueDocumentRead(
          tx,
          enterpriseId,
          { vehicle: { id: row.id, plate: row.plate }, kind: row.kind, document: row.document },
          actor,
          batchId,
        );
        if (read) count += 1;
      }
      return count;
    });
    return { batchId, queued };
  }

  async list(enterpriseId: EnterpriseId, query: DocumentReadsQuery): Promise<DocumentReadsPage> {
    const filtered = () => {
      const builder = TenantRepository.of(this.dataSource, VehicleDocumentReadEntity).scopedQueryBuilder(
        enterpriseId,
        'r',
      );
      if (query.batchId) builder.andWhere('r.batchId = :batchId', { batchId: query.batchId });
      if (query.plate) builder.andWhere('r.plate = :plate', { plate: query.plate });
      if (query.state) builder.andWhere('r.state = :state', { state: query.state });
      return builder;
    };
    const [counts, rows] = await Promise.all([
      filtered()
        .select('count(*)', 'total')
        .addSelect(`count(*) FILTER (WHERE r.state <> 'queued')`, 'done')
        .getRawOne<{ total: string; done: string }>(),
      filtered().orderBy('r.createdAt', 'DESC').addOrderBy('r.id', 'DESC').take(query.limit).getMany(),
    ]);
    return {
      progress: { done: Number(counts?.done ?? 0), total: Number(counts?.total ?? 0) },
      items: rows.map((row) => this.view(row)),
    };
  }

  async get(enterpriseId: EnterpriseId, id: string): Promise<DocumentReadView> {
    return this.view(await this.find(this.dataSource.manager, enterpriseId, id));
  }

  /**
   * A person confirms or corrects a read left for them. The fields (given, else read) are written
   * to the vehicle; a 随车清单 whose VIN now matches becomes `document` evidence, a vehicle whose
   * category, fuel and registration date are now known gets the conservative inference as
   * `inferred` evidence. Audited; the read becomes `confirmed`.
   */
  async confirm(
    enterpriseId: EnterpriseId,
    id: string,
    command: ConfirmDocumentRead,
    actor: string,
  ): Promise<DocumentReadView> {
    const { plate } = await this.find(this.dataSource.manager, enterpriseId, id);
    await this.dataSource.transaction(async (tx) => {
      await lockPlate(tx, enterpriseId, plate);
      const read = await this.find(tx, enterpriseId, id);
      if (read.state !== 'needs-person') {
        throw new LedgerException(
          'document-read-not-awaiting',
          `read ${id} is ${read.state}: only a read left for a person is confirmed`,
        );
      }
      const vehicles = new VehicleRepository(tx);
      const vehicle = await vehicles.findOne(enterpriseId, { id: read.vehicleId });
      if (!vehicle) throw new LedgerException('vehicle-not-found', `no vehicle ${plate}`);
      const changes = changedFields(vehicle, confirmedFields(read, command));
      const now = new Date();
      if (Object.keys(changes).length > 0) {
        await vehicles.update(enterpriseId, { id: vehicle.id }, { ...changes, updatedAt: now });
        await chainRecord(tx, enterpriseId, 'vehicle-revised', { table: 'vehicles', id: vehicle.id });
        // A VIN confirmed from the licence is a key the city's source can be asked by, as when typed.
        if (changes.vin) await queueStageLookup(tx, enterpriseId, vehicle.id, 'key-set', now);
      }
      const { added, reason } = await this.evidenceOf(
        tx,
        enterpriseId,
        read,
        { ...vehicle, ...changes },
        actor,
      );
      await TenantRepository.of(tx, VehicleDocumentReadEntity).update(
        enterpriseId,
        { id },
        {
          state: 'confirmed',
          confirmedBy: actor,
          confirmedAt: now,
          reason,
          evidenceId: added?.evidence.id ?? null,
        },
      );
      await audit(tx, enterpriseId, {
        actor,
        entityType: 'vehicle',
        entityId: plate,
        action: 'confirm-document-read',
        before: pickFields(vehicle),
        after: {
          documentReadId: id,
          kind: read.kind,
          changes,
          ...(command.note ? { note: command.note } : {}),
          ...(added ? { addedEvidence: { stage: added.evidence.stage, source: added.evidence.source } } : {}),
          ...(added && added.published.length > 0 ? { publishedPendingPassages: added.published } : {}),
        },
      });
    });
    return this.get(enterpriseId, id);
  }

  /** The evidence the confirmed vehicle now has from this read, and what the read says of it. */
  private async evidenceOf(
    tx: EntityManager,
    enterpriseId: EnterpriseId,
    read: VehicleDocumentReadEntity,
    vehicle: VehicleEntity,
    actor: string,
  ): Promise<{ added?: AddedStageEvidence; reason: string }> {
    if (read.result?.kind === 'inventory-list') {
      const outcome = inventoryListOutcome(read.result, vehicle.vin);
      if (outcome.state !== 'read') return { reason: `confirmed; no evidence: ${outcome.reason}` };
      const added = await addStageEvidence(
        tx,
        enterpriseId,
        vehicle,
        { stage: outcome.stage, source: 'document', confirmedBy: null },
        actor,
      );
      return { added, reason: `confirmed: ${outcome.reason}` };
    }
    const { category, fuel, registrationDate } = vehicle;
    if (!isVehicleCategory(category) || !isFuel(fuel) || !isIsoDate(registrationDate)) {
      return {
        reason: 'confirmed; no stage inferred: the vehicle needs its category, fuel and registration date',
      };
    }
    const inferred = inferStage({ category, fuel, registrationDate, at: new Date() });
    if (!inferred.ok) return { reason: `confirmed; no stage inferred: ${inferred.error.reason}` };
    // As any inference: unconfirmed, so it may deny but never grant during an alert (domain.md §3).
    const added = await addStageEvidence(
      tx,
      enterpriseId,
      vehicle,
      { stage: inferred.value.stage, source: 'inferred', confirmedBy: null },
      actor,
    );
    return {
      added,
      reason: `confirmed: inferred at least ${EMISSION_STAGE_LABELS[inferred.value.stage].zh}`,
    };
  }

  private async find(manager: EntityManager, enterpriseId: EnterpriseId, id: string) {
    const read = await TenantRepository.of(manager, VehicleDocumentReadEntity).findOne(enterpriseId, { id });
    if (!read) throw new LedgerException('document-read-not-found', `no document read ${id}`);
    return read;
  }

  private view(row: VehicleDocumentReadEntity): DocumentReadView {
    const { enterpriseId: _tenant, dueAt, ...read } = row;
    const waiting = row.state === 'queued';
    return {
      ...read,
      reason: waiting && !this.readerConfigured ? (row.reason ?? NOT_CONFIGURED) : row.reason,
      nextTryAt: waiting ? dueAt : null,
    };
  }
}

/** The fields a confirmation writes: the person's, else what the read found (when it is well-formed). */
function confirmedFields(
  read: VehicleDocumentReadEntity,
  command: ConfirmDocumentRead,
): Partial<VehicleFields> {
  const result = read.result;
  const readVin =
    result?.kind === 'inventory-list' ? (result.found ? result.vin : undefined) : result?.fields.vin?.value;
  const readDate = result?.kind === 'driving-licence' ? result.fields.registrationDate?.value : undefined;
  const fields: Partial<VehicleFields> = {};
  const vinValue = command.vin ?? readVin?.trim().toUpperCase();
  if (vinValue !== undefined) {
    if (!vin.safeParse(vinValue).success) {
      throw new LedgerException(
        'invalid-vin',
        `the read VIN "${vinValue}" is not a VIN: give the right one as vin`,
      );
    }
    fields.vin = vinValue;
  }
  const date = command.registrationDate ?? readDate;
  if (date !== undefined) {
    if (!isIsoDate(date)) {
      throw new LedgerException(
        'invalid-registration-date',
        `the read registration date "${date}" is not yyyy-MM-dd: give the right one as registrationDate`,
      );
    }
    fields.registrationDate = date;
  }
  if (command.category) fields.category = command.category;
  if (command.fuel) fields.fuel = command.fuel;
  return fields;
}

const pickFields = (vehicle: VehicleEntity): VehicleFields => ({
  vin: vehicle.vin,
  registrationDate: vehicle.registrationDate,
  category: vehicle.category,
  fuel: vehicle.fuel,
});

function changedFields(vehicle: VehicleEntity, fields: Partial<VehicleFields>): Partial<VehicleFields> {
  const current = pickFields(vehicle);
  return Object.fromEntries(
    Object.entries(fields).filter(([key, value]) => current[key as keyof VehicleFields] !== value),
  ) as Partial<VehicleFields>;
}
