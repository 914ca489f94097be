// Public entry of the storage lib: the only code that imports the minio client.
export * from './minio/minio-error-mapper';
export * from './minio/minio-object-storage';
export * from './minio/minio-storage-config';
export * from './object-key';
export * from './object-storage';
export * from './storage-errors';
export * from './filesystem/filesystem-object-storage';
export * from './filesystem/signed-link';
export * from './create-object-storage';
