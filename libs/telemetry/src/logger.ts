import { trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentCorrelationId } from './correlation';
import { REDACTED, redactText, redactValue } from './redact';

export type { Logger } from 'pino';

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Where JSON lines go; standard output by default. */
  destination?: DestinationStream;
}

// Keys whose values never reach a log line, wherever they appear in a logged object.
const REDACTED_PATHS = [
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
  'pushSecret',
  '*.pushSecret',
  'credentials',
  '*.credentials',
  '*["x-ecogate-device-secret"]',
  '*.headers["x-ecogate-device-secret"]',
  '*.headers.authorization',
  '*.headers.cookie',
];

/** Structured JSON logs; each line carries the service, the correlation id and the active trace. */
export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service },
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
      // Keys are not enough: URLs and text carry secrets too (rtsp://u:p@…, presigned signatures,
      // the push route's path secret, an error message quoting DATABASE_URL).
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          // pino takes a lone error's message as the line's message, past this hook: pass it redacted.
          const lone = first instanceof Error && typeof rest[0] !== 'string';
          const redacted = lone
            ? [{ err: first }, redactText(first.message), ...rest]
            : args.map((a) => redactValue(a));
          method.apply(this, redacted as Parameters<typeof method>);
        },
      },
      // The serialized error is not a plain object: copy it so its message and stack are redacted too.
      serializers: { err: (error: Error) => redactValue({ ...pino.stdSerializers.err(error) }) },
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
