import { trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentCorrelationId } from './correlation';

export type { Logger } from 'pino';

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Where JSON lines go; standard output by default. */
  destination?: DestinationStream;
}

// Keys whose values never reach a log line, wherever they appear in a logged object.
const REDACTED = [
  'password',
  'secret',
  'secretKey',
  'token',
  'authorization',
  'cookie',
  '*.password',
  '*.secret',
  '*.secretKey',
  '*.token',
  '*.authorization',
  '*.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
];

/** Structured JSON logs; each line carries the service, the correlation id and the active trace. */
export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service },
      redact: { paths: REDACTED, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin() {
        const span = trace.getActiveSpan()?.spanContext();
        return {
          correlationId: currentCorrelationId(),
          ...(span ? { traceId: span.traceId, spanId: span.spanId } : {}),
        };
      },
    },
    destination,
  );
}
