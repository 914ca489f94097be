import { FilesystemObjectStorage } from './filesystem/filesystem-object-storage';
import { type MinioStorageConfigInput } from './minio/minio-storage-config';
import { MinioObjectStorage } from './minio/minio-object-storage';
import { type ObjectStorage } from './object-storage';

/** `objectStorageConfig` of `@ecogate/config` maps the environment to this. */
export type ObjectStorageSettings =
  | { readonly kind: 'minio'; readonly minio: MinioStorageConfigInput }
  | {
      readonly kind: 'filesystem';
      readonly root: string;
      readonly signedLinks: { readonly baseUrl: string; readonly secret: { reveal(): string } };
    };

/** The object storage the configuration names: MinIO/S3 in the cluster profile, the filesystem embedded (ADR 0008). */
export function createObjectStorage(
  settings: ObjectStorageSettings,
  options: { readonly maxPresignedTtlSeconds?: number } = {},
): ObjectStorage {
  switch (settings.kind) {
    case 'minio':
      return new MinioObjectStorage({ ...settings.minio, ...options });
    case 'filesystem':
      return new FilesystemObjectStorage({
        root: settings.root,
        signedLinks: { baseUrl: settings.signedLinks.baseUrl, secret: settings.signedLinks.secret.reveal() },
        ...options,
      });
  }
}
