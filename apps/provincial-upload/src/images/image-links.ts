import { type LedgerPassageRecordedV1, type ObjectRef } from '@ecogate/contracts';
import { type ImageResolver } from '../mapping/passage-record.mapper';

/** The one storage call the upload needs: a time-limited GET link (`ObjectStorage` satisfies it). */
export interface ImageLinkSigner {
  presignedGetUrl(bucket: string, key: string, ttlSeconds: number): Promise<string>;
}

/** What the dispatcher needs: a lookup, valid for one send, from a batch's image references. */
export interface ImageLinks {
  resolverFor(passages: readonly LedgerPassageRecordedV1[]): Promise<ImageResolver>;
}

/**
 * Turns a batch's image references into what the platform fetches: short-lived presigned GET URLs.
 * Async (the storage client signs), done once per send attempt before mapping, so the mapper stays
 * pure and a retry always carries fresh links. A signing failure rejects the whole call: the
 * dispatcher retries the batch later rather than sending records without their images.
 */
export class PresignedImageLinks implements ImageLinks {
  constructor(
    private readonly signer: ImageLinkSigner,
    private readonly ttlSeconds: number,
  ) {}

  async resolverFor(passages: readonly LedgerPassageRecordedV1[]): Promise<ImageResolver> {
    const links = new Map<string, string>();
    const refs = new Map<string, ObjectRef>();
    for (const passage of passages) {
      for (const ref of imageRefsOf(passage)) refs.set(refKey(ref), ref);
    }
    await Promise.all(
      [...refs].map(async ([key, ref]) =>
        links.set(key, await this.signer.presignedGetUrl(ref.bucket, ref.key, this.ttlSeconds)),
      ),
    );
    return (ref) => links.get(refKey(ref));
  }
}

/** Every object reference the mapper may turn into an image field. */
export function imageRefsOf(passage: LedgerPassageRecordedV1): ObjectRef[] {
  return [
    passage.photos.vehicle,
    passage.photos.plate,
    passage.documents?.inventoryList,
    passage.documents?.drivingLicence,
  ].filter((ref): ref is ObjectRef => ref !== undefined);
}

const refKey = (ref: ObjectRef): string => `${ref.bucket}\u0000${ref.key}`;
