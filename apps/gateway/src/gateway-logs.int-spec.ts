import { createLogger } from '@ecogate/telemetry';
import { totpCode } from './accounts/totp';
import { STRONG, startTestGateway, type TestGateway } from './testing/test-gateway';

describe('gateway logs', () => {
  const lines: string[] = [];
  let t: TestGateway;

  beforeAll(async () => {
    const logger = createLogger({
      service: 'gateway-logs-it',
      level: 'trace',
      destination: { write: (line: string) => void lines.push(line) },
    });
    t = await startTestGateway({}, {}, logger);
    await t.registerEnterprise('E1', '320102');
  });
  afterAll(() => t?.close());

  it('never carry passwords, tokens, cookies, TOTP secrets or API keys', async () => {
    const secrets: string[] = [STRONG, 'Wrong-Guess-123'];
    const admin = await t.signedIn({ username: 'logs.admin', role: 'enterprise-admin', enterpriseId: 'E1' });
    await t
      .browser()
      .call('POST', '/auth/login', { body: { username: 'logs.admin', password: 'Wrong-Guess-123' } });
    await admin.call('POST', '/auth/refresh');
    await admin.call('POST', '/auth/password', { body: { currentPassword: STRONG, newPassword: 'x' } });
    const enrolment = await admin.call('POST', '/auth/totp/enrol');
    const code = totpCode('logs.admin', enrolment.body.secret);
    await admin.call('POST', '/auth/totp/confirm', { body: { code } });
    const key = await admin.call('POST', '/api/gateway/v1/enterprises/E1/api-keys', {
      body: { name: 'erp', scopes: ['passages:read'], expiresInDays: 1 },
    });
    await fetch(`${t.gateway.url}/api/ledger/v1/enterprises/E1/passages`, {
      headers: { authorization: `ApiKey ${key.body.secret}` },
    });
    await fetch(`${t.gateway.url}/api/ledger/v1/enterprises/E1/passages`, {
      headers: { authorization: 'ApiKey egk_guessed-key' },
    });
    secrets.push(enrolment.body.secret, key.body.secret, 'egk_guessed-key', ...admin.cookies.values());
    await admin.call('POST', '/auth/logout');

    expect(lines.length).toBeGreaterThan(10); // the log was on: audit lines, refusals
    const log = lines.join('\n');
    expect(log).toContain('"audit":"login"');
    for (const secret of secrets.filter((value) => value.length >= 8)) expect(log).not.toContain(secret);
  });
});
