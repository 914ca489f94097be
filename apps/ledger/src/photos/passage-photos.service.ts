import { type ObjectRef } from '@ecogate/contracts';
import { type DataSource, type EnterpriseId, TenantRepository } from '@ecogate/persistence';
import { type ObjectStorage, StorageError } from '@ecogate/storage';
import { LedgerException } from '../errors/ledger.exception';
import { LoadingAreaSightingEntity } from '../loading-areas/loading-area-sighting.entity';
import { PassageDecisionEntity } from '../passage/passage-decision.entity';
import { type PassagePhotos } from '../passage/passage.entity';
import { PassageRepository } from '../passage/passage.repository';
import { RefusedAttemptEntity } from '../passage/refused-attempt.entity';

export const PHOTO_SIDES = ['entry', 'exit'] as const;
export type PhotoSide = (typeof PHOTO_SIDES)[number];
/** `scene`: the vehicle's snapshot; `plate`: the plate crop. */
export const PHOTO_KINDS = ['scene', 'plate'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

export interface PhotoLink {
  /** A presigned MinIO URL, or a signed link to the gateway's `/objects` route on the filesystem. */
  readonly url: string;
  readonly expiresAt: Date;
  /** How long a browser may reuse the redirect: less than the link lives. */
  readonly maxAgeSeconds: number;
}

/** A browser may cache the redirect for four fifths of the link's life, so it never follows a dead link. */
export const photoCacheSeconds = (ttlSeconds: number): number => Math.floor((ttlSeconds * 4) / 5);

const refOf = (photos: PassagePhotos | null | undefined, kind: PhotoKind): ObjectRef | undefined =>
  kind === 'scene' ? photos?.vehicle : photos?.plate;

/**
 * Short-lived links to a passage's photos for browsers (`<img src>` follows the 302): the object
 * refs stay in the ledger, the bytes in the camera's bucket. By passage and side, or by barrier
 * decision id (the live view knows the decision first): a decision recorded on a passage, or a
 * refused attempt (deny / needs-review), which keeps its images too.
 */
export class PassagePhotosService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: ObjectStorage,
    private readonly ttlSeconds: number,
  ) {}

  async ofPassage(enterpriseId: EnterpriseId, passageId: string, side: PhotoSide, kind: PhotoKind) {
    const passage = await new PassageRepository(this.dataSource.manager).findOne(enterpriseId, {
      id: passageId,
    });
    if (!passage) throw new LedgerException('passage-not-found', `no passage ${passageId}`);
    const ref = refOf(side === 'entry' ? passage.entryPhotos : passage.exitPhotos, kind);
    if (!ref)
      throw new LedgerException('photo-not-found', `passage ${passageId} has no ${side} ${kind} photo`);
    return this.link(ref);
  }

  async ofDecision(enterpriseId: EnterpriseId, decisionId: string, kind: PhotoKind): Promise<PhotoLink> {
    const claim = await TenantRepository.of(this.dataSource, PassageDecisionEntity).findOne(enterpriseId, {
      decisionId,
    });
    let photos: PassagePhotos | null | undefined;
    if (claim) {
      const passage = await new PassageRepository(this.dataSource.manager).findOne(enterpriseId, {
        id: claim.passageId,
      });
      photos = claim.direction === 'in' ? passage?.entryPhotos : passage?.exitPhotos;
    } else {
      const refused = await TenantRepository.of(this.dataSource, RefusedAttemptEntity).findOne(enterpriseId, {
        decisionId,
      });
      photos = refused?.photos;
    }
    const ref = refOf(photos, kind);
    // Not (yet) recorded, another enterprise's, or without that image: the same answer.
    if (!ref) throw new LedgerException('photo-not-found', `no ${kind} photo for decision ${decisionId}`);
    return this.link(ref);
  }

  /** A loading-area sighting's frame (`scene`) or plate crop (`plate`): every sighting keeps both. */
  async ofSighting(enterpriseId: EnterpriseId, sightingId: string, kind: PhotoKind): Promise<PhotoLink> {
    const sighting = await TenantRepository.of(this.dataSource, LoadingAreaSightingEntity).findOne(
      enterpriseId,
      { sightingId },
    );
    // Another enterprise's sighting is indistinguishable from a missing one.
    if (!sighting) throw new LedgerException('photo-not-found', `no sighting ${sightingId}`);
    return this.link(kind === 'scene' ? sighting.frame : sighting.crop);
  }

  private link(ref: ObjectRef): Promise<PhotoLink> {
    return presignedPhotoLink(this.storage, ref, this.ttlSeconds);
  }
}

/** A short-lived link to a stored image; 404 `photo-not-found` when the store knows it is not there. */
export async function presignedPhotoLink(
  storage: ObjectStorage,
  ref: Pick<ObjectRef, 'bucket' | 'key'>,
  ttlSeconds: number,
): Promise<PhotoLink> {
  try {
    const url = await storage.presignedGetUrl(ref.bucket, ref.key, ttlSeconds);
    return {
      url,
      expiresAt: new Date(Date.now() + ttlSeconds * 1000),
      maxAgeSeconds: photoCacheSeconds(ttlSeconds),
    };
  } catch (error) {
    // The filesystem store checks the bucket (MinIO signs without asking): a bucket that is not there.
    if (
      error instanceof StorageError &&
      (error.code === 'bucket-not-found' || error.code === 'object-not-found')
    ) {
      throw new LedgerException('photo-not-found', `photo ${ref.bucket}/${ref.key} is not in the store`);
    }
    throw error;
  }
}
