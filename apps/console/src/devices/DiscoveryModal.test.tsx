import { fireEvent, screen, within } from '@testing-library/react';
import {
  type Calls,
  ENTERPRISE,
  fakeGateway,
  me,
  refusal,
  renderPage,
  type Reply,
} from '../shared/test-harness';
import { type Role } from '../session/session';
import DevicesPage from './DevicesPage';
import { type DiscoveredDevice, type DiscoveryResult } from './discovery';

const CI = `/api/camera-ingest/v1/enterprises/${ENTERPRISE}`;
const DISCOVER = `POST ${CI}/sites/s1/onvif-discovery`;

const found = (endpoint: string, host: string, extra: Partial<DiscoveredDevice> = {}): DiscoveredDevice => ({
  endpoint,
  xaddrs: [`http://${host}/onvif/device_service`],
  types: ['dn:NetworkVideoTransmitter'],
  scopes: [],
  name: null,
  hardware: null,
  locations: [],
  metadataVersion: 1,
  respondedFrom: host,
  alreadyRegistered: false,
  registeredAs: [],
  ...extra,
});

const sweep = (devices: DiscoveredDevice[]): DiscoveryResult => ({
  siteId: 's1',
  networks: ['10.0.0.0/24'],
  probedHosts: 254,
  durationMs: 1770,
  devices,
});

function open(role: Role, discover?: Reply | (() => Promise<Reply>)): Calls {
  const calls = fakeGateway({
    'GET /auth/me': me(role),
    [`GET ${CI}/sites`]: {
      body: [{ id: 's1', name: '一厂', timeZone: 'Asia/Shanghai', discoveryNetworks: ['10.0.0.0/24'] }],
    },
    [`GET ${CI}/gates`]: { body: [{ id: 'g1', siteId: 's1', name: '北门' }] },
    [`GET ${CI}/lanes`]: {
      body: [{ id: 'l1', gateId: 'g1', name: '入口1', direction: 'in', mode: 'auto' }],
    },
    [`GET ${CI}/devices`]: {
      body: [
        {
          id: 'cam-1',
          laneId: 'l1',
          kind: 'overview-camera',
          vendor: 'onvif',
          name: '北门全景',
          address: 'http://10.0.0.5',
          allowedSources: [],
          hasCredentials: true,
          enabled: true,
          eventSource: 'push',
        },
      ],
    },
    [`GET /api/video-archive/v1/enterprises/${ENTERPRISE}/retention-report`]: refusal(503, 'down', 'down'),
    ...(discover ? { [DISCOVER]: discover } : {}),
    [`POST ${CI}/devices`]: (call) => ({
      status: 201,
      body: { device: { ...(call.body as object), hasCredentials: true, eventSource: 'push' } },
    }),
  });
  renderPage(<DevicesPage />, { path: '/e/:enterpriseId/devices', url: `/e/${ENTERPRISE}/devices` });
  return calls;
}

/** Opens the site's discovery and starts the sweep (it is started by hand: it probes every address and is audited). */
async function discover(): Promise<HTMLElement> {
  fireEvent.click(await screen.findByRole('button', { name: '发现设备 s1' }));
  const dialog = await screen.findByRole('dialog');
  expect(within(dialog).getByText(/10\.0\.0\.0\/24 内的 254 个地址/)).toBeTruthy();
  fireEvent.click(within(dialog).getByRole('button', { name: '开始发现' }));
  return dialog;
}

describe('ONVIF discovery on the devices page', () => {
  it('is offered to the city operator only, per site', async () => {
    open('city-admin');
    await screen.findByText('北门全景');
    expect(screen.queryByRole('button', { name: /发现设备/ })).toBeNull();
  });

  it('shows its progress, then what answered: registered ones as which device, the others to register', async () => {
    let answer: (reply: Reply) => void = () => undefined;
    const calls = open('city-operator', () => new Promise<Reply>((resolve) => (answer = resolve)));
    const dialog = await discover();
    expect((await within(dialog).findByRole('status')).textContent).toContain('正在探测 254 个地址');
    answer({
      body: sweep([
        found('urn:uuid:1', '10.0.0.5', {
          name: '旧名',
          alreadyRegistered: true,
          registeredAs: ['cam-1'],
        }),
        found('urn:uuid:2', '10.0.0.6', {
          name: '南门全景',
          hardware: 'IPC-9000',
          locations: ['south-gate'],
          xaddrs: ['http://10.0.0.6:8000/onvif/device_service'],
        }),
      ]),
    });
    expect(await within(dialog).findByText('南门全景')).toBeTruthy();
    expect(within(dialog).queryByRole('status')).toBeNull();
    expect(
      within(dialog).getByText(/探测 254 个地址（10\.0\.0\.0\/24），用时 1\.8 秒，2 台设备应答/),
    ).toBeTruthy();
    const rows = within(dialog).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const [known, fresh] = rows as [HTMLElement, HTMLElement];
    expect(within(known).getByText('已登记')).toBeTruthy();
    expect(within(known).getByText('北门全景 (cam-1)')).toBeTruthy();
    expect(within(known).queryByRole('button', { name: /登记/ })).toBeNull();
    for (const text of ['IPC-9000', 'south-gate', 'http://10.0.0.6:8000/onvif/device_service', '10.0.0.6'])
      expect(within(fresh).getByText(text)).toBeTruthy();
    expect(calls.to(`${CI}/sites/s1/onvif-discovery`, 'POST')).toHaveLength(1);

    // Register the new one: the device form starts from what it announced.
    fireEvent.click(within(fresh).getByRole('button', { name: '登记 urn:uuid:2' }));
    const form = (await screen.findAllByRole('dialog')).at(-1) as HTMLElement;
    expect(within(form).getByLabelText<HTMLInputElement>('名称').value).toBe('南门全景');
    expect(within(form).getByLabelText<HTMLInputElement>('管理地址（http/https）').value).toBe(
      'http://10.0.0.6:8000',
    );
    expect(within(form).getByTitle('ONVIF')).toBeTruthy();
    // A found ONVIF device is a camera: overview or ANPR, nothing else to choose.
    fireEvent.mouseDown(within(form).getByLabelText('设备类型'));
    expect(await screen.findByTitle('全景相机')).toBeTruthy();
    expect(screen.getByTitle('车牌识别相机')).toBeTruthy();
    for (const other of ['装卸区相机', '道闸', '显示屏']) expect(screen.queryByTitle(other)).toBeNull();
  });

  it('says so when no device answered', async () => {
    open('city-operator', { body: sweep([]) });
    const dialog = await discover();
    expect(await within(dialog).findByText(/没有设备应答/)).toBeTruthy();
  });

  it("shows the service's refusal (409) as its words and its reason", async () => {
    open(
      'city-operator',
      refusal(409, 'discovery-disabled', 'ONVIF discovery is disabled (ONVIF_DISCOVERY_ENABLED)'),
    );
    const dialog = await discover();
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('设备接入服务未开启 ONVIF 设备发现');
    expect(alert.textContent).toContain(
      'ONVIF discovery is disabled (ONVIF_DISCOVERY_ENABLED) (discovery-disabled)',
    );
    // It can be tried again once the setting is on.
    expect(within(dialog).getByRole('button', { name: '重新发现' })).toBeTruthy();
  });
});
