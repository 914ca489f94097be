import { totpCode } from './accounts/totp';
import { STRONG, startTestGateway, type TestGateway } from './testing/test-gateway';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LOCKOUT_SECONDS = 2;
const IDLE_SECONDS = 4;

describe('gateway accounts and sessions (real Postgres, real HTTP)', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({
      lockoutSeconds: LOCKOUT_SECONDS,
      idleSeconds: IDLE_SECONDS,
    });
    for (const [id, district] of [
      ['E1', '320111'],
      ['E7', '320102'],
      ['E8', '320102'],
      ['E9', '320104'],
    ] as const)
      await t.registerEnterprise(id, district);
  });
  afterAll(() => t?.close());

  const audit = async (event: string): Promise<{ outcome: string; actor_name: string }[]> =>
    t.gateway.dataSource.query(
      `SELECT "outcome", "actor_name" FROM "gateway_audit_log" WHERE "event" = $1 ORDER BY "id"`,
      [event],
    );

  it('forces a new password at first login and refuses everything else until then', async () => {
    const created = await t.admin.call('POST', '/api/gateway/v1/users', {
      body: { username: 'op.zhang', displayName: 'Zhang', role: 'city-operator' },
    });
    expect(created.status).toBe(201);
    const user = t.browser();
    const login = await user.call('POST', '/auth/login', {
      body: { username: 'op.zhang', password: created.body.oneTimePassword },
    });
    // A second session with the one-time password (e.g. whoever else saw it) ends with the change.
    const other = t.browser();
    await other.call('POST', '/auth/login', {
      body: { username: 'op.zhang', password: created.body.oneTimePassword },
    });
    expect(login.status).toBe(200);
    expect(login.body.pendingActions).toEqual(['change-password']);
    expect((await user.call('GET', '/api/gateway/v1/users')).body.code).toBe('password-change-required');
    expect((await user.call('GET', '/auth/me')).status).toBe(200);
    expect((await user.call('POST', '/auth/refresh')).status).toBe(200);
    expect(
      (
        await user.call('POST', '/auth/password', {
          body: { currentPassword: created.body.oneTimePassword, newPassword: STRONG },
        })
      ).status,
    ).toBe(204);
    expect((await other.call('GET', '/auth/me')).status).toBe(401);
    const me = await user.call('GET', '/auth/me');
    expect(me.body).toMatchObject({
      username: 'op.zhang',
      role: 'city-operator',
      pendingActions: [],
      enterprises: '*',
    });
    // city-operator is not city-admin: the policy table refuses, after the forced change is done.
    expect((await user.call('GET', '/api/gateway/v1/users')).status).toBe(403);
  });

  it('refuses a weak new password with the rule that failed', async () => {
    const user = await t.signedIn({ username: 'weak.wu', role: 'city-operator' });
    for (const [password, problem] of [
      ['Short1!', 'too-short'],
      ['onlylowercaseletters', 'too-few-classes'],
      ['Weak.Wu-123456', 'contains-username'],
    ] as const) {
      const answer = await user.call('POST', '/auth/password', {
        body: { currentPassword: STRONG, newPassword: password },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('weak-password');
      expect(answer.body.reason).toContain(problem);
    }
  });

  it('locks after 5 failures, refuses even the right password, and unlocks after the period', async () => {
    await t.signedIn({ username: 'lock.li', role: 'city-operator' });
    const guesser = t.browser();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const answer = await guesser.call('POST', '/auth/login', {
        body: { username: 'lock.li', password: `Wrong-guess-${attempt}` },
      });
      expect(answer.status).toBe(401);
    }
    const locked = await guesser.call('POST', '/auth/login', {
      body: { username: 'lock.li', password: STRONG },
    });
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe('account-locked');
    expect(await audit('lockout')).toEqual([expect.objectContaining({ actor_name: 'lock.li' })]);
    await sleep(LOCKOUT_SECONDS * 1000 + 200);
    expect(
      (await guesser.call('POST', '/auth/login', { body: { username: 'lock.li', password: STRONG } })).status,
    ).toBe(200);
  });

  it('an admin unlocks a locked account at once', async () => {
    await t.signedIn({ username: 'lock.ma', role: 'city-operator' });
    const guesser = t.browser();
    for (let attempt = 1; attempt <= 5; attempt++)
      await guesser.call('POST', '/auth/login', {
        body: { username: 'lock.ma', password: `Wrong-guess-${attempt}` },
      });
    const users = await t.admin.call('GET', '/api/gateway/v1/users');
    const target = users.body.find((u: { username: string }) => u.username === 'lock.ma');
    expect(target.locked).toBe(true);
    expect((await t.admin.call('POST', `/api/gateway/v1/users/${target.id}/unlock`)).status).toBe(204);
    expect(
      (await guesser.call('POST', '/auth/login', { body: { username: 'lock.ma', password: STRONG } })).status,
    ).toBe(200);
  });

  it('enrols TOTP and then requires a right code at login, each code good once', async () => {
    const user = await t.signedIn({ username: 'totp.sun', role: 'city-operator' });
    const enrolment = await user.call('POST', '/auth/totp/enrol');
    expect(enrolment.status).toBe(200);
    expect(enrolment.body.uri).toMatch(/^otpauth:\/\/totp\/Ecogate:totp\.sun\?.*secret=/);
    expect((await user.call('POST', '/auth/totp/confirm', { body: { code: '000000' } })).status).toBe(401);
    const confirmCode = totpCode('totp.sun', enrolment.body.secret);
    expect((await user.call('POST', '/auth/totp/confirm', { body: { code: confirmCode } })).status).toBe(204);
    const login = (totp?: string) =>
      t.browser().call('POST', '/auth/login', {
        body: { username: 'totp.sun', password: STRONG, ...(totp ? { totpCode: totp } : {}) },
      });
    const withoutCode = await login();
    expect([withoutCode.status, withoutCode.body.code]).toEqual([401, 'totp-required']);
    const nextCode = totpCode('totp.sun', enrolment.body.secret, 1);
    const wrong = await login(String((Number(nextCode) + 500_000) % 1_000_000).padStart(6, '0'));
    expect([wrong.status, wrong.body.code]).toEqual([401, 'invalid-totp']);
    // The code that confirmed the enrolment was used once: replaying it is refused.
    const replayed = await login(confirmCode);
    expect([replayed.status, replayed.body.code]).toEqual([401, 'invalid-totp']);
    const withCode = await login(nextCode);
    expect(withCode.status).toBe(200);
    expect(withCode.body.totpEnabled).toBe(true);
  });

  it('ends an idle session at request time and at refresh', async () => {
    const user = await t.signedIn({ username: 'idle.zhou', role: 'city-operator' });
    expect((await user.call('GET', '/auth/me')).status).toBe(200);
    const stale = user.copy();
    await sleep(IDLE_SECONDS * 1000 + 500);
    const me = await user.call('GET', '/auth/me');
    expect([me.status, me.body.code]).toEqual([401, 'session-ended']);
    expect((await stale.call('POST', '/auth/refresh')).status).toBe(401);
  });

  it('logout ends the session: the old cookies no longer work', async () => {
    const user = await t.signedIn({ username: 'out.qian', role: 'city-operator' });
    const copied = user.copy();
    expect((await user.call('POST', '/auth/logout')).status).toBe(204);
    expect(user.cookies.has('ecogate_access')).toBe(false);
    expect((await copied.call('GET', '/auth/me')).status).toBe(401);
    expect((await copied.call('POST', '/auth/refresh')).status).toBe(401);
    expect((await audit('logout')).map((r) => r.actor_name)).toContain('out.qian');
  });

  it('rotates refresh tokens; reusing one revokes the whole family', async () => {
    const user = await t.signedIn({ username: 'rot.feng', role: 'city-operator' });
    const first = user.cookies.get('ecogate_refresh');
    const thief = user.copy();
    const refreshed = await user.call('POST', '/auth/refresh');
    expect(refreshed.status).toBe(200);
    const second = user.cookies.get('ecogate_refresh');
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect((await user.call('GET', '/auth/me')).status).toBe(200);
    // The first token again (a copy): reuse, the session ends for everyone holding it.
    const reuse = await thief.call('POST', '/auth/refresh');
    expect([reuse.status, reuse.body.code]).toEqual([401, 'session-ended']);
    expect((await user.call('POST', '/auth/refresh')).status).toBe(401);
    expect((await user.call('GET', '/auth/me')).status).toBe(401);
    expect(await audit('session-revoked')).toHaveLength(1);
  });

  it('refuses unsafe cookie requests without the CSRF token', async () => {
    const user = await t.signedIn({ username: 'csrf.chen', role: 'city-operator' });
    const refused = await user.call('POST', '/auth/password', {
      body: { currentPassword: STRONG, newPassword: 'Another-Passw0rd' },
      csrf: false,
    });
    expect([refused.status, refused.body.code]).toEqual([403, 'csrf-failed']);
    expect((await user.call('POST', '/auth/logout', { csrf: false })).status).toBe(403);
    expect((await user.call('POST', '/auth/refresh', { csrf: false })).status).toBe(403);
    expect(
      (await user.call('POST', '/auth/logout', { headers: { 'x-csrf-token': 'forged' }, csrf: false }))
        .status,
    ).toBe(403);
    expect((await user.call('GET', '/auth/me')).status).toBe(200);
  });

  it('sets HttpOnly, SameSite=Strict cookies; the refresh cookie only for its path', async () => {
    const login = await t
      .browser()
      .call('POST', '/auth/login', { body: { username: 'root-admin', password: STRONG } });
    const cookies = login.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith('ecogate_access='))).toMatch(/HttpOnly/);
    expect(cookies.find((c) => c.startsWith('ecogate_refresh='))).toMatch(
      /Path=\/auth\/refresh; .*SameSite=Strict.*HttpOnly/,
    );
    expect(cookies.find((c) => c.startsWith('csrf='))).not.toMatch(/HttpOnly/);
    expect(login.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('keeps an enterprise admin to its own enterprise', async () => {
    const entAdmin = await t.signedIn({
      username: 'ent1.admin',
      role: 'enterprise-admin',
      enterpriseId: 'E1',
    });
    const created = await entAdmin.call('POST', '/api/gateway/v1/enterprises/E1/users', {
      body: { username: 'ent1.staff', displayName: 'Staff', role: 'enterprise-staff' },
    });
    expect(created.status).toBe(201);
    expect(created.body.user.enterpriseId).toBe('E1');
    expect(
      (
        await entAdmin.call('POST', '/api/gateway/v1/enterprises/E1/users', {
          body: { username: 'x.city', displayName: 'x', role: 'city-admin' },
        })
      ).status,
    ).toBe(400);
    expect((await entAdmin.call('GET', '/api/gateway/v1/enterprises/E2/users')).status).toBe(404);
    expect((await entAdmin.call('GET', '/api/gateway/v1/users')).status).toBe(403);
    const rootId = (await t.admin.call('GET', '/api/gateway/v1/users')).body.find(
      (u: { username: string }) => u.username === 'root-admin',
    ).id;
    expect(
      (await entAdmin.call('POST', `/api/gateway/v1/enterprises/E1/users/${rootId}/disable`)).status,
    ).toBe(404);
    const reset = await entAdmin.call(
      'POST',
      `/api/gateway/v1/enterprises/E1/users/${created.body.user.id}/reset-password`,
    );
    expect(reset.status).toBe(200);
    const staff = t.browser();
    const login = await staff.call('POST', '/auth/login', {
      body: { username: 'ent1.staff', password: reset.body.oneTimePassword },
    });
    expect(login.body.pendingActions).toEqual(['change-password']);
  });

  it('a disabled account loses its sessions', async () => {
    const user = await t.signedIn({ username: 'gone.he', role: 'city-operator' });
    const id = (await user.call('GET', '/auth/me')).body.id;
    expect((await t.admin.call('POST', `/api/gateway/v1/users/${id}/disable`)).status).toBe(204);
    expect((await user.call('GET', '/auth/me')).status).toBe(401);
    expect(
      (await t.browser().call('POST', '/auth/login', { body: { username: 'gone.he', password: STRONG } }))
        .status,
    ).toBe(403);
  });

  it('keeps audit records append-only in the database', async () => {
    await expect(
      t.gateway.dataSource.query(`UPDATE "gateway_audit_log" SET "outcome" = 'success'`),
    ).rejects.toThrow(/append-only/);
    await expect(t.gateway.dataSource.query(`DELETE FROM "gateway_audit_log"`)).rejects.toThrow(/180 days/);
    expect((await audit('login')).some((r) => r.outcome === 'failure')).toBe(true);
  });

  it('answers bad input with { code, reason }', async () => {
    const answer = await t.browser().call('POST', '/auth/login', { body: { username: 'x' } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ code: 'invalid-request', reason: expect.stringContaining('password') });
    const unknown = await t
      .browser()
      .call('POST', '/auth/login', { body: { username: 'nobody', password: 'Whatever-123' } });
    expect([unknown.status, unknown.body.code]).toEqual([401, 'invalid-credentials']);
  });

  it('forces a change once the password is past its maximum age', async () => {
    await t.signedIn({ username: 'old.pw', role: 'city-operator' });
    await t.gateway.dataSource.query(
      `UPDATE "gateway_users" SET "password_changed_at" = now() - interval '91 days' WHERE "username" = 'old.pw'`,
    );
    const user = t.browser();
    const login = await user.call('POST', '/auth/login', { body: { username: 'old.pw', password: STRONG } });
    expect(login.body.pendingActions).toEqual(['change-password']);
    expect((await user.call('GET', '/api/ledger/v1/enterprises/E1/passages')).body.code).toBe(
      'password-change-required',
    );
  });

  it('gives an inspector the enterprises of their districts from the directory', async () => {
    const inspector = await t.signedIn({
      username: 'insp.guo',
      role: 'inspector',
      districts: ['320102', '320104'],
    });
    expect((await inspector.call('GET', '/auth/me')).body.enterprises).toEqual(['E7', 'E8', 'E9']);
    expect((await inspector.call('GET', '/api/gateway/v1/enterprises/E9')).status).toBe(200);
    expect((await inspector.call('GET', '/api/gateway/v1/enterprises/E1')).status).toBe(404);
  });

  it('refuses an enterprise account for an enterprise the directory does not have', async () => {
    const created = await t.admin.call('POST', '/api/gateway/v1/users', {
      body: { username: 'ghost.staff', displayName: 'Ghost', role: 'enterprise-staff', enterpriseId: 'E404' },
    });
    expect(created).toMatchObject({
      status: 404,
      body: { code: 'enterprise-not-found', reason: expect.stringContaining('E404') },
    });
    expect(
      (
        await t.admin.call('POST', '/api/gateway/v1/enterprises/E404/users', {
          body: { username: 'ghost.admin', displayName: 'Ghost', role: 'enterprise-admin' },
        })
      ).status,
    ).toBe(404);
  });

  it('keeps CORS closed and JSON bodies small', async () => {
    const preflight = await fetch(`${t.gateway.url}/auth/login`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const large = await t.browser().call('POST', '/auth/login', {
      body: { username: 'x', password: 'y', padding: 'z'.repeat(64 * 1024) },
    });
    expect(large.status).toBe(413);
  });
});

describe('gateway with a TOTP rule for city-admin and a login rate limit', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ totpRequiredRoles: ['city-admin'], loginPerMinute: 4 });
  });
  afterAll(() => t?.close());

  it('lets a city-admin do nothing but enrol until TOTP is confirmed', async () => {
    const blocked = await t.admin.call('GET', '/api/gateway/v1/users');
    expect([blocked.status, blocked.body.code]).toEqual([403, 'totp-enrolment-required']);
    const enrolment = await t.admin.call('POST', '/auth/totp/enrol');
    expect(
      (
        await t.admin.call('POST', '/auth/totp/confirm', {
          body: { code: totpCode('root-admin', enrolment.body.secret) },
        })
      ).status,
    ).toBe(204);
    expect((await t.admin.call('GET', '/api/gateway/v1/users')).status).toBe(200);
    // Required: it cannot be switched off.
    const off = await t.admin.call('POST', '/auth/totp/disable', {
      body: { code: totpCode('root-admin', enrolment.body.secret) },
    });
    expect(off.status).toBe(409);
  });

  it('rate-limits login attempts per client and username', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++)
      statuses.push(
        (
          await t
            .browser()
            .call('POST', '/auth/login', { body: { username: 'nobody', password: 'Wrong-guess-1' } })
        ).status,
      );
    expect(statuses.slice(-2)).toEqual([429, 429]);
  });
});
