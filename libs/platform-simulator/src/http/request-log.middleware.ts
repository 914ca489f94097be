import { type Logger } from '@ecogate/telemetry';
import { SIGNATURE_HEADERS } from '@ecogate/platform-protocol';
import { type IncomingMessage, type ServerResponse } from 'node:http';

/** One log line per request when it ends, answered or not (timeouts and resets included). */
export const requestLogMiddleware =
  (logger: Logger) =>
  (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const started = performance.now();
    res.once('close', () => {
      logger.info(
        {
          method: req.method,
          url: req.url,
          status: res.writableFinished ? res.statusCode : undefined,
          answered: res.writableFinished,
          appId: req.headers[SIGNATURE_HEADERS.appId],
          durationMs: Math.round(performance.now() - started),
        },
        'http request',
      );
    });
    next();
  };
