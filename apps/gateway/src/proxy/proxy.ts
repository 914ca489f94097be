import { type ServerResponse, Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Transform, pipeline } from 'node:stream';
import { ACCESS_DENIED_CODE, type Decision, decide, POLICY, type Principal } from '@ecogate/auth';
import { CORRELATION_HEADER, type Logger } from '@ecogate/telemetry';
import { type UpstreamService, UPSTREAM_SERVICES } from '../config/gateway.config';
import { type GatewayRequest, sendError } from '../edge/request-context';
import { type KnownEnterprises } from './known-enterprises';
import { RouteMatcher, safeSegments } from './route-match';

/** Headers never forwarded: identity comes only from the gateway, hop-by-hop ones are per connection. */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];
const STRIPPED_REQUEST = new Set([
  ...HOP_BY_HOP,
  'authorization',
  'cookie',
  'x-operator-id',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
  'host',
  'x-csrf-token',
  // Node answers 100-continue itself; the upstream gets the body as it streams.
  'expect',
]);
const STRIPPED_RESPONSE = new Set([...HOP_BY_HOP, 'set-cookie']);

export interface ProxyOptions {
  readonly upstreams: Partial<Record<UpstreamService, string>>;
  readonly maxBodyBytes: number;
  readonly log: Logger;
  /** Bench only: forward without the policy pre-check (measures what the check costs). */
  readonly skipPolicy?: boolean;
  /**
   * The enterprise directory: an enterprise in the path that is not registered (or deactivated) is
   * refused here, so no service is ever asked about an id nobody registered.
   */
  readonly enterprises?: KnownEnterprises;
}

const PREFIX = /^\/api\/([a-z-]+)\/v1(\/[^?]*)$/;

/**
 * `/api/<service>/v1/<rest>` → `<service URL>/api/v1/<rest>`, streamed both ways. The route must
 * be in the policy table and the caller admitted by it (else 401/403/404 here, and the upstream
 * never sees the request); the upstream still verifies the token itself.
 */
export function createProxy(options: ProxyOptions) {
  const matchers = new Map(UPSTREAM_SERVICES.map((service) => [service, new RouteMatcher(POLICY[service])]));
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 256 });

  return (req: GatewayRequest, res: ServerResponse, next: () => void): void => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const query = queryAt < 0 ? '' : url.slice(queryAt);
    const match = PREFIX.exec(path);
    if (!match) return next();
    const service = match[1] as UpstreamService;
    // The gateway's own API (users, keys, the enterprise directory) and its live lanes stream are
    // served by its controllers.
    if ((service as string) === 'gateway' || (service as string) === 'live') return next();
    const base = (UPSTREAM_SERVICES as readonly string[]).includes(service)
      ? options.upstreams[service]
      : undefined;
    if (!base) return sendError(res, 404, 'not-found', 'no such service');
    const upstreamPath = `/api/v1${match[2] ?? ''}`;
    const segments = safeSegments(upstreamPath);
    if (!segments) return sendError(res, 400, 'invalid-request', 'malformed path');
    const method = (req.method ?? 'GET').toUpperCase();
    let enterpriseId: string | undefined;
    if (!options.skipPolicy) {
      const route = matchers.get(service)?.match(method, segments);
      if (!route) return sendError(res, 404, 'not-found', 'no such route');
      const principal: Principal | undefined = req.caller?.principal;
      const decision = decide(route.rule, principal, route.params);
      if (decision !== 'allow') return refuse(res, decision);
      enterpriseId = route.params['enterpriseId'];
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > options.maxBodyBytes) {
      res.setHeader('Connection', 'close');
      return sendError(res, 413, 'body-too-large', `at most ${options.maxBodyBytes} bytes`);
    }
    const target = new URL(upstreamPath + query, base);
    const go = (): void =>
      forward(req, res, target, options, service, target.protocol === 'https:' ? httpsAgent : httpAgent);
    if (enterpriseId === undefined || !options.enterprises) return go();
    options.enterprises.exists(enterpriseId).then(
      (exists) => (exists ? go() : refuse(res, 'not-found')),
      (error: unknown) => {
        options.log.error({ err: error }, 'enterprise directory unavailable');
        sendError(res, 503, 'dependency-unavailable', 'the enterprise directory is unavailable; retry');
      },
    );
  };
}

/** The policy's refusal, with the same codes the services answer with. */
function refuse(res: ServerResponse, decision: Exclude<Decision, 'allow'>): void {
  const status = { unauthenticated: 401, forbidden: 403, 'not-found': 404 }[decision];
  const reason = {
    unauthenticated: 'sign in first',
    forbidden: 'your role may not do this',
    'not-found': 'no such enterprise',
  }[decision];
  sendError(res, status, ACCESS_DENIED_CODE[decision], reason);
}

/** Methods without a body that may be sent again when a kept-alive connection was already gone. */
const RETRYABLE = new Set(['GET', 'HEAD']);

function forward(
  req: GatewayRequest,
  res: ServerResponse,
  target: URL,
  options: ProxyOptions,
  service: UpstreamService,
  agent: HttpAgent,
  retried = false,
): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined && !STRIPPED_REQUEST.has(name)) headers[name] = value;
  if (req.caller) headers['authorization'] = `Bearer ${req.caller.token}`;
  headers['x-forwarded-for'] = req.clientIp;
  headers['x-forwarded-proto'] = req.socket && 'encrypted' in req.socket ? 'https' : 'http';
  headers[CORRELATION_HEADER] = String(
    res.getHeader(CORRELATION_HEADER) ?? req.headers[CORRELATION_HEADER] ?? '',
  );
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(target, { method: req.method, headers, agent }, (response) => {
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(response.headers))
      if (value !== undefined && !STRIPPED_RESPONSE.has(name)) out[name] = value;
    res.writeHead(response.statusCode ?? 502, out);
    pipeline(response, res, (error) => {
      if (error) options.log.warn({ service, err: error.message }, 'response stream ended early');
    });
  });
  // An upstream failure after the request was sent (the service closed a kept-alive connection as it
  // was reused, crashed mid-answer) comes after `pipeline` below has finished: answer it here, or the
  // caller would wait forever.
  let upstreamFailed = false;
  upstream.on('error', (error: NodeJS.ErrnoException) => {
    upstreamFailed = true;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (!retried && upstream.reusedSocket && error.code === 'ECONNRESET' && RETRYABLE.has(req.method ?? '')) {
      forward(req, res, target, options, service, agent, true);
      return;
    }
    options.log.warn({ service, err: error.message }, 'proxy request failed');
    sendError(res, 502, 'upstream-unavailable', `${service} did not answer`);
  });
  if (retried) {
    // The first attempt already read the (empty) request body.
    upstream.end();
    return;
  }
  let seen = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > options.maxBodyBytes) callback(new Error('body too large'));
      else callback(null, chunk);
    },
  });
  pipeline(req, limit, upstream, (error) => {
    // Upstream errors are answered by its own listener above.
    if (!error || upstreamFailed) return;
    options.log.warn({ service, err: error.message }, 'proxy request failed');
    if (!res.headersSent) {
      const tooLarge = seen > options.maxBodyBytes;
      sendError(
        res,
        tooLarge ? 413 : 502,
        tooLarge ? 'body-too-large' : 'upstream-unavailable',
        tooLarge ? 'body too large' : `${service} did not answer`,
      );
    } else res.destroy();
  });
}
