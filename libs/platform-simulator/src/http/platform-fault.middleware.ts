import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { PlatformException } from '../errors/platform.exception';
import { FaultInjector } from '../faults/fault-injector';
import { markInjectedFault } from './injected-fault';

const sendError = (res: ServerResponse, error: PlatformException): void => {
  res.statusCode = error.httpStatus;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  if (error.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(error.retryAfterSeconds));
  res.end(JSON.stringify(error.toBody()));
};

/** Applies the configured fault to platform API requests (never to the `/_sim` control API). */
@Injectable()
export class PlatformFaultMiddleware implements NestMiddleware {
  constructor(@Inject(FaultInjector) private readonly faults: FaultInjector) {}

  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const mode = this.faults.draw();
    if (mode === undefined) return next();
    markInjectedFault(req, mode);
    const { retryAfterSeconds, slowMs } = this.faults.settings;
    switch (mode) {
      case '5xx':
        return sendError(res, new PlatformException('internal-error', 'injected fault: internal error'));
      case '429':
        return sendError(
          res,
          new PlatformException(
            'rate-limited',
            `injected fault: retry after ${retryAfterSeconds} s`,
            retryAfterSeconds,
          ),
        );
      case 'timeout':
        return; // never answer; the client's timeout (or the simulator closing) ends it
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'slow': {
        const timer = setTimeout(next, slowMs);
        res.once('close', () => clearTimeout(timer));
        return;
      }
      case 'malformed-ack':
        return next(); // processed normally; MalformedAckInterceptor garbles the answer
    }
  }
}
