import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Header that carries the correlation id across HTTP requests and Kafka messages. */
export const CORRELATION_HEADER = 'x-correlation-id';

const storage = new AsyncLocalStorage<{ correlationId: string }>();
const VALID_ID = /^[\w.:-]{1,128}$/;

export const newCorrelationId = (): string => randomUUID();

/** Accepts an id from outside (header) only when it is short and printable; otherwise starts a new one. */
export const correlationIdFrom = (candidate: unknown): string =>
  typeof candidate === 'string' && VALID_ID.test(candidate) ? candidate : newCorrelationId();

/** Runs `work` with `correlationId` visible to every log line and outgoing message it causes. */
export function withCorrelationId<T>(correlationId: string, work: () => T): T {
  return storage.run({ correlationId }, work);
}

export const currentCorrelationId = (): string | undefined => storage.getStore()?.correlationId;
