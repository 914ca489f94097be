import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ENTERPRISE, fakeGateway, me, refusal, renderPage } from '../shared/test-harness';
import { type Role } from '../session/session';
import OutagesPage from './OutagesPage';

const later = { timeout: 10_000 };
const FILINGS = `/api/video-archive/v1/enterprises/${ENTERPRISE}/outage-filings`;
const DEVICES = `/api/camera-ingest/v1/enterprises/${ENTERPRISE}/devices`;
const TAMPER = `/api/ledger/v1/enterprises/${ENTERPRISE}/camera-tamper-episodes`;
const episodeImages = (id: string) => ({
  before: `${TAMPER}/${id}/images/before`,
  after: `${TAMPER}/${id}/images/after`,
  restored: null,
});
const covered = {
  episodeId: '6f1c2b1e-8d0a-4c55-9a43-0d8f5f1b2c01',
  cameraId: 'cam-1',
  kind: 'covered' as const,
  source: 'view-check' as const,
  reason: 'view-changed',
  startedAt: '2026-11-30T00:00:00Z',
  endedAt: '2026-11-30T02:05:00Z',
  endReason: 'view-restored',
  scores: { coveredShare: 0.8 },
  images: episodeImages('6f1c2b1e-8d0a-4c55-9a43-0d8f5f1b2c01'),
};
const alarm = {
  ...covered,
  episodeId: '6f1c2b1e-8d0a-4c55-9a43-0d8f5f1b2c02',
  cameraId: 'cam-2',
  kind: null,
  source: 'camera-alarm' as const,
  reason: 'tamper',
  startedAt: '2026-12-01T00:00:00Z',
  endedAt: null,
  endReason: null,
  scores: null,
  images: { before: null, after: null, restored: null },
};
const filing = {
  id: 'f-1',
  cameraId: 'cam-1',
  from: '2026-11-30T00:00:00Z',
  to: '2026-11-30T02:00:00Z',
  reason: '年度电力检修',
  filedBy: 'u-admin',
  filedAt: '2026-11-29T00:00:00Z',
};
const camera = {
  id: 'cam-1',
  laneId: 'l1',
  kind: 'overview-camera',
  vendor: 'onvif',
  name: '北门全景',
  address: null,
  allowedSources: [],
  hasCredentials: true,
  enabled: true,
  eventSource: 'push' as const,
};

const open = (role: Role, routes: Parameters<typeof fakeGateway>[0] = {}) => {
  const calls = fakeGateway({
    'GET /auth/me': me(role),
    [`GET ${FILINGS}`]: { body: [filing] },
    [`GET ${DEVICES}`]: { body: [camera] },
    [`GET ${TAMPER}`]: { body: { items: [], truncated: false } },
    ...routes,
  });
  const view = renderPage(<OutagesPage />, {
    path: '/e/:enterpriseId/outages',
    url: `/e/${ENTERPRISE}/outages`,
  });
  return { calls, ...view };
};

/** Types a window into the range picker as a person would (Shanghai wall-clock). */
async function pickWindow(dialog: HTMLElement, from: string, to: string) {
  const [start, end] = within(dialog)
    .getAllByRole('textbox')
    .filter((i) => i.closest('.ant-picker-range'));
  fireEvent.mouseDown(start!);
  fireEvent.focus(start!);
  fireEvent.change(start!, { target: { value: from } });
  fireEvent.keyDown(start!, { key: 'Enter', code: 'Enter' });
  fireEvent.focus(end!);
  fireEvent.change(end!, { target: { value: to } });
  fireEvent.keyDown(end!, { key: 'Enter', code: 'Enter' });
  await waitFor(() => expect((end as HTMLInputElement).value).toBe(to));
}

