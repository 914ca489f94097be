import { StorageError } from '../storage-errors';
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

  it('keeps an explicit region, TTL bound and IPv6 host', () => {
    expect(
      parseMinioStorageConfig({
        ...valid,
        endpoint: 'http://[::1]:9000',
        region: 'cn-north-1',
        maxPresignedTtlSeconds: 7 * 24 * 3600,
      }),
    ).toMatchObject({ endPoint: '::1', port: 9000, region: 'cn-north-1', maxPresignedTtlSeconds: 604800 });
  });

  it('accepts a Secret for the secret key', () => {
    const secretKey = { reveal: () => 'from-secret' };
    expect(parseMinioStorageConfig({ ...valid, secretKey }).secretKey).toBe('from-secret');
  });

  it.each([
    [
      'an endpoint with a path',
      { endpoint: 'http://127.0.0.1:19000/minio' },
      /must be an http\(s\) URL.*\n.*at endpoint/,
    ],
    ['a non-http endpoint', { endpoint: 'ftp://127.0.0.1' }, /must be an http\(s\) URL.*\n.*at endpoint/],
    ['an endpoint that is no URL', { endpoint: 'nope' }, /must be an http\(s\) URL.*\n.*at endpoint/],
    ['an empty access key', { accessKey: '' }, /at accessKey/],
    ['an empty secret key', { secretKey: '' }, /at secretKey/],
    ['a secret key that is no Secret', { secretKey: { value: 'x' } as never }, /at secretKey/],
    [
      'a TTL bound over 7 days',
      { maxPresignedTtlSeconds: 8 * 24 * 3600 },
      /<=604800\n.*at maxPresignedTtlSeconds/,
    ],
    ['a TTL bound of 0', { maxPresignedTtlSeconds: 0 }, /at maxPresignedTtlSeconds/],
  ])('rejects %s with invalid-storage-config, naming the field', (_label, change, reason) => {
    const parse = () => parseMinioStorageConfig({ ...valid, ...change });
    expect(parse).toThrow(StorageError);
    expect(parse).toThrow(expect.objectContaining({ code: 'invalid-storage-config', retriable: false }));
    expect(parse).toThrow(reason);
  });

  it('never puts the secret in the error message', () => {
    // The secret is valid here; the error is about the endpoint and must name it, not echo values.
    const parse = () => parseMinioStorageConfig({ ...valid, endpoint: 'nope' });
    expect(parse).toThrow(/at endpoint/);
    expect(parse).not.toThrow(valid.secretKey);
    const withBadSecret = () =>
      parseMinioStorageConfig({ ...valid, secretKey: { value: valid.secretKey } as never });
    expect(withBadSecret).toThrow(/at secretKey/);
    expect(withBadSecret).not.toThrow(valid.secretKey);
  });
});
