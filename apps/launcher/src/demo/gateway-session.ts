/** What a call through the gateway answered. */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

/**
 * A person's session on the gateway, as a browser holds it: the session cookies, and the CSRF
 * cookie echoed in `X-CSRF-Token` on every unsafe method. The demo uses the public API only.
 */
export class GatewaySession {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  call(method: string, path: string, body?: unknown): Promise<Reply> {
    return body === undefined
      ? this.send(method, path)
      : this.send(method, path, { type: 'application/json', bytes: JSON.stringify(body) });
  }

  /** A request with a raw body (e.g. a document photo). */
  async send(
    method: string,
    path: string,
    body?: { type: string; bytes: string | Uint8Array },
  ): Promise<Reply> {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    };
    if (body) headers['content-type'] = body.type;
    const csrf = this.cookies.get('csrf');
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    const response = await fetch(this.base + path, {
      method,
      headers,
      ...(body ? { body: body.bytes } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const at = pair.indexOf('=');
      if (at > 0) this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      // Not JSON: kept as text for the error message.
    }
    return { status: response.status, body: parsed };
  }

  /** Like `call`, but a status of 300 or more is an error naming the call and the reason. */
  async expect(method: string, path: string, body?: unknown): Promise<unknown> {
    return succeeded(method, path, await this.call(method, path, body));
  }

  /** Like `send`, but a status of 300 or more is an error. */
  async expectSent(
    method: string,
    path: string,
    body: { type: string; bytes: string | Uint8Array },
  ): Promise<unknown> {
    return succeeded(method, path, await this.send(method, path, body));
  }

  async login(username: string, password: string): Promise<void> {
    await this.expect('POST', '/auth/login', { username, password });
  }

  /** A first login: the one-time password, then the permanent one, as the gateway requires. */
  async firstLogin(username: string, oneTimePassword: string, password: string): Promise<void> {
    await this.login(username, oneTimePassword);
    await this.expect('POST', '/auth/password', { currentPassword: oneTimePassword, newPassword: password });
  }
}

function succeeded(method: string, path: string, reply: Reply): unknown {
  if (reply.status >= 300)
    throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}
