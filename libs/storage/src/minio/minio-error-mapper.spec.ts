import { InvalidObjectNameError, S3Error } from 'minio';
import {
  BucketNotFoundError,
  ObjectLockedError,
  ObjectNotFoundError,
  StorageError,
  StorageUnavailableError,
} from '../storage-errors';
import { mapMinioError } from './minio-error-mapper';

const onObject = { operation: 'get', bucket: 'evidence', key: 'a/b.jpg' };
const onBucket = { operation: 'list', bucket: 'evidence' };

function s3Error(code: string, message = code): S3Error {
  const error = new S3Error(message);
  error.code = code;
  return error;
}

function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:19000`), { code });
}

describe('mapMinioError', () => {
  it.each(['NoSuchKey', 'NoSuchVersion', 'NotFound'])(
    'maps %s on an object to ObjectNotFoundError',
    (code) => {
      const mapped = mapMinioError(s3Error(code), onObject);
      expect(mapped).toBeInstanceOf(ObjectNotFoundError);
      expect(mapped).toMatchObject({
        code: 'object-not-found',
        retriable: false,
        bucket: 'evidence',
        key: 'a/b.jpg',
      });
    },
  );

  it('maps NoSuchBucket, and a bare 404 without a key, to BucketNotFoundError', () => {
    expect(mapMinioError(s3Error('NoSuchBucket'), onObject)).toBeInstanceOf(BucketNotFoundError);
    expect(mapMinioError(s3Error('NotFound'), onBucket)).toBeInstanceOf(BucketNotFoundError);
  });

  it.each([
    ['AccessDenied', 'Access Denied: object is WORM protected'],
    ['InvalidRequest', 'Object is WORM protected and cannot be overwritten'],
    ['ObjectLocked', 'Object is under legal hold'],
  ])('maps %s about a lock to ObjectLockedError', (code, message) => {
    expect(mapMinioError(s3Error(code, message), onObject)).toBeInstanceOf(ObjectLockedError);
  });

  it('maps any other AccessDenied to access-denied', () => {
    expect(mapMinioError(s3Error('AccessDenied', 'Access Denied.'), onObject)).toMatchObject({
      code: 'access-denied',
      retriable: false,
    });
  });

  it.each(['SlowDown', 'ServiceUnavailable', 'InternalError', 'XMinioServerNotInitialized'])(
    'maps the S3 code %s to the retriable StorageUnavailableError',
    (code) => {
      const mapped = mapMinioError(s3Error(code), onObject);
      expect(mapped).toBeInstanceOf(StorageUnavailableError);
      expect(mapped.retriable).toBe(true);
    },
  );

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN'])(
    'maps the socket error %s to StorageUnavailableError',
    (code) => {
      expect(mapMinioError(networkError(code), onObject)).toMatchObject({
        code: 'storage-unavailable',
        retriable: true,
      });
    },
  );

  it('reads the code of the first error of an AggregateError (IPv4 + IPv6 attempts)', () => {
    const aggregate = new AggregateError(
      [networkError('ECONNREFUSED'), networkError('ECONNREFUSED')],
      'connect',
    );
    expect(mapMinioError(aggregate, onObject)).toBeInstanceOf(StorageUnavailableError);
  });

  it('maps the raw XML <Error> element the client sometimes throws', () => {
    const raw = { Code: 'NoSuchKey', Message: 'The specified key does not exist.' };
    expect(mapMinioError(raw, onObject)).toBeInstanceOf(ObjectNotFoundError);
  });

  it('maps client-side validation errors to invalid-argument', () => {
    expect(mapMinioError(new InvalidObjectNameError('Invalid object name: '), onObject)).toMatchObject({
      code: 'invalid-argument',
      retriable: false,
    });
  });

  it('keeps unknown failures as a non-retriable storage-error with the cause', () => {
    const cause = s3Error('InvalidStorageClass', 'bad class');
    const mapped = mapMinioError(cause, onObject);
    expect(mapped).toMatchObject({ code: 'storage-error', retriable: false, cause });
    expect(mapped.message).toContain('evidence/a/b.jpg');
  });

  it('passes a StorageError through unchanged', () => {
    const original = new StorageError('bucket-conflict', 'x');
    expect(mapMinioError(original, onObject)).toBe(original);
  });
});
