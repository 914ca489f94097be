import createClient from 'openapi-fetch';
import { type paths } from './generated/schema';
import { sessionFetch } from './session-fetch';

/** The one API client: every path is the gateway's, every type generated from the services' documents. */
export const api = createClient<paths>({ baseUrl: window.location.origin, fetch: sessionFetch });

/** A refusal as the services word it (`CodedErrorFilter`: `{code, reason}`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string,
  ) {
    super(`${status} ${code}: ${reason}`);
  }
}

interface Outcome<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/** The body of a successful call, or the service's refusal thrown as an `ApiError`. */
export async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const body = (error ?? {}) as { code?: unknown; reason?: unknown };
  throw new ApiError(
    response.status,
    typeof body.code === 'string' ? body.code : `http-${response.status}`,
    typeof body.reason === 'string' ? body.reason : response.statusText,
  );
}
