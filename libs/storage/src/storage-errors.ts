export type StorageErrorCode =
  | 'object-not-found'
  | 'bucket-not-found'
  | 'object-locked'
  | 'access-denied'
  | 'storage-unavailable'
  | 'invalid-object-key'
  | 'invalid-argument'
  | 'invalid-storage-config'
  | 'bucket-conflict'
  | 'storage-error';

/**
 * Base of every error the storage lib throws, whatever the backend. `retriable` says whether
 * the same call may succeed later (the service was down or overloaded) or never will.
 */
export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    readonly retriable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

export class ObjectNotFoundError extends StorageError {
  constructor(
    readonly bucket: string,
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super('object-not-found', `Object ${bucket}/${key} does not exist`, false, options);
    this.name = 'ObjectNotFoundError';
  }
}

export class BucketNotFoundError extends StorageError {
  constructor(
    readonly bucket: string,
    options?: { cause?: unknown },
  ) {
    super('bucket-not-found', `Bucket ${bucket} does not exist`, false, options);
    this.name = 'BucketNotFoundError';
  }
}

/** A retained or legally held version cannot be deleted or overwritten (WORM). */
export class ObjectLockedError extends StorageError {
  constructor(
    readonly bucket: string,
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super('object-locked', `Object ${bucket}/${key} is under retention or legal hold`, false, options);
    this.name = 'ObjectLockedError';
  }
}

/** The service could not be reached or asked us to slow down: retry with back-off. */
export class StorageUnavailableError extends StorageError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('storage-unavailable', message, true, options);
    this.name = 'StorageUnavailableError';
  }
}

export class InvalidObjectKeyError extends StorageError {
  constructor(message: string) {
    super('invalid-object-key', message);
    this.name = 'InvalidObjectKeyError';
  }
}