describe('OutagesPage', () => {
  it('lists the filings to an inspector, who may not file', async () => {
    open('inspector');
    expect(await screen.findByText('年度电力检修', {}, later)).toBeTruthy();
    expect(screen.getAllByText('北门全景').length).toBeGreaterThan(0);
    expect(screen.getByText('已结束')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /新增备案/ })).toBeNull();
  });

  it('keeps the filters in the URL', async () => {
    const { router } = open('inspector');
    await screen.findByText('年度电力检修', {}, later);
    fireEvent.mouseDown(screen.getAllByRole('combobox')[1]!);
    fireEvent.click(await screen.findByTitle('未开始'));
    await waitFor(() => expect(router.state.location.search).toBe('?phase=upcoming'));
    expect(screen.queryByText('年度电力检修')).toBeNull();
  });

  it('refuses a draft without camera, window or reason before asking the archive', async () => {
    const { calls } = open('enterprise-admin');
    fireEvent.click(await screen.findByRole('button', { name: /新增备案/ }, later));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: /OK|确\s*定/ }));
    expect(await within(dialog).findByText('请选择摄像机')).toBeTruthy();
    expect(within(dialog).getByText('请选择停录的开始和结束时间')).toBeTruthy();
    expect(within(dialog).getByText('请填写备案原因')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it("files an outage and shows the archive's refusal with its reason", async () => {
    const { calls } = open('enterprise-admin', {
      [`POST ${FILINGS}`]: refusal(422, 'filing-too-long', 'a filing covers at most 72 hours'),
    });
    fireEvent.click(await screen.findByRole('button', { name: /新增备案/ }, later));
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('北门全景 (cam-1)'));
    await pickWindow(dialog, '2099-01-01 08:00', '2099-01-05 08:00');
    fireEvent.change(within(dialog).getByRole('textbox', { name: '原因' }), {
      target: { value: ' 年度检修 ' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: /OK|确\s*定/ }));
    expect(await within(dialog).findByText('单次备案时段超出上限', {}, later)).toBeTruthy();
    expect(within(dialog).getByText('a filing covers at most 72 hours')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      cameraId: 'cam-1',
      from: '2099-01-01T08:00:00+08:00',
      to: '2099-01-05T08:00:00+08:00',
      reason: '年度检修',
    });
  });

  it('lists the cameras tampered with like the outages: kind, began, ended or 未恢复, duration, images', async () => {
    const { calls } = open('inspector', {
      [`GET ${TAMPER}`]: { body: { items: [alarm, covered], truncated: false } },
    });
    expect(await screen.findByText('摄像机遮挡/移位记录', {}, later)).toBeTruthy();
    expect(await screen.findByText('遮挡', {}, later)).toBeTruthy();
    expect(screen.getByText('摄像机防破坏报警')).toBeTruthy();
    expect(screen.getByText('未恢复')).toBeTruthy();
    expect(screen.getByText('2 h 5 min')).toBeTruthy();
    expect(screen.getByText('无（摄像机报警）')).toBeTruthy();
    expect(screen.getByAltText('基准画面').getAttribute('src')).toBe(covered.images.before);
    expect(screen.getByAltText('异常画面').getAttribute('src')).toBe(covered.images.after);
    // The last 30 days by default, then the period picked.
    const asked = () => calls.filter((c) => c.path === TAMPER);
    const span = (query: URLSearchParams) =>
      (Date.parse(query.get('to')!) - Date.parse(query.get('from')!)) / 86_400_000;
    expect(span(asked()[0]!.query)).toBe(30);
    fireEvent.click(screen.getByText('近 7 天'));
    await waitFor(() => expect(span(asked().at(-1)!.query)).toBe(7));
  });

  it('asks for the camera picked in the page filter', async () => {
    const { calls } = open('inspector');
    await screen.findByText('年度电力检修', {}, later);
    fireEvent.mouseDown(screen.getAllByRole('combobox')[0]!);
    fireEvent.click(await screen.findByTitle('北门全景'));
    await waitFor(() =>
      expect(
        calls
          .filter((c) => c.path === TAMPER)
          .at(-1)
          ?.query.get('cameraId'),
      ).toBe('cam-1'),
    );
  });
});
