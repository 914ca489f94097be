import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { type Call, ENTERPRISE, fakeGateway, me, renderPage } from '../shared/test-harness';
import { type Role } from '../session/session';
import UploadPage from './UploadPage';

const later = { timeout: 10_000 };
const U = `/api/provincial-upload/v1/enterprises/${ENTERPRISE}/upload`;

const record = (i: number, state = 'acknowledged') => ({
  serial: `S${String(i).padStart(4, '0')}`,
  passageId: `p-${i}`,
  direction: 'in',
  revision: 1,
  capturedAt: new Date(Date.UTC(2026, 10, 30, 0, 0, i)).toISOString(),
  state,
  attempts: 1,
  nextAttemptAt: '2026-11-30T00:00:00.000Z',
  lastError: null,
  rejectionReason: null,
  ackStatus: 'accepted',
  acknowledgedAt: '2026-11-30T00:01:00.000Z',
});
/** 120 records, served 50 at a time after the `after` serial, as the service pages them. */
const all = Array.from({ length: 120 }, (_, i) => record(i + 1));
const page = (call: Call) => {
  const after = call.query.get('after');
  const start = after ? all.findIndex((r) => r.serial === after) + 1 : 0;
  return { body: all.slice(start, start + Number(call.query.get('limit') ?? 100)) };
};

const open = (
  role: Role,
  routes: Parameters<typeof fakeGateway>[0] = {},
  url = `/e/${ENTERPRISE}/upload`,
) => {
  const calls = fakeGateway({
    'GET /auth/me': me(role),
    [`GET ${U}/backlog`]: {
      body: {
        enterpriseId: ENTERPRISE,
        counts: { pending: 3, 'in-flight': 1, acknowledged: 116, rejected: 0, dead: 0 },
        backlog: 4,
        oldestPendingCapturedAt: '2026-11-30T00:00:00.000Z',
        oldestPendingAgeSeconds: 2 * 3600 + 300,
      },
    },
    [`GET ${U}/transmission-rate`]: {
      body: [
        { day: '2026-11-30', produced: 100, acknowledged: 90, rate: 0.9 },
        { day: '2026-12-01', produced: 20, acknowledged: 20, rate: 1 },
      ],
    },
    [`GET ${U}/records`]: { body: all.slice(0, 3) },
    ...routes,
  });
  const view = renderPage(<UploadPage />, { path: '/e/:enterpriseId/upload', url });
  return { calls, ...view };
};

describe('UploadPage', () => {
  it('shows the backlog, the oldest record and the days below 95 % to an inspector, without 补传', async () => {
    const { calls } = open('inspector');
    expect(await screen.findByText('S0001', {}, later)).toBeTruthy();
    expect(screen.getByText('已等待 2 小时 5 分')).toBeTruthy();
    expect(screen.getByText('1 天低于 95%：2026-11-30')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /补传/ })).toBeNull();
    // Not a city role: the city-wide delivery status is not asked for.
    expect(calls.some((c) => c.path.endsWith('/upload/status'))).toBe(false);
  });

  it('pages the records by cursor, the cursor and the state filter in the URL', async () => {
    const { calls, router } = open(
      'inspector',
      { [`GET ${U}/records`]: page },
      `/e/${ENTERPRISE}/upload?state=acknowledged`,
    );
    await screen.findByText('S0050', {}, later);
    // Role queries are slow over a page of 50 rows: the buttons are found by their words.
    const button = (name: string) => screen.getByText(name).closest('button')!;
    fireEvent.click(button('下一页'));
    expect(await screen.findByText('S0100', {}, later)).toBeTruthy();
    expect(router.state.location.search).toBe('?state=acknowledged&after=S0050');
    fireEvent.click(button('下一页'));
    expect(await screen.findByText('S0120', {}, later)).toBeTruthy();
    // The last page is short: there is no next one.
    expect(button('下一页').disabled).toBe(true);
    fireEvent.click(button('上一页'));
    await waitFor(() => expect(router.state.location.search).toBe('?state=acknowledged&after=S0050'));
    const asked = calls.filter((c) => c.path === `${U}/records`).map((c) => Object.fromEntries(c.query));
    expect(asked.slice(0, 3)).toEqual([
      { limit: '50', state: 'acknowledged' },
      { limit: '50', state: 'acknowledged', after: 'S0050' },
      { limit: '50', state: 'acknowledged', after: 'S0100' },
    ]);
  });

  it('re-pushes one record only once a reason is given, and sends the reason', async () => {
    const { calls } = open('enterprise-admin', {
      [`POST ${U}/records/:serial/re-push`]: { status: 202, body: { queued: 1 } },
    });
    await screen.findByText('S0001', {}, later);
    // Ant Design spaces two-character Chinese button labels: 补 传.
    fireEvent.click(screen.getAllByRole('button', { name: /^补\s?传$/ })[0]!);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('补传记录 S0001')).toBeTruthy();
    const confirm = within(dialog).getByRole('button', { name: /^补\s?传$/ });
    fireEvent.click(confirm);
    expect(await within(dialog).findByText('请填写补传原因')).toBeTruthy();
    fireEvent.change(within(dialog).getByRole('textbox', { name: '补传原因' }), { target: { value: '   ' } });
    fireEvent.click(confirm);
    await within(dialog).findByText('请填写补传原因');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(within(dialog).getByRole('textbox', { name: '补传原因' }), {
      target: { value: ' 省平台 11-30 故障期间未入库 ' },
    });
    fireEvent.click(confirm);
    expect(await screen.findByText('已重新排队 1 条记录', {}, later)).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe(`${U}/records/S0001/re-push`);
    expect(post?.body).toEqual({ reason: '省平台 11-30 故障期间未入库' });
  });

  it('shows the city operator the stopped delivery and lets them resume it', async () => {
    const { calls } = open('city-operator', {
      'GET /api/provincial-upload/v1/upload/status': {
        body: {
          delivering: false,
          configurationError: {
            code: 'platform-credentials',
            message: 'the platform refused our app id',
            since: '2026-11-30T00:00:00.000Z',
          },
          lastHeartbeat: { at: '2026-11-30T00:00:00.000Z', ok: false, error: '401' },
        },
      },
      'POST /api/provincial-upload/v1/upload/status/resume': { status: 202, body: { delivering: true } },
    });
    expect(
      await screen.findByText('the platform refused our app id (platform-credentials)', {}, later),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '恢复发送' }));
    fireEvent.click(await screen.findByRole('button', { name: /OK|确\s*定/ }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.path.endsWith('/resume'))).toBe(true),
    );
  });
});
