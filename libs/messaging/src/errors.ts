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
}

export function describeFailure(error: unknown): FailureCause {
  if (error instanceof FatalError || error instanceof RetriableError) {
    return { code: error.code, message: error.message, retriable: error.retriable };
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      code: typeof code === 'string' ? code : 'unhandled-error',
      message: error.message,
      retriable: true,
    };
  }
  return { code: 'unhandled-error', message: String(error), retriable: true };
}
