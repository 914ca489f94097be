import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type EventEnvelope } from '@ecogate/contracts';
import { type EventConsumer, type MessagingTransport } from '@ecogate/messaging';
import { expectEventually, releaseAll, freePort } from '@ecogate/testing';
import { ENTERPRISE_TOPIC } from './enterprises';
import { TRANSACTION_COOKIE_NAME } from './oidc';
import { TestBrowser, TestOidcProvider } from './oidc/testing/test-provider';
import { ACCESS_COOKIE, CSRF_COOKIE, REFRESH_COOKIE } from './sessions/cookies';
import { Browser } from './testing/gateway-test-kit';
import { startTestGateway, type TestGateway } from './testing/test-gateway';

// Single sign-on through the real gateway: a real OIDC provider (child process), the gateway on
// Postgres with the enterprise directory publishing on either bus (Kafka, the cluster profile, or
// the embedded Postgres event log), and a ledger stand-in behind the proxy.
jest.setTimeout(120_000);

const ROLE_MAP = JSON.stringify([
  { claim: 'groups', value: 'ecogate-city-admins', role: 'city-admin' },
  { claim: 'groups', value: 'ecogate-inspectors', role: 'inspector', districtsClaim: 'districts' },
  {
    claim: 'groups',
    value: 'ecogate-gate-staff',
    role: 'enterprise-staff',
    enterpriseClaim: 'enterprise_id',
  },
]);
const person = (groups: string[], extra: Record<string, unknown> = {}) => ({
  password: 'correct horse',
  claims: { name: `${groups[0]} person`, groups, ...extra },
});
const ACCOUNTS = {
  li: person(['ecogate-inspectors'], { preferred_username: 'li.inspector', districts: ['320102'] }),
  zhao: person(['ecogate-gate-staff'], { preferred_username: 'zhao', enterprise_id: 'E1' }),
  qian: person(['ecogate-gate-staff'], { enterprise_id: 'E-not-registered' }),
};
const READER = 'gateway-sso-it-reader';

