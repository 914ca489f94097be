import { type z } from 'zod';
import { enterprisePageSchema, enterpriseSchema } from './enterprises';
import {
  apiKeyViewSchema,
  createdApiKeySchema,
  createdUserSchema,
  healthSchema,
  meSchema,
  oneTimePasswordSchema,
  sessionAccountSchema,
  totpEnrolmentSchema,
  userViewSchema,
} from './http/gateway.responses';
import { STRONG, startTestGateway, type TestGateway } from './testing/test-gateway';

// The 2xx bodies the gateway's OpenAPI document declares (the console's generated types) against
// what the controllers really answer: the schemas are strict, so a field answered but not declared
// (or declared but missing) fails here.
jest.setTimeout(90_000);

const E = 'ent-responses';

describe("the gateway's answers match its OpenAPI response schemas", () => {
  let t: TestGateway;

  beforeAll(async () => {
    // idleSeconds: sessions outlast a slow machine (the kit's 4 s default serves its idle tests).
    t = await startTestGateway({ bus: 'embedded', idleSeconds: 600 });
    await t.registerEnterprise(E, '130102');
  });
  afterAll(() => t?.close());

  const expectBody = async (
    answer: Promise<{ status: number; body: unknown }>,
    status: number,
    schema: z.ZodType,
  ): Promise<unknown> => {
    const { status: got, body } = await answer;
    expect({ status: got, body }).toEqual({ status, body: expect.anything() });
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new Error(`${JSON.stringify(body)}\n${parsed.error.message}`);
    return body;
  };

  it('session routes: login, refresh, me, TOTP enrolment', async () => {
    const created = (await expectBody(
      t.admin.call('POST', '/api/gateway/v1/users', {
        body: { username: 'schema.zhao', displayName: 'Zhao', role: 'enterprise-admin', enterpriseId: E },
      }),
      201,
      createdUserSchema,
    )) as { oneTimePassword: string };
    const browser = t.browser();
    await expectBody(
      browser.call('POST', '/auth/login', {
        body: { username: 'schema.zhao', password: created.oneTimePassword },
      }),
      200,
      sessionAccountSchema,
    );
    await browser.call('POST', '/auth/password', {
      body: { currentPassword: created.oneTimePassword, newPassword: STRONG },
    });
    await expectBody(browser.call('POST', '/auth/refresh'), 200, sessionAccountSchema);
    expect(await expectBody(browser.call('GET', '/auth/me'), 200, meSchema)).toMatchObject({
      enterprises: [E],
    });
    expect(await expectBody(t.admin.call('GET', '/auth/me'), 200, meSchema)).toMatchObject({
      enterprises: '*',
    });
    await expectBody(browser.call('POST', '/auth/totp/enrol'), 200, totpEnrolmentSchema);
    await expectBody(browser.call('GET', '/health'), 200, healthSchema);
  });

  it('users, enterprise users and API keys', async () => {
    const users = (await expectBody(
      t.admin.call('GET', '/api/gateway/v1/users'),
      200,
      userViewSchema.array(),
    )) as { id: string; username: string }[];
    const someone = users.find((user) => user.username !== 'root-admin')!;
    await expectBody(
      t.admin.call('POST', `/api/gateway/v1/users/${someone.id}/reset-password`),
      200,
      oneTimePasswordSchema,
    );
    await expectBody(
      t.admin.call('POST', `/api/gateway/v1/enterprises/${E}/users`, {
        body: { username: 'schema.qian', displayName: 'Qian', role: 'enterprise-staff' },
      }),
      201,
      createdUserSchema,
    );
    await expectBody(
      t.admin.call('GET', `/api/gateway/v1/enterprises/${E}/users`),
      200,
      userViewSchema.array(),
    );
    const key = (await expectBody(
      t.admin.call('POST', `/api/gateway/v1/enterprises/${E}/api-keys`, {
        body: { name: 'erp', scopes: ['passages:read'], expiresInDays: 30 },
      }),
      201,
      createdApiKeySchema,
    )) as { key: { id: string } };
    await t.admin.call('DELETE', `/api/gateway/v1/enterprises/${E}/api-keys/${key.key.id}`);
    const keys = (await expectBody(
      t.admin.call('GET', `/api/gateway/v1/enterprises/${E}/api-keys`),
      200,
      apiKeyViewSchema.array(),
    )) as { revokedAt: string | null }[];
    expect(keys[0]?.revokedAt).not.toBeNull();
  });

  it('the enterprise directory', async () => {
    await expectBody(
      t.admin.call('GET', '/api/gateway/v1/enterprises?pageSize=5'),
      200,
      enterprisePageSchema,
    );
    const one = (await expectBody(
      t.admin.call('GET', `/api/gateway/v1/enterprises/${E}`),
      200,
      enterpriseSchema,
    )) as { revision: number };
    await expectBody(
      t.admin.call('PATCH', `/api/gateway/v1/enterprises/${E}`, {
        body: { name: '石家庄某某钢铁有限公司', expectedRevision: one.revision },
      }),
      200,
      enterpriseSchema,
    );
    await expectBody(
      t.admin.call('POST', `/api/gateway/v1/enterprises/${E}/deactivation`),
      200,
      enterpriseSchema,
    );
  });
});
