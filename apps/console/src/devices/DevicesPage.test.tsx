import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ENTERPRISE, fakeGateway, me, refusal, renderPage } from '../shared/test-harness';
import { type Role } from '../session/session';
import DevicesPage from './DevicesPage';

const CI = `/api/camera-ingest/v1/enterprises/${ENTERPRISE}`;

const dahuaCamera = {
  id: 'cam-d',
  laneId: 'l1',
  kind: 'anpr-camera',
  vendor: 'dahua',
  name: '大华抓拍',
  address: 'http://10.0.0.9',
  allowedSources: [],
  hasCredentials: true,
  enabled: true,
  eventSource: 'event-stream',
} as const;

function gateway(role: Role, overrides: Record<string, Parameters<typeof fakeGateway>[0][string]> = {}) {
  return fakeGateway({
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
          kind: 'anpr-camera',
          vendor: 'vzenith',
          name: '入口抓拍',
          address: null,
          allowedSources: ['10.0.0.5'],
          hasCredentials: false,
          enabled: true,
          eventSource: 'push',
        },
        dahuaCamera,
      ],
    },
    [`GET /api/video-archive/v1/enterprises/${ENTERPRISE}/retention-report`]: refusal(
      503,
      'down',
      'archive down',
    ),
    ...overrides,
  });
}

const open = (role: Role, overrides?: Parameters<typeof gateway>[1]) => {
  const calls = gateway(role, overrides);
  renderPage(<DevicesPage />, { path: '/e/:enterpriseId/devices', url: `/e/${ENTERPRISE}/devices` });
  return calls;
};

// Ant Design's first render in a simulated DOM is slow on a shared CI core.
const later = { timeout: 10_000 };

