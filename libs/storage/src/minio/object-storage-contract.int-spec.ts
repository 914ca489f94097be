import { loadInfraEnv } from '@ecogate/testing';
import { describeObjectStorageContract } from '../testing/object-storage-contract';
import { MinioObjectStorage } from './minio-object-storage';

// The same behaviour suite the filesystem backend runs in the unit tests (ADR 0008).
describeObjectStorageContract(
  'MinIO',
  async () => {
    const env = loadInfraEnv();
    return new MinioObjectStorage({
      endpoint: env.S3_ENDPOINT,
      accessKey: env.S3_ACCESS_KEY,
      secretKey: env.S3_SECRET_KEY,
    });
  },
  {
    readPresigned: async (url) => {
      const response = await fetch(url);
      if (response.status !== 200) throw new Error(`presigned GET answered ${response.status}`);
      return Buffer.from(await response.arrayBuffer());
    },
  },
);
