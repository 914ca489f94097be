import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ENTERPRISE, fakeGateway, me, refusal, renderPage } from '../shared/test-harness';
import { type Role } from '../session/session';
import OutagesPage from './OutagesPage';

const later = { timeout: 10_000 };
const FILINGS = `/api/video-archive/v1/enterprises/${ENTERPRISE}/outage-filings`;
const DEVICES = `/api/camera-ingest/v1/enterprises/${ENTERPRISE}/devices`;
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
});
