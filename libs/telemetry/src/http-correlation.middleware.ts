import { type IncomingMessage, type ServerResponse } from 'node:http';
import { CORRELATION_HEADER, correlationIdFrom, withCorrelationId } from './correlation';

/**
 * Express/Nest middleware: takes the caller's correlation id (or starts one), echoes it in the
 * response, and makes it current for everything the request does.
 */
export function correlationMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const correlationId = correlationIdFrom(req.headers[CORRELATION_HEADER]);
  res.setHeader(CORRELATION_HEADER, correlationId);
  withCorrelationId(correlationId, next);
}
