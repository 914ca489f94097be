/**
 * A call to another service (or the city's stage source) that got no HTTP answer at all: it did
 * not answer within the deadline, or could not be reached. Callers turn it into their own "the
 * dependency is away" error; the message names the URL and never carries a header.
 */
export class NoAnswerError extends Error {
  constructor(
    readonly kind: 'timeout' | 'unreachable',
    message: string,
  ) {
    super(message);
    this.name = 'NoAnswerError';
  }
}

/** `AbortSignal.timeout` fired (by name: the DOMException may come from another realm). */
export const isTimeout = (error: unknown): boolean =>
  (error as { name?: unknown } | null)?.name === 'TimeoutError';

/** `fetch` with a deadline; no answer → `NoAnswerError` saying whether it timed out or was unreachable. */
export async function fetchWithin(
  url: string,
  init: RequestInit,
  timeoutMs: number,
  fetchImpl: typeof fetch = fetch,
): Promise<Response> {
  try {
    return await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (caught) {
    throw isTimeout(caught)
      ? new NoAnswerError('timeout', `no answer from ${url} within ${timeoutMs} ms`)
      : new NoAnswerError('unreachable', `${url} unreachable: ${String(caught)}`);
  }
}
