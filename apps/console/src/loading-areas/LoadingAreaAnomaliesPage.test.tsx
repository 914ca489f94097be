import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { daysBefore, localDate } from '../shared/time';
import { ENTERPRISE, fakeGateway, me, ok, refusal, renderPage, type Routes } from '../shared/test-harness';
import LoadingAreaAnomaliesPage from './LoadingAreaAnomaliesPage';
import { type Anomaly } from './loading-areas';

const later = { timeout: 10_000 };
const ANOMALIES = `/api/ledger/v1/enterprises/${ENTERPRISE}/loading-area-anomalies`;
const PLAYLIST = `/api/video-archive/v1/enterprises/${ENTERPRISE}/cameras/yard-1/playlist.m3u8`;

const refused: Anomaly = {
  anomalyId: 'an-1',
  kind: 'refused-seen-inside',
  plate: '冀C30003',
  // 2026-12-01 10:00:00 in Shanghai.
  at: '2026-12-01T02:00:00.000Z',
  reason: 'refused at the gate, then seen in a loading area: no gate row since 2026-11-30',
  detectedAt: '2026-12-01T02:00:01.500Z',
  evidence: {
    sightingId: 's-1',
    cameraId: 'yard-1',
    frame: { bucket: 'b', key: 'k/frame.jpg', sha256: 'a'.repeat(64), contentType: 'image/jpeg', bytes: 9 },
    crop: { bucket: 'b', key: 'k/crop.jpg', sha256: 'b'.repeat(64), contentType: 'image/jpeg', bytes: 9 },
    passageIds: ['11111111-2222-4333-8444-555555555555'],
    refusalIds: ['r-1', 'r-2'],
    searchedFrom: '2026-11-30',
    clip: { cameraId: 'yard-1', from: '2026-12-01T01:59:30.000Z', to: '2026-12-01T02:00:30.000Z' },
  },
};
const overdue: Anomaly = {
  anomalyId: 'an-2',
  kind: 'entry-without-exit',
  plate: '冀E50005',
  at: '2026-12-01T01:00:00.000Z',
  reason: 'entered at 2026-11-30T13:00:00.000Z and no exit within 12 h',
  detectedAt: '2026-12-01T01:10:00.000Z',
  evidence: {
    sightingId: null,
    cameraId: null,
    frame: null,
    crop: null,
    passageIds: ['66666666-2222-4333-8444-555555555555'],
    refusalIds: [],
    searchedFrom: null,
    clip: null,
  },
};

const open = (url: string, routes: Routes = {}) => {
  const calls = fakeGateway({
    'GET /auth/me': me('enterprise-staff'),
    [`GET ${ANOMALIES}`]: ok({ items: [refused, overdue], truncated: false }),
    [`GET ${PLAYLIST}`]: { text: '#EXTM3U\n#EXT-X-ENDLIST\n', contentType: 'application/vnd.apple.mpegurl' },
    ...routes,
  });
  const view = renderPage(<LoadingAreaAnomaliesPage />, {
    path: '/e/:enterpriseId/loading-area-anomalies',
    url: `/e/${ENTERPRISE}/loading-area-anomalies${url}`,
  });
  return { calls, ...view };
};
const lastQuery = (calls: ReturnType<typeof fakeGateway>) =>
  Object.fromEntries(calls.to(ANOMALIES).at(-1)!.query);

