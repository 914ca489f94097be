import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Inject,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Response } from 'express';
import { AccessDenied } from '@ecogate/auth';
import { type Observable, throwError } from 'rxjs';
import { type Logger, LOGGER } from '@ecogate/telemetry';

/**
 * Error body of every refusal that happens before recognition (token, role, size, media type, no
 * image): the `{code, reason}` of every service's errors, with the `kind` that discriminates
 * /recognize answers.
 */
export interface RejectedResponse {
  readonly kind: 'rejected';
  readonly code: string;
  readonly reason: string;
}

const CODES: Readonly<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'bad-request',
  [HttpStatus.NOT_FOUND]: 'not-found',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'payload-too-large',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'unsupported-media-type',
};

/**
 * Maps errors to typed JSON at the edge: HTTP errors (Nest's, or body-parser's with a `status`)
 * keep their status; anything else is a 500 whose id is also logged.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | undefined {
    // Kafka handlers (hybrid app): the consumer needs the original error to retry or dead-letter
    // (what `PassThroughRpcErrors` of @ecogate/messaging does, which a hybrid app cannot register).
    if (host.getType() !== 'http') return throwError(() => exception);
    const res = host.switchToHttp().getResponse<Response>();
    const status = statusOf(exception);
    if (status !== undefined && status < 500) {
      if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
      // The rest of an oversized body is not read: close the connection instead of draining it.
      if (status === HttpStatus.PAYLOAD_TOO_LARGE) res.setHeader('Connection', 'close');
      const body: RejectedResponse = {
        kind: 'rejected',
        // The policy guard's refusals keep their own code (`unauthenticated`, `forbidden`, `not-found`).
        code: exception instanceof AccessDenied ? exception.code : (CODES[status] ?? `http-${status}`),
        reason: reasonOf(exception),
      };
      res.status(status).json(body);
      return undefined;
    }
    const errorId = randomUUID();
    this.logger.error({ errorId, err: exception }, 'unhandled error');
    res
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .json({ kind: 'failed', code: 'internal-error', reason: 'internal error', errorId });
    return undefined;
  }
}

function statusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const status = (exception as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

function reasonOf(exception: unknown): string {
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null
        ? (response as { message?: unknown }).message
        : response;
    return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
  }
  return exception instanceof Error ? exception.message : 'request refused';
}
