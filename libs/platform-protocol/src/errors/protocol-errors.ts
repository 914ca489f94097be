// Every error the reference platform answers, with its HTTP status, its numeric wire code and
// whether resending the same record later can succeed. The retriable flag drives the sender's
// store-and-forward queue: retriable errors back off and retry, the others park the record.

export const PROTOCOL_ERRORS = {
  'invalid-request': { httpStatus: 400, code: 4000, retriable: false },
  /** Signature headers (or frame fields) missing or malformed. */
  'invalid-credentials': { httpStatus: 401, code: 4010, retriable: false },
  'unknown-app': { httpStatus: 401, code: 4011, retriable: false },
  'bad-signature': { httpStatus: 401, code: 4012, retriable: false },
  /** Retriable: re-sign with a fresh timestamp (and check the client clock). */
  'stale-timestamp': { httpStatus: 401, code: 4013, retriable: true },
  /** Retriable: re-sign with a new nonce. */
  'replayed-nonce': { httpStatus: 401, code: 4014, retriable: true },
  'unsupported-sign-method': { httpStatus: 401, code: 4015, retriable: false },
  /** TCP: a records or heartbeat frame before a successful login. */
  'not-logged-in': { httpStatus: 401, code: 4016, retriable: true },
  /** TCP: a frame for another app or enterprise than the session logged in as. */
  'session-mismatch': { httpStatus: 403, code: 4030, retriable: false },
  'not-found': { httpStatus: 404, code: 4040, retriable: false },
  'payload-too-large': { httpStatus: 413, code: 4130, retriable: false },
  'rate-limited': { httpStatus: 429, code: 4290, retriable: true },
  'internal-error': { httpStatus: 500, code: 5000, retriable: true },
  unavailable: { httpStatus: 503, code: 5030, retriable: true },
} as const satisfies Record<string, { httpStatus: number; code: number; retriable: boolean }>;

export type ProtocolErrorCode = keyof typeof PROTOCOL_ERRORS;

/** The error name for a wire code, for clients that only kept the number. */
export const protocolErrorByCode = (code: number): ProtocolErrorCode | undefined =>
  (Object.keys(PROTOCOL_ERRORS) as ProtocolErrorCode[]).find((name) => PROTOCOL_ERRORS[name].code === code);
