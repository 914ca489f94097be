import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { type Response } from 'express';
import { type Logger } from '@ecogate/telemetry';
import { BarrierControlException, type BarrierControlErrorCode } from './barrier-control.exception';

const STATUS: Record<BarrierControlErrorCode, number> = {
  'invalid-request': 400,
  'lane-not-found': 404,
  'no-vehicle-at-lane': 409,
};

/** Domain codes to HTTP at the edge; anything unexpected is a 500 with an error id that is also logged. */
@Catch()
export class BarrierControlExceptionFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof BarrierControlException) {
      response.status(STATUS[exception.code]).json({ error: exception.code, message: exception.message });
      return;
    }
    if (exception instanceof HttpException) {
      response.status(exception.getStatus()).json({ error: 'http-error', message: exception.message });
      return;
    }
    const errorId = randomUUID();
    this.log.error({ err: exception, errorId }, 'operator API failed');
    response.status(500).json({ error: 'internal-error', message: 'unexpected error', errorId });
  }
}