describe('装卸区异常', () => {
  it('asks the ledger for the last week by default, and for the period and kind the URL names', async () => {
    const { calls, router } = open('');
    expect(await screen.findByText('被拦车辆出现在厂内', {}, later)).toBeTruthy();
    const today = localDate();
    expect(lastQuery(calls)).toEqual({
      from: `${daysBefore(today, 6)}T00:00:00+08:00`,
      to: `${daysBefore(today, -1)}T00:00:00+08:00`,
      limit: '200',
    });

    fireEvent.mouseDown(screen.getByRole('combobox', { name: '异常类型' }));
    fireEvent.click(await screen.findByTitle('有进无出'));
    await waitFor(() => expect(router.state.location.search).toBe('?kind=entry-without-exit'));
    await waitFor(() => expect(lastQuery(calls)).toMatchObject({ kind: 'entry-without-exit' }));
  });

  it('reads a shared link: its days (the last one included) and its kind', async () => {
    const { calls } = open('?from=2026-12-01&to=2026-12-03&kind=refused-seen-inside');
    await screen.findByText('冀C30003', {}, later);
    expect(lastQuery(calls)).toEqual({
      from: '2026-12-01T00:00:00+08:00',
      to: '2026-12-04T00:00:00+08:00',
      kind: 'refused-seen-inside',
      limit: '200',
    });
    const row = screen.getByText('冀C30003').closest('tr')!;
    expect(within(row).getByText('2026-12-01 10:00:00')).toBeTruthy();
    expect(within(row).getByText(refused.reason)).toBeTruthy();
    expect(within(row).getByText('2026-12-01 10:00:01')).toBeTruthy();
  });

  it('opens the evidence: frame and crop, the passages, the refusals, the day searched from, the clip', async () => {
    const { calls } = open('?from=2026-12-01&to=2026-12-01');
    fireEvent.click((await screen.findByText('冀C30003', {}, later)).closest('tr')!);
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByText('被拦车辆出现在厂内')).toBeTruthy();
    expect(within(drawer).getByAltText('冀C30003 装卸区画面').getAttribute('src')).toBe(
      `/api/ledger/v1/enterprises/${ENTERPRISE}/loading-area-sightings/s-1/photos/scene`,
    );
    expect(within(drawer).getByAltText('冀C30003 车牌截图').getAttribute('src')).toBe(
      `/api/ledger/v1/enterprises/${ENTERPRISE}/loading-area-sightings/s-1/photos/plate`,
    );
    const passage = refused.evidence.passageIds[0]!;
    expect(within(drawer).getByRole('link', { name: passage }).getAttribute('href')).toBe(
      `/e/${ENTERPRISE}/passages/${passage}`,
    );
    const refusals = new URL(
      within(drawer)
        .getByRole('link', { name: /2 条拦截记录/ })
        .getAttribute('href')!,
      'http://console',
    );
    expect(refusals.pathname).toBe(`/e/${ENTERPRISE}/passages`);
    expect(Object.fromEntries(refusals.searchParams)).toEqual({
      view: 'refused',
      plate: '冀C30003',
      from: '2026-11-30',
      to: '2026-12-01',
    });
    expect(within(drawer).getByText('2026-11-30')).toBeTruthy();
    // The archive's playlist for the sighting's camera, 30 s each side, in Shanghai time.
    await waitFor(() => expect(calls.to(PLAYLIST)).toHaveLength(1));
    expect(Object.fromEntries(calls.to(PLAYLIST)[0]!.query)).toEqual({
      from: '2026-12-01T09:59:30+08:00',
      to: '2026-12-01T10:00:30+08:00',
    });
  });

  it('says an anomaly judged from gate rows has no images and no clip', async () => {
    const { calls } = open('');
    fireEvent.click(await screen.findByText('冀E50005', {}, later));
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByText('有进无出')).toBeTruthy();
    expect(within(drawer).getByText(/没有装卸区摄像机画面/)).toBeTruthy();
    expect(within(drawer).queryByAltText(/装卸区画面|车牌截图/)).toBeNull();
    expect(within(drawer).getByRole('link', { name: overdue.evidence.passageIds[0]! })).toBeTruthy();
    expect(calls.to(PLAYLIST)).toHaveLength(0);
  });

  it('says when the period holds more than the list shows', async () => {
    open('', { [`GET ${ANOMALIES}`]: ok({ items: [overdue], truncated: true }) });
    expect(await screen.findByText(/超过 200 条/, {}, later)).toBeTruthy();
  });

  it('shows an empty period as such', async () => {
    open('', { [`GET ${ANOMALIES}`]: ok({ items: [], truncated: false }) });
    expect(await screen.findByText('该时段内没有装卸区异常', {}, later)).toBeTruthy();
  });

  it('shows the service’s reason when it refuses', async () => {
    open('', { [`GET ${ANOMALIES}`]: refusal(400, 'invalid-request', 'from must be before to') });
    expect(await screen.findByText(/from must be before to \(invalid-request\)/, {}, later)).toBeTruthy();
  });
});
