// `@ecogate/storage/testing`: what every object storage must do (MinIO, filesystem), run by each one's spec.
export * from './object-storage-contract';
