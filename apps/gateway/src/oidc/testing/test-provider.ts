import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Secret } from '@ecogate/config';
import { type OidcConfig } from '../oidc.config';
import { parseRoleMap } from '../role-map';

export interface TestAccount {
  readonly password: string;
  readonly claims: Readonly<Record<string, unknown>>;
}

/** The gateway's client at the test provider. */
const CLIENT_ID = 'ecogate-gateway';
const CLIENT_SECRET = 'a-client-secret-of-the-city-idp-0123456789';

/** `oidc-test-provider.mjs` in a child process: a real OIDC provider on 127.0.0.1. */
export class TestOidcProvider {
  private constructor(
    private readonly child: ChildProcess,
    readonly issuer: string,
    private readonly redirectUri: string,
  ) {}

  static async start(options: {
    readonly redirectUri: string;
    readonly accounts: Readonly<Record<string, TestAccount>>;
  }): Promise<TestOidcProvider> {
    const child = spawn(process.execPath, [join(__dirname, 'oidc-test-provider.mjs')], {
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'test',
        OIDC_TEST_REDIRECT_URI: options.redirectUri,
        OIDC_TEST_CLIENT_ID: CLIENT_ID,
        OIDC_TEST_CLIENT_SECRET: CLIENT_SECRET,
        OIDC_TEST_USERS: JSON.stringify(options.accounts),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const issuer = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(
        () => reject(new Error(`test OIDC provider did not start: ${stderr}`)),
        20_000,
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /READY (\S+)/.exec(stdout);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`test OIDC provider exited with ${code}: ${stderr}`));
      });
    });
    return new TestOidcProvider(child, issuer, options.redirectUri);
  }

  /** The gateway's single sign-on settings for this provider, with the given claims → role map (JSON). */
  gatewayConfig(roleMap: string): OidcConfig {
    return {
      issuer: this.issuer,
      clientId: CLIENT_ID,
      clientSecret: new Secret(CLIENT_SECRET),
      redirectUri: this.redirectUri,
      scopes: ['openid', 'profile', 'groups'],
      roleMap: parseRoleMap(roleMap),
      usernameClaim: 'preferred_username',
      displayNameClaim: 'name',
      transactionKey: new Secret('a-transaction-key-of-at-least-32-chars!!'),
      transactionTtlSeconds: 600,
      allowHttp: true,
    };
  }

  /** The next token response carries an ID token re-signed with these claims overridden. */
  async tamperNextIdToken(claims: Readonly<Record<string, unknown>>): Promise<void> {
    const response = await fetch(`${this.issuer}/__test/tamper`, {
      method: 'POST',
      body: JSON.stringify(claims),
    });
    if (response.status !== 204) throw new Error(`tamper: ${response.status}`);
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}

/** A browser enough for the code flow: cookies per origin, redirects followed by hand. */
export class TestBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  async get(url: string): Promise<Response> {
    return this.send(url, { method: 'GET' });
  }

  async postForm(url: string, form: Record<string, string>): Promise<Response> {
    return this.send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(new URL(origin).origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string): void {
    this.jar(origin).set(name, value);
  }

  /**
   * Follows redirects from `url`, signing in at the provider's login form as `login`, until the
   * browser is sent to `stopAt` (the gateway's callback), and returns that URL without calling it.
   */
  async signInAtProvider(url: string, login: string, password: string, stopAt: string): Promise<string> {
    let next = url;
    for (let hop = 0; hop < 20; hop += 1) {
      if (next.startsWith(stopAt)) return next;
      const response = await this.get(next);
      const location = response.headers.get('location');
      if (location) {
        next = new URL(location, next).href;
        continue;
      }
      const form = /action="([^"]+\/login)"/.exec(await response.text());
      if (response.status !== 200 || !form?.[1]) throw new Error(`unexpected ${response.status} at ${next}`);
      const posted = await this.postForm(new URL(form[1], next).href, { login, password });
      const after = posted.headers.get('location');
      if (!after) throw new Error(`login refused by the provider: ${posted.status} ${await posted.text()}`);
      next = new URL(after, next).href;
    }
    throw new Error('too many redirects');
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const jar = this.jar(url);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(header)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  private jar(url: string): Map<string, string> {
    const origin = new URL(url).origin;
    let jar = this.jars.get(origin);
    if (!jar) this.jars.set(origin, (jar = new Map()));
    return jar;
  }
}
