import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { type Logger } from 'pino';

interface JsonResponse {
  status(code: number): { json(body: unknown): unknown };
  setHeader(name: string, value: string): unknown;
}

/** Every service's HTTP error body: `errorId` only on a 5xx, and it is also in the log. */
export interface CodedErrorBody {
  code: string;
  reason: string;
  errorId?: string;
}

/**
 * Maps errors with a string `code` to HTTP `{ code, reason }` at the edge, by a table each service
 * owns (so a domain error is never blindly a 400). A 5xx, mapped or unexpected, carries an error id
 * that is also in the log, so an operator can find the cause from what the caller saw.
 */
@Catch()
export class CodedErrorFilter implements ExceptionFilter {
  constructor(
    private readonly log: Logger,
    private readonly statusByCode: Readonly<Record<string, number>>,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    const code = (exception as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && Object.prototype.hasOwnProperty.call(this.statusByCode, code)) {
      this.refuse(response, this.statusByCode[code] ?? 500, code, exception as Error);
      return;
    }
    if (exception instanceof HttpException) {
      // An HttpException may carry its own code (the policy guard's `unauthenticated`, `forbidden`, …).
      const status = exception.getStatus();
      if (status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
      this.refuse(response, status, typeof code === 'string' ? code : 'http-error', exception);
      return;
    }
    // body-parser's refusals (bad JSON, body too large) are plain errors with a 4xx `status`.
    const status = (exception as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      this.refuse(response, status, 'http-error', exception as Error);
      return;
    }
    const errorId = randomUUID();
    this.log.error({ err: exception, errorId }, 'request failed');
    this.send(response, 500, { code: 'internal-error', reason: 'unexpected error', errorId });
  }

  private refuse(response: JsonResponse, status: number, code: string, exception: Error): void {
    if (status >= 500) {
      const errorId = randomUUID();
      this.log.error({ err: exception.cause ?? exception, errorId, code }, exception.message);
      this.send(response, status, { code, reason: exception.message, errorId });
      return;
    }
    this.log.warn({ code, reason: exception.message }, 'request refused');
    // The rest of an oversized body is not read: close the connection instead of draining it.
    if (status === 413) response.setHeader('Connection', 'close');
    this.send(response, status, { code, reason: exception.message });
  }

  private send(response: JsonResponse, status: number, body: CodedErrorBody): void {
    response.status(status).json(body);
  }
}
