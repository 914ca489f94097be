import { createHash } from 'node:crypto';
import { type ObjectRef } from '@ecogate/contracts';
import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { objectKey, type ObjectStorage } from '@ecogate/storage';
import { meter } from '@ecogate/telemetry';
import { audit } from '../audit/audit';
import { LedgerException } from '../errors/ledger.exception';
import { chainRecord } from '../chain/append-to-chain';
import { VehicleRepository } from '../vehicle/vehicle.repository';
import { DOCUMENT_TYPES, sniffDocumentType } from './document-signature';
import { queueDocumentRead } from '../document-reads/queue-document-read';

/** 随车清单 (environmental information list) and 行驶证 (vehicle licence), as the path names them. */
export const DOCUMENT_KINDS = ['inventory-list', 'driving-licence'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const COLUMN = { 'inventory-list': 'inventoryList', 'driving-licence': 'drivingLicence' } as const;
/** Vehicles belong to the enterprise, not a site: their objects sit under this pseudo-site. */
export const REGISTRY_SITE = 'vehicle-registry';

export interface VehicleDocumentSettings {
  readonly bucket: string;
  readonly urlTtlSeconds: number;
}

export interface DocumentLink {
  readonly document: ObjectRef;
  readonly url: string;
  readonly expiresAt: Date;
}

const stored = meter('ledger').createCounter('ledger_vehicle_documents_stored_total', {
  description: 'vehicle documents (随车清单 / 行驶证) stored',
});

/**
 * Attaches a document image or scan to a registered vehicle: the signature decides the type, the
 * bytes go to object storage under the enterprise's prefix keyed by their SHA-256, and the
 * vehicle row points at them (audited). The upload comes first: a failed database write leaves
 * at most an unreferenced object that the same bytes would reuse.
 */
export class VehicleDocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: ObjectStorage,
    private readonly settings: VehicleDocumentSettings,
  ) {}

  async attach(
    enterpriseId: EnterpriseId,
    plate: string,
    kind: DocumentKind,
    bytes: Buffer,
    actor: string,
  ): Promise<ObjectRef> {
    const contentType = sniffDocumentType(bytes);
    if (!contentType) {
      throw new LedgerException('unsupported-document-type', 'a document must be a JPEG, PNG or PDF file');
    }
    const vehicles = new VehicleRepository(this.dataSource.manager);
    if (!(await vehicles.exists(enterpriseId, { plate }))) {
      throw new LedgerException('vehicle-not-found', `no vehicle ${plate}`);
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = objectKey({
      enterpriseId,
      siteId: REGISTRY_SITE,
      date: new Date(),
      kind: kind === 'inventory-list' ? 'inventory-list' : 'vehicle-licence',
      sha256,
      ext: DOCUMENT_TYPES[contentType].ext,
    });
    await this.storage.put(this.settings.bucket, key, bytes, {
      contentType,
      size: bytes.length,
      metadata: { 'enterprise-id': enterpriseId, 'document-kind': kind },
    });
    const document: ObjectRef = {
      bucket: this.settings.bucket,
      key,
      sha256,
      contentType,
      bytes: bytes.length,
    };
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${enterpriseId}|${plate}`]);
      const repository = new VehicleRepository(tx);
      const before = await repository.findOne(enterpriseId, { plate });
      if (!before) throw new LedgerException('vehicle-not-found', `no vehicle ${plate}`);
      await repository.update(
        enterpriseId,
        { id: before.id },
        { [COLUMN[kind]]: document, updatedAt: new Date() },
      );
      await chainRecord(tx, enterpriseId, 'vehicle-revised', { table: 'vehicles', id: before.id });
      // Read by plate recognition in the background (document-reads/): the upload does not wait.
      await queueDocumentRead(tx, enterpriseId, { vehicle: { id: before.id, plate }, kind, document }, actor);
      await audit(tx, enterpriseId, {
        actor,
        entityType: 'vehicle',
        entityId: plate,
        action: `attach-${kind}`,
        before: before[COLUMN[kind]],
        after: document,
      });
    });
    stored.add(1, { kind });
    return document;
  }

  /** A short-lived link to the document; 404 when the vehicle or its document is missing. */
  async link(enterpriseId: EnterpriseId, plate: string, kind: DocumentKind): Promise<DocumentLink> {
    const vehicle = await new VehicleRepository(this.dataSource.manager).findOne(enterpriseId, { plate });
    if (!vehicle) throw new LedgerException('vehicle-not-found', `no vehicle ${plate}`);
    const document = vehicle[COLUMN[kind]];
    if (!document) throw new LedgerException('document-not-found', `vehicle ${plate} has no ${kind}`);
    const url = await this.storage.presignedGetUrl(
      document.bucket,
      document.key,
      this.settings.urlTtlSeconds,
    );
    return { document, url, expiresAt: new Date(Date.now() + this.settings.urlTtlSeconds * 1000) };
  }
}
