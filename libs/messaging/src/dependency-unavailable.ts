import { FatalError } from './errors';

/**
 * "A dependency is away" (database, object storage, broker, another service) as opposed to "this
 * message is bad". The consumer waits out the first without limit and never dead-letters it: the
 * message is fine, only the world around it is not (ADR 0005).
 */
export class DependencyUnavailableError extends Error {
  readonly dependencyUnavailable = true;

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DependencyUnavailableError';
  }
}

// Socket and resolver failures (Node's net/dns, undici's fetch).
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

// Postgres SQLSTATEs of a server that is down, restarting or full: 57P01 admin shutdown,
// 57P02 crash shutdown, 57P03 cannot connect now, 53300 too many connections; class 08 below.
const POSTGRES_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

// Codes our own libs and services give to "the dependency is away".
const SERVICE_CODES = new Set([
  'storage-unavailable',
  'dependency-unavailable',
  'ServiceUnavailable',
  'SlowDown',
]);

const NAMES = new Set([
  'DependencyUnavailableError',
  'StorageUnavailableError',
  'LedgerUnavailableError',
  // fetch's AbortSignal.timeout()
  'TimeoutError',
  // kafkajs: the broker is unreachable or slow (a publish from inside a handler)
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTimeout',
]);

const MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /^fetch failed$/,
  /socket hang up/i,
];

/**
 * Whether `error` (or anything in its `cause` chain, a TypeORM `driverError`, a kafkajs
 * `originalError` or an `AggregateError`'s members) says a dependency is unavailable. HTTP 502,
 * 503 and 504 from another service count too (`status` / `statusCode`).
 */
export function isDependencyUnavailable(error: unknown): boolean {
  return visit(error, new Set());
}

function visit(error: unknown, seen: Set<unknown>): boolean {
  if (error === null || typeof error !== 'object' || seen.has(error)) return false;
  seen.add(error);
  const e = error as Record<string, unknown>;
  if (e['dependencyUnavailable'] === true) return true;
  if (typeof e['name'] === 'string' && NAMES.has(e['name'])) return true;
  if (e['name'] === 'KafkaJSProtocolError' && e['retriable'] === true) return true;
  const code = e['code'];
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || POSTGRES_CODES.has(code) || SERVICE_CODES.has(code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  for (const key of ['status', 'statusCode', 'amzStatus']) {
    const status = e[key];
    if (status === 502 || status === 503 || status === 504) return true;
  }
  if (typeof e['message'] === 'string' && MESSAGES.some((pattern) => pattern.test(e['message'] as string)))
    return true;
  const nested = [e['cause'], e['driverError'], e['originalError'], e['error']];
  if (Array.isArray(e['errors'])) nested.push(...(e['errors'] as unknown[]));
  return nested.some((inner) => visit(inner, seen));
}

/** What the consumer does with a handler's error. */
export type FailureClass = 'fatal' | 'dependency-unavailable' | 'retriable';

/** `FatalError` wins (the handler knows best), then the dependency check, else a bounded retry. */
export function classifyFailure(error: unknown): FailureClass {
  if (error instanceof FatalError) return 'fatal';
  return isDependencyUnavailable(error) ? 'dependency-unavailable' : 'retriable';
}
