import { randomBytes } from 'node:crypto';
import { scenePhoto } from '@ecogate/camera-simulator';
import { buildDefaultEmergencyPlan } from '@ecogate/domain';
import {
  DEMO_CREDIT_CODE,
  DEMO_DISTRICT,
  DEMO_ENTERPRISE,
  DEMO_LANES,
  DEMO_LOGINS,
  DEMO_SITE,
  DEMO_TRUCKS,
  type DemoLogin,
  demoVin,
} from './demo-city';
import { GatewaySession } from './gateway-session';

export interface DemoAccount extends DemoLogin {
  readonly password: string;
}

/** What the seeding leaves for later starts (kept in the home's secrets folder). */
export interface DemoState {
  readonly accounts: readonly DemoAccount[];
  /** Each lane's camera: its device id and the push secret camera-ingest issued. */
  readonly cameras: readonly {
    readonly laneId: string;
    readonly deviceId: string;
    readonly pushSecret: string;
  }[];
}

const E = `/enterprises/${DEMO_ENTERPRISE}`;

/** A password the gateway's policy accepts (4 classes, 10+ characters), different each seeding. */
const demoPassword = (): string => `Demo-${randomBytes(6).toString('hex')}-A1`;

/**
 * Seeds the demo city through the public API, as its people would: the first city admin signs in
 * with the one-time password `--create-admin` printed and sets a password, registers the
 * enterprise and the other people (each signing in once to set theirs), the city operator
 * registers the site, gates, lanes and one ANPR camera per lane, the enterprise admin its trucks.
 */
export async function seedDemo(gatewayUrl: string, adminOneTimePassword: string): Promise<DemoState> {
  const [first, ...others] = DEMO_LOGINS;
  if (!first) throw new Error('no demo logins');
  const admin = new GatewaySession(gatewayUrl);
  const firstAccount = { ...first, password: demoPassword() };
  const accounts: DemoAccount[] = [firstAccount];
  await admin.firstLogin(first.username, adminOneTimePassword, firstAccount.password);
  await admin.expect('POST', '/api/gateway/v1/enterprises', {
    id: DEMO_ENTERPRISE,
    creditCode: DEMO_CREDIT_CODE,
    name: '演示钢铁有限公司',
    industry: 'steel',
    districtCode: DEMO_DISTRICT,
    performanceClass: 'B',
    retention: { videoDays: 180, ledgerDays: 365 },
  });
  const sessions = new Map<string, GatewaySession>();
  for (const login of others) {
    const created = (await admin.expect('POST', '/api/gateway/v1/users', {
      username: login.username,
      displayName: login.displayName,
      role: login.role,
      ...(login.role.startsWith('enterprise') ? { enterpriseId: DEMO_ENTERPRISE } : {}),
      ...(login.role === 'inspector' ? { districts: [DEMO_DISTRICT] } : {}),
    })) as { oneTimePassword: string };
    const account = { ...login, password: demoPassword() };
    const session = new GatewaySession(gatewayUrl);
    await session.firstLogin(login.username, created.oneTimePassword, account.password);
    accounts.push(account);
    sessions.set(login.role, session);
  }
  const operator = sessions.get('city-operator');
  const owner = sessions.get('enterprise-admin');
  if (!operator || !owner) throw new Error('the demo needs a city operator and an enterprise admin');

  const registry = `/api/camera-ingest/v1${E}`;
  await operator.expect('PUT', `${registry}/sites/${DEMO_SITE}`, { name: '一号厂区' });
  for (const gate of new Map(DEMO_LANES.map((l) => [l.gateId, l.gateName])))
    await operator.expect('PUT', `${registry}/gates/${gate[0]}`, { siteId: DEMO_SITE, name: gate[1] });
  const cameras = [];
  for (const lane of DEMO_LANES) {
    await operator.expect('PUT', `${registry}/lanes/${lane.laneId}`, {
      gateId: lane.gateId,
      name: lane.name,
      direction: lane.direction,
      mode: lane.mode,
    });
    const deviceId = `anpr-${lane.laneId}`;
    const device = (await operator.expect('POST', `${registry}/devices`, {
      id: deviceId,
      laneId: lane.laneId,
      kind: 'anpr-camera',
      vendor: 'hikvision',
      name: `${lane.name}车牌识别相机`,
      allowedSources: ['127.0.0.1', '::1'],
    })) as { pushSecret: string };
    cameras.push({ laneId: lane.laneId, deviceId, pushSecret: device.pushSecret });
  }
  // The enterprise's 一厂一策 plan: the national defaults for a works with 10+ cargo trucks a day.
  const { enterpriseId: _e, ...plan } = buildDefaultEmergencyPlan({
    enterpriseId: DEMO_ENTERPRISE,
    cargoVolume: { band: '10-or-more' },
    exemptions: [],
  });
  await owner.expect('PUT', `/api/ledger/v1${E}/emergency-plan`, JSON.parse(JSON.stringify(plan)));
  // What the platform requires of each truck: identity, registration, fleet and a document photo.
  const licence = scenePhoto(0);
  for (const [index, truck] of DEMO_TRUCKS.entries()) {
    const vehicle = `/api/ledger/v1${E}/vehicles/${encodeURIComponent(truck.plate)}`;
    await owner.expect('PUT', vehicle, {
      plateColour: 'blue',
      category: 'heavy-truck',
      fuel: truck.fuel,
      vin: demoVin(index),
      engineNo: `CA6DM${String(700_000 + index)}`,
      registrationDate: `202${index % 5}-0${1 + (index % 9)}-15`,
      fleet: '演示物流有限公司',
      stageEvidence: { stage: truck.stage, source: 'platform-query', confirmed: true },
    });
    await owner.expectSent('PUT', `${vehicle}/documents/driving-licence`, {
      type: 'image/jpeg',
      bytes: licence,
    });
  }
  return { accounts, cameras };
}
