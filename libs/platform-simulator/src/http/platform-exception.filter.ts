import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { type Logger } from '@ecogate/telemetry';
import { randomUUID } from 'node:crypto';
import { type ServerResponse } from 'node:http';
import { PlatformException } from '../errors/platform.exception';

/** Maps every error to the protocol's `{ code, error, message }` body; unexpected ones get a logged error id. */
@Catch()
export class PlatformExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<ServerResponse>();
    const error = this.#toPlatformException(exception);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.statusCode = error.httpStatus;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    if (error.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(error.retryAfterSeconds));
    res.end(JSON.stringify(error.toBody()));
  }

  #toPlatformException(exception: unknown): PlatformException {
    if (exception instanceof PlatformException) return exception;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) return new PlatformException('not-found', exception.message);
      if (status >= 400 && status < 500) return new PlatformException('invalid-request', exception.message);
    }
    const errorId = randomUUID();
    this.logger.error({ err: exception, errorId }, 'unexpected error');
    return new PlatformException('internal-error', `internal error, id ${errorId}`);
  }
}
