import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import { type Logger, LOGGER } from '@ecogate/telemetry';
import { type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { HTTP_STATUS_OF, IngestException } from '../push/ingest.exception';

/** Refusals as `{ code, reason }` with the code's status; anything unexpected is a 500 with a logged error id. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof IngestException) {
      const status = HTTP_STATUS_OF[exception.code];
      if (status >= 500) {
        const errorId = randomUUID();
        this.logger.error({ errorId, err: exception.cause ?? exception }, exception.message);
        res.status(status).json({ code: exception.code, reason: exception.message, errorId });
        return;
      }
      this.logger.warn({ code: exception.code, reason: exception.message }, 'request refused');
      // The rest of an oversized body is not read: close the connection instead of draining it.
      if (status === 413) res.setHeader('Connection', 'close');
      res.status(status).json({ code: exception.code, reason: exception.message });
      return;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      res
        .status(exception.getStatus())
        .json({ code: `http-${exception.getStatus()}`, reason: exception.message });
      return;
    }
    const status = (exception as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // body-parser errors on the registry API (bad JSON, too large).
      res.status(status).json({ code: `http-${status}`, reason: (exception as Error).message });
      return;
    }
    const errorId = randomUUID();
    this.logger.error({ errorId, err: exception }, 'unhandled error');
    res.status(500).json({ code: 'internal-error', reason: 'internal error', errorId });
  }
}
