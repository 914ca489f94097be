/**
 * How a consumer handler says what should happen to a message it could not handle:
 * a retriable error is tried again with back-off (the dependency may come back), a fatal one
 * goes straight to the dead-letter topic (trying again cannot help). Anything else thrown is
 * treated as retriable, then dead-lettered when the attempts run out.
 */
export class RetriableError extends Error {
  readonly retriable = true;

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RetriableError';
  }
}

export class FatalError extends Error {
  readonly retriable = false;

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FatalError';
  }
}

export interface FailureCause {
  readonly code: string;
  readonly message: string;
  readonly retriable: boolean;
  /** The error's class (`QueryFailedError`, `S3Error`…), or `typeof` for a thrown non-error. */
  readonly name: string;
  /** The first lines of the stack, so a dead letter says where it failed. */
  readonly stack?: string;
  /** The innermost `cause` (a driver's error under a wrapper), described the same way. */
  readonly cause?: Omit<FailureCause, 'retriable' | 'cause'>;
}

const STACK_LINES = 6;

/**
 * A readable, JSON-safe account of anything thrown: never `"[object Object]"`. Plain objects
 * (Nest's flattened `{status, message}`, a driver's error-like object) are kept as JSON.
 */
export function describeFailure(error: unknown): FailureCause {
  const retriable = !(error instanceof FatalError);
  const described = describe(error);
  const root = rootCause(error);
  return {
    ...described,
    retriable,
    ...(root === undefined ? {} : { cause: describe(root) }),
  };
}

function describe(error: unknown): Omit<FailureCause, 'retriable' | 'cause'> {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      code: typeof code === 'string' || typeof code === 'number' ? String(code) : 'unhandled-error',
      message: error.message || messageOfAggregate(error),
      ...(error.stack ? { stack: error.stack.split('\n').slice(0, STACK_LINES).join('\n') } : {}),
    };
  }
  if (error !== null && typeof error === 'object') {
    const e = error as { code?: unknown; name?: unknown; message?: unknown };
    return {
      name: typeof e.name === 'string' ? e.name : 'object',
      code: typeof e.code === 'string' ? e.code : 'unhandled-error',
      message: typeof e.message === 'string' ? `${e.message} ${safeJson(error)}` : safeJson(error),
    };
  }
  return { name: typeof error, code: 'unhandled-error', message: String(error) };
}

/** Node's connection errors to `localhost` are an `AggregateError` with an empty message. */
function messageOfAggregate(error: Error): string {
  const errors = (error as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return '';
  return errors.map((inner) => (inner instanceof Error ? inner.message : String(inner))).join('; ');
}

function rootCause(error: unknown): unknown {
  let current: unknown = error;
  for (let depth = 0; depth < 10; depth++) {
    const next =
      (current as { cause?: unknown } | null)?.cause ??
      (current as { driverError?: unknown } | null)?.driverError;
    if (next === undefined || next === null || next === current) break;
    current = next;
  }
  return current === error ? undefined : current;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
