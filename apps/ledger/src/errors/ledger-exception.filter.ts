import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { type Response } from 'express';
import { type Logger } from '@ecogate/telemetry';
import { LedgerException, type LedgerErrorCode } from './ledger.exception';

const STATUS: Record<LedgerErrorCode, number> = {
  'invalid-request': 400,
  'invalid-enterprise-id': 400,
  'passage-not-found': 404,
  'vehicle-not-found': 404,
  'revision-conflict': 409,
};

/** Domain codes to HTTP at the edge; anything unexpected is a 500 with an error id that is also logged. */
@Catch()
export class LedgerExceptionFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof LedgerException) {
      response.status(STATUS[exception.code]).json({ error: exception.code, message: exception.message });
      return;
    }
    if ((exception as { code?: unknown }).code === 'invalid-enterprise-id') {
      response.status(400).json({ error: 'invalid-enterprise-id', message: (exception as Error).message });
      return;
    }
    if (exception instanceof HttpException) {
      response.status(exception.getStatus()).json({ error: 'http-error', message: exception.message });
      return;
    }
    const errorId = randomUUID();
    this.log.error({ err: exception, errorId }, 'ledger API failed');
    response.status(500).json({ error: 'internal-error', message: 'unexpected error', errorId });
  }
}
