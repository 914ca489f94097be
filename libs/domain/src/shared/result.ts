/**
 * Domain functions never throw on bad input: they return a Result whose error carries a
 * machine-readable code and a human-readable reason.
 */
export type Result<T, E = DomainError> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export interface DomainError<C extends string = string> {
  readonly code: C;
  readonly reason: string;
}

export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });

export const err = <E>(error: E): { readonly ok: false; readonly error: E } => ({ ok: false, error });
