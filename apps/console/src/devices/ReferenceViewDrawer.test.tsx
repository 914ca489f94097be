import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ENTERPRISE, fakeGateway, me, refusal, renderPage } from '../shared/test-harness';
import { type Role } from '../session/session';
import DevicesPage from './DevicesPage';

const CI = `/api/camera-ingest/v1/enterprises/${ENTERPRISE}`;
const VIEW = `${CI}/devices/yard/reference-view`;

const onvifYard = {
  id: 'yard',
  laneId: 'l1',
  kind: 'loading-area-camera',
  vendor: 'onvif',
  name: '装卸区',
  address: 'http://10.0.0.8',
  allowedSources: [],
  hasCredentials: true,
  enabled: true,
  eventSource: 'push',
} as const;
const pushCamera = { ...onvifYard, id: 'cam-1', kind: 'anpr-camera', vendor: 'vzenith', name: '入口抓拍' };

const take = (id: string, takenAt: string, replacedAt: string | null, reason: string) => ({
  id,
  cameraId: 'yard',
  image: {
    bucket: 'captures',
    key: `e-1/s1/x/reference-view/${id}.jpg`,
    sha256: 'a'.repeat(64),
    contentType: 'image/jpeg',
    bytes: 10,
  },
  takenBy: 'admin-1',
  takenByRole: 'enterprise-admin',
  reason,
  takenAt,
  replacedAt,
});

type Route = Parameters<typeof fakeGateway>[0][string];

function open(role: Role, views: Route, taking?: Route) {
  const calls = fakeGateway({
    'GET /auth/me': me(role),
    [`GET ${CI}/sites`]: {
      body: [{ id: 's1', name: '一厂', timeZone: 'Asia/Shanghai', discoveryNetworks: [] }],
    },
    [`GET ${CI}/gates`]: { body: [{ id: 'g1', siteId: 's1', name: '北门' }] },
    [`GET ${CI}/lanes`]: { body: [{ id: 'l1', gateId: 'g1', name: '入口1', direction: 'in', mode: 'auto' }] },
    [`GET ${CI}/devices`]: { body: [onvifYard, pushCamera] },
    [`GET /api/video-archive/v1/enterprises/${ENTERPRISE}/retention-report`]: refusal(
      503,
      'down',
      'archive down',
    ),
    [`GET ${VIEW}`]: views,
    [`POST ${VIEW}`]:
      taking ??
      ((call) => ({
        status: 201,
        body: take('v9', '2026-12-07T02:00:00Z', null, (call.body as { reason: string }).reason),
      })),
  });
  renderPage(<DevicesPage />, { path: '/e/:enterpriseId/devices', url: `/e/${ENTERPRISE}/devices` });
  return calls;
}

const later = { timeout: 10_000 };

describe('reference view (基准画面) of a camera', () => {
  it('offers it only for cameras the view check can watch, and shows the current take with who, when and why', async () => {
    open('inspector', {
      body: {
        current: take('v2', '2026-12-06T02:00:00Z', null, '因新建地磅调整角度'),
        history: [
          take('v2', '2026-12-06T02:00:00Z', null, '因新建地磅调整角度'),
          take('v1', '2026-12-01T02:00:00Z', '2026-12-06T02:00:00Z', '调试完成'),
        ],
      },
    });
    await screen.findByText('装卸区', {}, later);
    // One button: the ONVIF yard camera; a Vzenith camera only pushes, it has no snapshot to compare.
    const buttons = screen.getAllByRole('button', { name: '基准画面' });
    expect(buttons).toHaveLength(1);
    fireEvent.click(buttons[0]!);
    const image = (await screen.findByAltText('当前基准画面', {}, later)) as HTMLImageElement;
    expect(image.src).toContain(`${VIEW}/v2/image`);
    expect(screen.getByText('因新建地磅调整角度')).toBeTruthy();
    expect(screen.getByText(/admin-1：调试完成/)).toBeTruthy();
    // An inspector reads; it takes nothing.
    expect(screen.queryByRole('button', { name: /采集基准画面/ })).toBeNull();
  });

  it('lets the enterprise admin take the first view with a reason, and then tells them the city re-takes it', async () => {
    let current: ReturnType<typeof take> | null = null;
    const calls = open('enterprise-admin', () => ({ body: { current, history: current ? [current] : [] } }));
    await screen.findByText('装卸区', {}, later);
    fireEvent.click(screen.getByRole('button', { name: '基准画面' }));
    expect(await screen.findByText(/尚未采集基准画面/, {}, later)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /采集基准画面/ }));
    expect(await screen.findByText(/请填写原因/, {}, later)).toBeTruthy();
    expect(calls.to(VIEW, 'POST')).toHaveLength(0);
    fireEvent.change(screen.getByPlaceholderText(/调试完成/), { target: { value: ' 调试完成 ' } });
    current = take('v9', '2026-12-07T02:00:00Z', null, '调试完成');
    fireEvent.click(screen.getByRole('button', { name: /采集基准画面/ }));
    await waitFor(() => expect(calls.to(VIEW, 'POST')).toHaveLength(1), later);
    expect(calls.to(VIEW, 'POST')[0]!.body).toEqual({ reason: '调试完成' });
    expect(await screen.findByText(/请联系市级运维重新采集/, {}, later)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /采集基准画面/ })).toBeNull();
  });

  it("lets the city operator re-take it, and shows the service's reason when the camera fails", async () => {
    const current = take('v2', '2026-12-06T02:00:00Z', null, '调试完成');
    const calls = open(
      'city-operator',
      { body: { current, history: [current] } },
      refusal(502, 'device-unreachable', 'the camera did not answer'),
    );
    await screen.findByText('装卸区', {}, later);
    fireEvent.click(screen.getByRole('button', { name: '基准画面' }));
    fireEvent.change(await screen.findByPlaceholderText(/调试完成/, {}, later), {
      target: { value: '摄像机维修后复位' },
    });
    fireEvent.click(screen.getByRole('button', { name: /重新采集基准画面/ }));
    await waitFor(() => expect(calls.to(VIEW, 'POST')).toHaveLength(1), later);
    expect(calls.to(VIEW, 'POST')[0]!.body).toEqual({ reason: '摄像机维修后复位' });
    expect(await screen.findByText('the camera did not answer (device-unreachable)', {}, later)).toBeTruthy();
  });
});
