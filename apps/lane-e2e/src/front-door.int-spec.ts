import { generateKeyPairSync, randomInt, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { creditCodeCheckCharacter } from '@ecogate/domain';
import { createTemporaryDatabase, type TemporaryDatabase } from '@ecogate/persistence';
import { kafkaServiceEnv, loadInfraEnv, releaseAll } from '@ecogate/testing';
import { freePort } from './harness/free-port';
import { ServiceProcess } from './harness/service-process';

// The front door as deployed: the gateway and the ledger as processes started through their
// main.ts (tsx, like production), the ledger trusting only the gateway's published JWKS. No test
// issuer anywhere: a person signs in, and what they may do comes from the gateway's token.
jest.setTimeout(240_000);

const run = randomUUID().slice(0, 6);
const ENTERPRISE = `fd-${run}`;
const DISTRICT = '130102';
const STRONG = 'Gate-Keeper-2026!x';
const PLATE = '冀A12345';

/** Just enough of a browser: keeps cookies, echoes the CSRF cookie on unsafe methods. */
class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const csrf = this.cookies.get('csrf');
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    const response = await fetch(this.base + path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  /** Signs in with a one-time password and sets the permanent one, as a first login must. */
  async firstLogin(username: string, oneTimePassword: string): Promise<void> {
    expect((await this.call('POST', '/auth/login', { username, password: oneTimePassword })).status).toBe(
      200,
    );
    const changed = await this.call('POST', '/auth/password', {
      currentPassword: oneTimePassword,
      newPassword: STRONG,
    });
    expect(changed.status).toBe(204);
  }
}

function creditCode(): string {
  const first17 = `91${DISTRICT}${String(randomInt(1e8, 1e9))}`;
  return first17 + creditCodeCheckCharacter(first17)!;
}

describe('the front door: gateway and ledger processes, a person signed in', () => {
  const infra = loadInfraEnv();
  const databases: TemporaryDatabase[] = [];
  const processes: ServiceProcess[] = [];
  let work = '';
  let gatewayUrl = '';
  let ledgerUrl = '';
  let rootPassword = '';

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'front-door-'));
    const keyFile = join(work, 'gateway-key.pem');
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    await writeFile(keyFile, key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const [gatewayDb, ledgerDb] = await Promise.all([
      createTemporaryDatabase(infra.DATABASE_URL, 'front_door_gateway'),
      createTemporaryDatabase(infra.DATABASE_URL, 'front_door_ledger'),
    ]);
    databases.push(gatewayDb, ledgerDb);
    const [gatewayPort, internalPort, ledgerPort] = [await freePort(), await freePort(), await freePort()];
    const common = async (): Promise<Record<string, string>> => ({
      ...kafkaServiceEnv(infra),
      KAFKA_TOPIC_PREFIX: `front-door-${run}.`,
      HTTP_HOST: '127.0.0.1',
      METRICS_HOST: '127.0.0.1',
      METRICS_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
    });
    ledgerUrl = `http://127.0.0.1:${ledgerPort}`;
    const gatewayEnv = {
      ...(await common()),
      DATABASE_URL: gatewayDb.url,
      HTTP_PORT: String(gatewayPort),
      INTERNAL_HTTP_HOST: '127.0.0.1',
      INTERNAL_HTTP_PORT: String(internalPort),
      GATEWAY_SIGNING_KEY_FILE: keyFile,
      GATEWAY_SECURE_COOKIES: 'false',
      GATEWAY_UPSTREAM_LEDGER_URL: ledgerUrl,
      // The cluster profile: objects on MinIO (their links point there; the gateway needs no credentials).
      S3_ENDPOINT: infra.S3_ENDPOINT,
    };
    const ledgerEnv = {
      ...(await common()),
      DATABASE_URL: ledgerDb.url,
      HTTP_PORT: String(ledgerPort),
      AUTH_JWKS_URL: `http://127.0.0.1:${internalPort}/.well-known/jwks.json`,
      S3_ENDPOINT: infra.S3_ENDPOINT,
      S3_ACCESS_KEY: infra.S3_ACCESS_KEY,
      S3_SECRET_KEY: infra.S3_SECRET_KEY,
      LEDGER_DOCUMENTS_BUCKET: 'ecogate-front-door-docs',
    };
    processes.push(
      ...(await Promise.all([
        ServiceProcess.run({ app: 'gateway', env: gatewayEnv, args: ['--migrate'] }),
        ServiceProcess.run({ app: 'ledger', env: ledgerEnv, args: ['--migrate'] }),
      ])),
    );
    const admin = await ServiceProcess.run({
      app: 'gateway',
      env: gatewayEnv,
      args: ['--create-admin', 'root'],
    });
    processes.push(admin);
    rootPassword = /one-time password: (\S+)/.exec(admin.allOutput())?.[1] ?? '';
    expect(rootPassword).not.toBe('');
    const gateway = ServiceProcess.start({ app: 'gateway', env: gatewayEnv });
    const ledger = ServiceProcess.start({ app: 'ledger', env: ledgerEnv });
    processes.push(gateway, ledger);
    gatewayUrl = await gateway.ready();
    await ledger.ready();
  });

  afterAll(() =>
    releaseAll(...processes.map((p) => () => p.stop()), ...databases.map((d) => () => d.drop()), () =>
      rm(work, { recursive: true, force: true }),
    ),
  );

  it('lets the city register an enterprise and its admin, who records a vehicle through the gateway', async () => {
    const city = new Browser(gatewayUrl);
    await city.firstLogin('root', rootPassword);
    const registered = await city.call('POST', '/api/gateway/v1/enterprises', {
      id: ENTERPRISE,
      creditCode: creditCode(),
      name: '前门钢铁有限公司',
      industry: 'steel',
      districtCode: DISTRICT,
      performanceClass: 'B',
      retention: { videoDays: 180, ledgerDays: 365 },
    });
    expect(registered.status).toBe(201);
    const created = await city.call('POST', '/api/gateway/v1/users', {
      username: 'fd.admin',
      displayName: '企业管理员',
      role: 'enterprise-admin',
      enterpriseId: ENTERPRISE,
    });
    expect(created.status).toBe(201);

    const admin = new Browser(gatewayUrl);
    await admin.firstLogin('fd.admin', (created.body as { oneTimePassword: string }).oneTimePassword);
    const vehicle = `/api/ledger/v1/enterprises/${ENTERPRISE}/vehicles/${encodeURIComponent(PLATE)}`;
    const put = await admin.call('PUT', vehicle, {
      plateColour: 'yellow',
      stageEvidence: { stage: 'VI', source: 'document' },
    });
    expect(put.status).toBe(200);
    expect(await admin.call('GET', vehicle)).toMatchObject({ status: 200, body: { stage: { stage: 'VI' } } });
    // The city admin may not record vehicles (the enterprise's job), and nobody reaches an unregistered one.
    expect((await city.call('PUT', vehicle, { plateColour: 'yellow' })).status).toBe(403);
    expect(
      (
        await city.call(
          'GET',
          `/api/ledger/v1/enterprises/fd-nobody-${run}/vehicles/${encodeURIComponent(PLATE)}`,
        )
      ).body,
    ).toMatchObject({ code: 'enterprise-not-found' });
  });

  it("refuses anyone who goes around the gateway to the ledger's own port", async () => {
    const path = `/api/v1/enterprises/${ENTERPRISE}/vehicles/${encodeURIComponent(PLATE)}`;
    const attempts: Record<string, string>[] = [
      {},
      { 'x-operator-id': 'fd.admin' },
      { authorization: 'Bearer forged.token.here' },
    ];
    for (const headers of attempts) {
      const response = await fetch(ledgerUrl + path, { headers });
      expect(response.status).toBe(401);
    }
  });
});