describe.each(['kafka', 'embedded'] as const)(
  'gateway single sign-on and enterprise directory (real provider, Postgres, %s bus)',
  (bus) => {
    let provider: TestOidcProvider;
    let t: TestGateway;
    let upstream: Server;
    let transport: MessagingTransport;
    let reader: EventConsumer;
    let base: string;
    let callbackUri: string;
    const events: EventEnvelope<typeof ENTERPRISE_TOPIC>[] = [];
    const proxied: string[] = [];

    beforeAll(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      callbackUri = `${base}/auth/oidc/callback`;
      provider = await TestOidcProvider.start({
        redirectUri: callbackUri,
        accounts: ACCOUNTS,
      });
      upstream = createServer((req, res) => {
        proxied.push(req.url ?? '');
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[]}');
      });
      await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
      t = await startTestGateway({
        bus,
        httpPort: port,
        upstreams: { ledger: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}` },
        oidc: provider.gatewayConfig(ROLE_MAP),
      });
      expect(t.messaging.kind).toBe(bus);
      // Reads what the gateway's own relay publishes (the gateway created the topic at start).
      transport = await t.openBus();
      reader = transport.createConsumer({
        groupId: READER,
        handlers: {
          [ENTERPRISE_TOPIC]: async (event: EventEnvelope<typeof ENTERPRISE_TOPIC>) =>
            void events.push(event),
        },
      });
      await transport.ensureTopics(reader.topics().map((name) => ({ name })));
      await reader.start();
      await reader.ready();
      // Two enterprises in two districts, through the directory's API as the city-admin.
      await t.registerEnterprise('E1', '320102');
      await t.registerEnterprise('E2', '320104');
    });
    afterAll(() =>
      releaseAll(
        () => reader?.stop(),
        () => transport?.close(),
        () => t?.close(),
        () => provider?.close(),
        () => new Promise((resolve) => (upstream ? upstream.close(resolve) : resolve(undefined))),
      ),
    );

    /** Signs in at the provider as `login` and follows the callback: the gateway's answer and cookies. */
    const signIn = async (login: string, browser = new TestBrowser()) => {
      const started = await browser.get(`${base}/auth/oidc/login?returnTo=${encodeURIComponent('/console')}`);
      expect(started.status).toBe(302);
      const callback = await browser.signInAtProvider(
        started.headers.get('location')!,
        login,
        'correct horse',
        callbackUri,
      );
      const answer = await browser.get(callback);
      const session = new Browser(base);
      for (const name of [ACCESS_COOKIE, REFRESH_COOKIE, CSRF_COOKIE]) {
        const value = browser.cookie(base, name);
        if (value) session.cookies.set(name, value);
      }
      const text = await answer.text();
      return {
        status: answer.status,
        location: answer.headers.get('location'),
        setCookies: answer.headers.getSetCookie(),
        body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : undefined,
        session,
        browser,
      };
    };
    const audit = (): Promise<{ outcome: string; actor_name: string; detail: Record<string, unknown> }[]> =>
      t.gateway.dataSource.query(
        `SELECT "outcome", "actor_name", "detail" FROM "gateway_audit_log" WHERE "event" = 'sso-sign-on' ORDER BY "id"`,
      );

    it(`audits every directory change in the gateway log and publishes it on the ${bus} bus through the gateway relay`, async () => {
      const admin = await t.admin.call('GET', '/auth/me');
      expect(
        await t.gateway.dataSource.query(
          `SELECT "actor_id", "object" FROM "gateway_audit_log" WHERE "event" = 'enterprise-registered' ORDER BY "id"`,
        ),
      ).toEqual([
        { actor_id: admin.body.id, object: 'E1' },
        { actor_id: admin.body.id, object: 'E2' },
      ]);
      await expectEventually(() => expect(events.map((e) => e.enterpriseId).sort()).toEqual(['E1', 'E2']), {
        timeoutMs: 30_000,
      });
      expect(events.find((e) => e.enterpriseId === 'E2')?.payload).toMatchObject({
        change: 'registered',
        districtCode: '320104',
        revision: 1,
      });
    });

    it('signs an inspector in with the same cookies as a password login; the directory scopes the token', async () => {
      const signedIn = await signIn('li');
      expect(signedIn).toMatchObject({ status: 303, location: '/console' });
      expect(signedIn.setCookies.find((c) => c.startsWith(`${ACCESS_COOKIE}=`))).toMatch(
        /Path=\/; .*SameSite=Strict; HttpOnly/,
      );
      expect(signedIn.setCookies.find((c) => c.startsWith(`${REFRESH_COOKIE}=`))).toMatch(
        /Path=\/auth\/refresh; .*SameSite=Strict; HttpOnly/,
      );
      expect(signedIn.setCookies.find((c) => c.startsWith(`${CSRF_COOKIE}=`))).not.toMatch(/HttpOnly/);
      // The single-use sign-on cookie is spent in the same answer.
      expect(signedIn.setCookies.find((c) => c.startsWith(`${TRANSACTION_COOKIE_NAME}=;`))).toBeDefined();

      const me = await signedIn.session.call('GET', '/auth/me');
      expect(me).toMatchObject({
        status: 200,
        body: {
          username: `li.inspector@${new URL(provider.issuer).host}`,
          role: 'inspector',
          districts: ['320102'],
          enterprises: ['E1'],
          singleSignOn: true,
          pendingActions: [],
        },
      });
      const proxy = (path: string) => signedIn.session.call('GET', path);
      expect((await proxy('/api/ledger/v1/enterprises/E1/passages')).status).toBe(200);
      expect((await proxy('/api/ledger/v1/enterprises/E2/passages')).status).toBe(404);
      expect(proxied).toEqual(['/api/v1/enterprises/E1/passages']);
      expect((await proxy('/api/gateway/v1/enterprises/E1')).status).toBe(200);
      expect((await proxy('/api/gateway/v1/enterprises/E2')).status).toBe(404);
      expect((await signedIn.session.call('POST', '/auth/refresh')).status).toBe(200);
      expect(await audit()).toContainEqual(
        expect.objectContaining({
          outcome: 'success',
          detail: expect.objectContaining({ role: 'inspector' }),
        }),
      );
    });

    it('signs in again over the cookies of an ended session', async () => {
      const first = await signIn('li');
      expect((await first.session.call('POST', '/auth/logout')).status).toBe(204);
      // The browser still holds the ended session's cookies (e.g. after an idle timeout).
      expect(first.browser.cookie(base, ACCESS_COOKIE)).toBeDefined();
      const again = await signIn('li', first.browser);
      expect(again.status).toBe(303);
      expect((await again.session.call('GET', '/auth/me')).status).toBe(200);
    });

    it('finds the same account at the next sign-on and follows the provider’s mapping', async () => {
      const first = await (await signIn('li')).session.call('GET', '/auth/me');
      await provider.tamperNextIdToken({ districts: ['320104'] });
      const again = await (await signIn('li')).session.call('GET', '/auth/me');
      expect(again.body).toMatchObject({ id: first.body.id, districts: ['320104'], enterprises: ['E2'] });
    });

    it('gives an SSO account no password: no login, change or reset', async () => {
      const staff = await signIn('zhao');
      const me = await staff.session.call('GET', '/auth/me');
      expect(me.body).toMatchObject({ role: 'enterprise-staff', enterpriseId: 'E1', enterprises: ['E1'] });
      expect(
        await staff.session.call('POST', '/auth/password', {
          body: { currentPassword: 'anything-at-all', newPassword: 'Another-Passw0rd' },
        }),
      ).toMatchObject({ status: 409, body: { code: 'sso-account' } });
      expect((await staff.session.call('POST', '/auth/totp/enrol')).body.code).toBe('sso-account');
      const reset = await t.admin.call('POST', `/api/gateway/v1/users/${me.body.id}/reset-password`);
      expect(reset).toMatchObject({
        status: 409,
        body: { code: 'sso-account', reason: expect.stringContaining('identity provider') },
      });
      const login = await t.browser().call('POST', '/auth/login', {
        body: { username: me.body.username, password: 'anything-at-all' },
      });
      expect(login).toMatchObject({ status: 401, body: { code: 'invalid-credentials' } });
    });

    it('refuses a disabled account and an enterprise the directory does not know, and audits both', async () => {
      const staff = await (await signIn('zhao')).session.call('GET', '/auth/me');
      expect((await t.admin.call('POST', `/api/gateway/v1/users/${staff.body.id}/disable`)).status).toBe(204);
      expect(await signIn('zhao')).toMatchObject({ status: 403, body: { code: 'account-disabled' } });
      expect(await signIn('qian')).toMatchObject({ status: 403, body: { code: 'unknown-enterprise' } });
      const refusals = (await audit()).filter((row) => row.outcome === 'failure');
      expect(refusals.map((row) => row.detail['code'])).toEqual(['session-refused', 'unknown-enterprise']);
    });
  },
);