describe('DevicesPage', () => {
  it('shows the tree and the devices to an inspector, with no edit control', async () => {
    open('inspector');
    expect(await screen.findByText('入口抓拍', {}, later)).toBeTruthy();
    expect(screen.getAllByText('北门').length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: /登记设备|新增站点|编辑|发现设备/ })).toBeNull();
    // The archive refused: the Video column says nothing rather than guessing.
    expect(screen.getAllByText('无录像')).toHaveLength(2);
  });

  it('lets the enterprise admin edit sites, gates and lanes but not register devices', async () => {
    open('enterprise-admin');
    await screen.findByText('入口抓拍', {}, later);
    expect(screen.getByRole('button', { name: /新增站点/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: '编辑车道 l1' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /登记设备/ })).toBeNull();
    expect(screen.queryByRole('button', { name: '编辑设备 cam-1' })).toBeNull();
    // Discovery is the city operator's, who registers what it finds.
    expect(screen.queryByRole('button', { name: /发现设备/ })).toBeNull();
  });

  it('shows the event source of Dahua ANPR cameras only', async () => {
    open('inspector');
    const dahua = (await screen.findByText('大华抓拍', {}, later)).closest('tr');
    const vzenith = screen.getByText('入口抓拍').closest('tr');
    expect(dahua && within(dahua).getByText('事件流')).toBeTruthy();
    expect(vzenith && within(vzenith).queryByText(/推送|事件流/)).toBeNull();
  });

  it('offers the event source of a Dahua ANPR camera in its form, and sends the change', async () => {
    // Which vendor and kind offer it is hasEventSourceChoice's rule (device-rows.test.ts); here the
    // form shows it and sends it (one Select opened: each costs time in a simulated DOM).
    const calls = open('city-operator', {
      [`PATCH ${CI}/devices/cam-d`]: (call) => ({
        status: 200,
        body: {
          device: {
            ...dahuaCamera,
            ...(call.body as object),
          },
        },
      }),
    });
    fireEvent.click(await screen.findByRole('button', { name: '编辑设备 cam-d' }, later));
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getByLabelText('识别结果来源'));
    fireEvent.click(await screen.findByTitle('推送'));
    fireEvent.click(within(dialog).getByRole('button', { name: /OK|确\s*定/ }));
    await waitFor(() => expect(calls.to(`${CI}/devices/cam-d`, 'PATCH')).toHaveLength(1));
    expect(calls.to(`${CI}/devices/cam-d`, 'PATCH')[0]?.body).toMatchObject({ eventSource: 'push' });
  });

  it('sends the edited discovery networks and shows the service’s reason as it is', async () => {
    // The hints before sending are discovery.test.ts's (the same validator the form uses).
    const calls = open('enterprise-admin', {
      [`PUT ${CI}/sites/s1`]: refusal(
        400,
        'device-address-not-allowed',
        '10.9.0.0/24: 10.9.0.1 is outside the allowed device networks',
      ),
    });
    fireEvent.click(await screen.findByRole('button', { name: '编辑站点 s1' }, later));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('10.0.0.0/24')).toBeTruthy();
    const networks = within(dialog).getByLabelText('设备发现网段（IPv4）');
    fireEvent.change(networks, { target: { value: '10.9.0.0/24,' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /OK|确\s*定/ }));
    expect(
      await within(dialog).findByText(
        '10.9.0.0/24: 10.9.0.1 is outside the allowed device networks (device-address-not-allowed)',
      ),
    ).toBeTruthy();
    expect(calls.to(`${CI}/sites/s1`, 'PUT')[0]?.body).toEqual({
      name: '一厂',
      timeZone: 'Asia/Shanghai',
      discoveryNetworks: ['10.0.0.0/24', '10.9.0.0/24'],
    });
  });

  it('lets the city operator register a device and shows its push secret once', async () => {
    const calls = open('city-operator', {
      [`POST ${CI}/devices`]: {
        status: 201,
        body: {
          device: {
            id: 'cam-2',
            laneId: 'l1',
            kind: 'anpr-camera',
            vendor: 'hikvision',
            name: '出口',
            address: null,
            allowedSources: [],
            hasCredentials: false,
            enabled: true,
            eventSource: 'push',
          },
          pushSecret: 'once-only-secret',
        },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: /登记设备/ }, later));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('编号'), { target: { value: 'cam-2' } });
    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: '出口' } });
    const pick = async (label: string, option: string) => {
      fireEvent.mouseDown(within(dialog).getByLabelText(label));
      fireEvent.click(await screen.findByTitle(option));
    };
    await pick('所属车道', '入口1 (l1)');
    await pick('设备类型', '车牌识别相机');
    await pick('厂商', '海康威视');
    fireEvent.click(within(dialog).getByRole('button', { name: /OK|确\s*定/ }));
    expect((await screen.findByTestId('push-secret', {}, later)).textContent).toContain('once-only-secret');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toMatchObject({
      id: 'cam-2',
      laneId: 'l1',
      kind: 'anpr-camera',
      vendor: 'hikvision',
      name: '出口',
      address: null,
    });
    // A Hikvision camera pushes: no event source to choose, none sent (the service's default).
    expect(post?.body).not.toHaveProperty('eventSource');
  });

  it('offers a new push secret for a Hikvision loading-area camera and shows it once', async () => {
    // Which kinds and vendors keep a push secret is pushesToUs's rule (device-rows.test.ts).
    const yard = {
      ...dahuaCamera,
      id: 'yard-1',
      // A loading-area camera stands on a site, no lane.
      laneId: null,
      siteId: 's1',
      kind: 'loading-area-camera',
      vendor: 'hikvision',
      name: '装卸区北',
      eventSource: 'push',
    } as const;
    const calls = open('city-operator', {
      [`GET ${CI}/devices`]: { body: [yard] },
      [`PATCH ${CI}/devices/yard-1`]: { status: 200, body: { device: yard, pushSecret: 'yard-secret' } },
    });
    // The place column shows its site.
    expect(await screen.findByText('装卸区', {}, later)).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: '编辑设备 yard-1' }, later));
    const dialog = await screen.findByRole('dialog');
    // It picks a site, not a lane.
    expect(within(dialog).getByLabelText('所属站点')).toBeTruthy();
    expect(within(dialog).queryByLabelText('所属车道')).toBeNull();
    fireEvent.click(within(dialog).getByLabelText('重新生成推送密钥（旧密钥立即失效）'));
    fireEvent.click(within(dialog).getByRole('button', { name: /OK|确\s*定/ }));
    expect((await screen.findByTestId('push-secret', {}, later)).textContent).toContain('yard-secret');
    const sent = calls.to(`${CI}/devices/yard-1`, 'PATCH')[0]?.body;
    expect(sent).toMatchObject({ rotatePushSecret: true, siteId: 's1' });
    expect(sent).not.toHaveProperty('laneId');
  });

  it("shows the service's reason when the registry refuses", async () => {
    open('inspector', { [`GET ${CI}/devices`]: refusal(403, 'forbidden', 'the role may not do this') });
    await waitFor(
      () => expect(screen.getByText(/the role may not do this \(forbidden\)/)).toBeTruthy(),
      later,
    );
  });
});
