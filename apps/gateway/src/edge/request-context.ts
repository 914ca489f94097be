import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Principal } from '@ecogate/auth';

/** Who is calling, as the gateway established it (never from a client header). */
export interface GatewayCaller {
  readonly kind: 'session' | 'api-key';
  /** The gateway JWT the request carries on (to the policy guard, to upstreams). */
  readonly token: string;
  readonly principal: Principal;
  readonly sessionId?: string;
}

export interface GatewayRequest extends IncomingMessage {
  caller?: GatewayCaller;
  /** The client's address (`clientIpOf`: the TCP peer, or what our trusted proxies saw). */
  clientIp: string;
}

/** The `{ code, reason }` refusal for middleware that answers before Nest's filters. */
export function sendError(res: ServerResponse, status: number, code: string, reason: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (status === 401) res.setHeader('WWW-Authenticate', 'Cookie, ApiKey');
  res.end(JSON.stringify({ code, reason }));
}
