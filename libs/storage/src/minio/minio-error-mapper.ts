import {
  InvalidArgumentError,
  InvalidBucketNameError,
  InvalidObjectNameError,
  InvalidPrefixError,
  S3Error,
} from 'minio';
import {
  BucketNotFoundError,
  ObjectLockedError,
  ObjectNotFoundError,
  StorageError,
  StorageUnavailableError,
} from '../storage-errors';

export interface StorageErrorContext {
  readonly operation: string;
  readonly bucket: string;
  readonly key?: string;
}

// S3 error codes that mean "try again later".
const RETRIABLE_S3_CODES = new Set([
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'RequestTimeout',
  'OperationTimedOut',
  'XMinioServerNotInitialized',
  'XMinioReadQuorum',
  'XMinioWriteQuorum',
]);

// Socket-level failures: the service is down, restarting or unreachable for now.
const RETRIABLE_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
]);

const LOCKED_MESSAGE = /WORM|retention|legal hold|object lock|locked/i;

/** Turns whatever the minio client threw into a typed `StorageError`. */
export function mapMinioError(error: unknown, context: StorageErrorContext): StorageError {
  if (error instanceof StorageError) return error;
  const where = context.key === undefined ? context.bucket : `${context.bucket}/${context.key}`;
  const code = errorCode(error);
  const message = errorMessage(error);

  if (error instanceof S3Error || looksLikeS3Error(error)) {
    if (code === 'NoSuchKey' || code === 'NoSuchVersion') {
      return new ObjectNotFoundError(context.bucket, context.key ?? '', { cause: error });
    }
    if (code === 'NoSuchBucket') return new BucketNotFoundError(context.bucket, { cause: error });
    if (code === 'NotFound') {
      // A HEAD has no body, so 404 says only "not found": the object when there is one.
      return context.key === undefined
        ? new BucketNotFoundError(context.bucket, { cause: error })
        : new ObjectNotFoundError(context.bucket, context.key, { cause: error });
    }
    if (context.key !== undefined && LOCKED_MESSAGE.test(message)) {
      return new ObjectLockedError(context.bucket, context.key, { cause: error });
    }
    if (code === 'AccessDenied') {
      return new StorageError('access-denied', `${context.operation} ${where}: access denied`, false, {
        cause: error,
      });
    }
    if (code !== undefined && RETRIABLE_S3_CODES.has(code)) {
      return new StorageUnavailableError(`${context.operation} ${where}: ${code}`, { cause: error });
    }
    return new StorageError(
      'storage-error',
      `${context.operation} ${where}: ${code ?? 'S3 error'} ${message}`,
      false,
      {
        cause: error,
      },
    );
  }
  if (code !== undefined && RETRIABLE_NETWORK_CODES.has(code)) {
    return new StorageUnavailableError(
      `${context.operation} ${where}: object storage unreachable (${code})`,
      {
        cause: error,
      },
    );
  }
  if (
    error instanceof InvalidArgumentError ||
    error instanceof InvalidBucketNameError ||
    error instanceof InvalidObjectNameError ||
    error instanceof InvalidPrefixError
  ) {
    return new StorageError('invalid-argument', `${context.operation} ${where}: ${message}`, false, {
      cause: error,
    });
  }
  return new StorageError('storage-error', `${context.operation} ${where}: ${message}`, false, {
    cause: error,
  });
}

/** The error code, also from the first error of an AggregateError (Node tries IPv4 and IPv6). */
function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  // `Code` when the client throws the parsed XML <Error> element instead of an S3Error.
  for (const field of ['code', 'Code'] as const) {
    const code = (error as Record<string, unknown>)[field];
    if (typeof code === 'string' && code !== '') return code;
  }
  const inner = (error as { errors?: unknown }).errors;
  return Array.isArray(inner) ? errorCode(inner[0]) : undefined;
}

function looksLikeS3Error(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && typeof (error as { Code?: unknown }).Code === 'string'
  );
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  const message = (error as { Message?: unknown } | null)?.Message;
  return typeof message === 'string' ? message : String(error);
}
