import { type IncomingHttpHeaders } from 'node:http';
import { SIGNATURE_HEADERS } from '@ecogate/platform-protocol';
import { type Credentials } from '../auth/request-authenticator';

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** The five signature headers of an HTTP request. */
export const credentialsFromHeaders = (headers: IncomingHttpHeaders): Credentials => ({
  appId: single(headers[SIGNATURE_HEADERS.appId]),
  timestamp: single(headers[SIGNATURE_HEADERS.timestamp]),
  nonce: single(headers[SIGNATURE_HEADERS.nonce]),
  signMethod: single(headers[SIGNATURE_HEADERS.signMethod]),
  signature: single(headers[SIGNATURE_HEADERS.signature]),
});
