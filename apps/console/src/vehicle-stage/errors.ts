import { ApiError } from '../api/client';

/** A refusal in the service's words, with its code for whoever reports it. */
export const reasonOf = (error: unknown): string =>
  error instanceof ApiError ? `${error.reason} (${error.code})` : String(error);
