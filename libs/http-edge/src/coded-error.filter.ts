import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { type Logger } from 'pino';

interface JsonResponse {
  status(code: number): { json(body: unknown): unknown };
}

/**
 * Maps errors with a string `code` to HTTP at the edge, by a table each service owns (so a
 * domain error is never blindly a 400). Anything unexpected becomes a 500 with an error id that
 * is also in the log, so an operator can find the cause from what the caller saw.
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
      response
        .status(this.statusByCode[code] ?? 500)
        .json({ error: code, message: (exception as Error).message });
      return;
    }
    if (exception instanceof HttpException) {
      response.status(exception.getStatus()).json({ error: 'http-error', message: exception.message });
      return;
    }
    const errorId = randomUUID();
    this.log.error({ err: exception, errorId }, 'request failed');
    response.status(500).json({ error: 'internal-error', message: 'unexpected error', errorId });
  }
}
