import { createObjectStorage } from './create-object-storage';
import { FilesystemObjectStorage } from './filesystem/filesystem-object-storage';
import { MinioObjectStorage } from './minio/minio-object-storage';

describe('createObjectStorage', () => {
  it('builds the backend the configuration names', () => {
    expect(
      createObjectStorage({
        kind: 'minio',
        minio: { endpoint: 'http://127.0.0.1:9000', accessKey: 'k', secretKey: 's' },
      }),
    ).toBeInstanceOf(MinioObjectStorage);
    expect(
      createObjectStorage({
        kind: 'filesystem',
        root: '/tmp/ecogate-objects',
        signedLinks: { baseUrl: 'http://127.0.0.1:3000/objects', secret: { reveal: () => 'x'.repeat(32) } },
      }),
    ).toBeInstanceOf(FilesystemObjectStorage);
  });
});
