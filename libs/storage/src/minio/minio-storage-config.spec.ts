import { parseMinioStorageConfig } from './minio-storage-config';

const valid = { endpoint: 'http://127.0.0.1:19000', accessKey: 'ecogate', secretKey: 'not-a-real-secret' };

describe('parseMinioStorageConfig', () => {
  it('splits the endpoint URL into host, port and TLS, with defaults', () => {
    expect(parseMinioStorageConfig(valid)).toEqual({
      endPoint: '127.0.0.1',
      port: 19000,
      useSSL: false,
      accessKey: 'ecogate',
      secretKey: 'not-a-real-secret',
      region: 'us-east-1',
      maxPresignedTtlSeconds: 3600,
    });
    expect(parseMinioStorageConfig({ ...valid, endpoint: 'https://s3.example.org' })).toMatchObject({
      endPoint: 's3.example.org',
      port: 443,
      useSSL: true,
    });
  });

  it('accepts a Secret for the secret key', () => {
    const secretKey = { reveal: () => 'from-secret' };
    expect(parseMinioStorageConfig({ ...valid, secretKey }).secretKey).toBe('from-secret');
  });

  it.each([
    ['an endpoint with a path', { endpoint: 'http://127.0.0.1:19000/minio' }],
    ['a non-http endpoint', { endpoint: 'ftp://127.0.0.1' }],
    ['an empty access key', { accessKey: '' }],
    ['an empty secret key', { secretKey: '' }],
    ['a TTL bound over 7 days', { maxPresignedTtlSeconds: 8 * 24 * 3600 }],
  ])('rejects %s with invalid-storage-config', (_label, change) => {
    expect(() => parseMinioStorageConfig({ ...valid, ...change })).toThrow(
      expect.objectContaining({ code: 'invalid-storage-config' }),
    );
  });

  it('never puts the secret in the error message', () => {
    try {
      parseMinioStorageConfig({ ...valid, endpoint: 'nope' });
      throw new Error('expected a failure');
    } catch (error) {
      expect((error as Error).message).not.toContain(valid.secretKey);
    }
  });
});
