import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { daysBefore, localDate } from '../shared/time';
import { ENTERPRISE, fakeGateway, me, ok, refusal, renderPage, type Routes } from '../shared/test-harness';
import LoadingAreaSightingsPage from './LoadingAreaSightingsPage';
import { type Sighting } from './loading-areas';

const later = { timeout: 10_000 };
const SIGHTINGS = `/api/ledger/v1/enterprises/${ENTERPRISE}/loading-area-sightings`;
const ref = { bucket: 'b', key: 'k.jpg', sha256: 'a'.repeat(64), contentType: 'image/jpeg', bytes: 9 };
const sighting = (over: Partial<Sighting>): Sighting => ({
  sightingId: 's-1',
  cameraId: 'yard-1',
  siteId: 'site-1',
  plate: '冀B20002',
  plateColour: 'yellow',
  confidence: 0.972,
  verdict: 'trusted',
  at: '2026-12-01T02:00:00.000Z',
  frame: ref,
  crop: ref,
  cropBox: { x: 1, y: 2, width: 140, height: 44 },
  ...over,
});

const open = (url: string, routes: Routes = {}) => {
  const calls = fakeGateway({
    'GET /auth/me': me('inspector', null),
    [`GET ${SIGHTINGS}`]: ok({
      items: [
        sighting({}),
        sighting({
          sightingId: 's-2',
          plate: '冀Z99999',
          plateColour: 'blue',
          confidence: 0.41,
          verdict: 'needs-review',
        }),
      ],
      truncated: false,
    }),
    ...routes,
  });
  const view = renderPage(<LoadingAreaSightingsPage />, {
    path: '/e/:enterpriseId/loading-area-sightings',
    url: `/e/${ENTERPRISE}/loading-area-sightings${url}`,
  });
  return { calls, ...view };
};
const lastQuery = (calls: ReturnType<typeof fakeGateway>) =>
  Object.fromEntries(calls.to(SIGHTINGS).at(-1)!.query);

describe('装卸区识别记录', () => {
  it('lists the time, camera, plate on its colour, confidence, verdict and crop', async () => {
    open('');
    const row = (await screen.findByLabelText('冀B20002 黄牌', {}, later)).closest('tr')!;
    expect(within(row).getByText('2026-12-01 10:00:00')).toBeTruthy();
    expect(within(row).getByText('yard-1')).toBeTruthy();
    expect(within(row).getByText('97.2 %')).toBeTruthy();
    expect(within(row).getByText('可信')).toBeTruthy();
    expect(within(row).getByAltText('冀B20002 车牌截图').getAttribute('src')).toBe(
      `${SIGHTINGS}/s-1/photos/plate`,
    );
    const doubtful = screen.getByLabelText('冀Z99999 蓝牌').closest('tr')!;
    expect(within(doubtful).getByText('存疑（不参与比对）')).toBeTruthy();
  });

  it('asks for the last week by default, and for the plate typed in, kept in the URL', async () => {
    const { calls, router } = open('');
    await screen.findByLabelText('冀B20002 黄牌', {}, later);
    const today = localDate();
    expect(lastQuery(calls)).toEqual({
      from: `${daysBefore(today, 6)}T00:00:00+08:00`,
      to: `${daysBefore(today, -1)}T00:00:00+08:00`,
      limit: '200',
    });
    fireEvent.change(screen.getByRole('searchbox', { name: '车牌号' }), { target: { value: ' 冀b20002 ' } });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    await waitFor(() =>
      expect(new URLSearchParams(router.state.location.search).get('plate')).toBe('冀b20002'),
    );
    await waitFor(() => expect(lastQuery(calls)).toMatchObject({ plate: '冀B20002' }));
  });

  it('reads a shared link’s period and plate', async () => {
    const { calls } = open('?from=2026-12-03&to=2026-12-01&plate=冀B20002');
    await screen.findByLabelText('冀B20002 黄牌', {}, later);
    // A reversed period is read in order.
    expect(lastQuery(calls)).toEqual({
      from: '2026-12-01T00:00:00+08:00',
      to: '2026-12-04T00:00:00+08:00',
      plate: '冀B20002',
      limit: '200',
    });
  });

  it('shows an empty period as such', async () => {
    open('', { [`GET ${SIGHTINGS}`]: ok({ items: [], truncated: false }) });
    expect(await screen.findByText('该时段内没有识别记录', {}, later)).toBeTruthy();
  });

  it('shows the service’s reason when it refuses', async () => {
    open('', { [`GET ${SIGHTINGS}`]: refusal(400, 'invalid-request', 'plate: too long') });
    expect(await screen.findByText(/plate: too long \(invalid-request\)/, {}, later)).toBeTruthy();
  });
});
