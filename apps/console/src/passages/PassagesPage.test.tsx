import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { account, ENTERPRISE, fakeGateway, renderPage, type Call } from '../shared/test-harness';
import { passage } from './fixtures';
import PassagesPage from './PassagesPage';

const LIST = `/api/ledger/v1/enterprises/${ENTERPRISE}/passages`;
const PATTERN = '/e/:enterpriseId/passages';

function gateway(
  role: Parameters<typeof account>[0],
  pages: Record<string, { ids: string[]; next: string | null }>,
) {
  return fakeGateway({
    'GET /auth/me': { body: account(role, ENTERPRISE) },
    [`GET ${LIST}`]: ({ url }: Call) => {
      const page = pages[url.searchParams.get('cursor') ?? ''] ?? { ids: [], next: null };
      return {
        body: {
          items: page.ids.map((plate) => passage({ plate })),
          nextCursor: page.next,
        },
      };
    },
  });
}

const search = (router: { state: { location: { search: string } } }) =>
  new URLSearchParams(router.state.location.search);

afterEach(() => vi.restoreAllMocks());

describe('运输车辆台账', () => {
  it('asks the service for what the URL says, and writes a changed filter back to the URL', async () => {
    const fake = gateway('enterprise-staff', { '': { ids: ['京A12345'], next: null } });
    const { router } = renderPage(<PassagesPage />, {
      path: PATTERN,
      url: `/e/${ENTERPRISE}/passages?plate=京A12345&stage=VI&direction=in&manual=yes&from=2025-01-02&to=2025-01-03&size=20`,
    });
    expect(await screen.findByLabelText('京A12345 蓝牌')).toBeTruthy();
    const [first] = fake.to(LIST);
    expect(Object.fromEntries(first!.url.searchParams)).toEqual({
      plate: '京A12345',
      stage: 'VI',
      direction: 'in',
      manual: 'true',
      from: '2025-01-02T00:00:00+08:00',
      to: '2025-01-04T00:00:00+08:00',
      limit: '20',
    });
    // The form shows the URL's filters.
    expect(screen.getByLabelText('车牌号')).toHaveProperty('value', '京A12345');

    // A typed plate applies on Enter, a new search from its first page, the others kept.
    fireEvent.change(screen.getByLabelText('车牌号'), { target: { value: '冀B54321' } });
    fireEvent.keyDown(screen.getByLabelText('车牌号'), { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(search(router).get('plate')).toBe('冀B54321'));
    expect(Object.fromEntries(search(router))).toEqual({
      plate: '冀B54321',
      stage: 'VI',
      direction: 'in',
      manual: 'yes',
      from: '2025-01-02',
      to: '2025-01-03',
      size: '20',
    });
    await waitFor(() => expect(fake.to(LIST).at(-1)!.url.searchParams.get('plate')).toBe('冀B54321'));

    // 重置 clears every filter but keeps the page size.
    fireEvent.click(screen.getByRole('button', { name: '重 置' }));
    await waitFor(() => expect(Object.fromEntries(search(router))).toEqual({ size: '20' }));
  });

  it('pages with the service cursors (never everything), forward and back', async () => {
    const fake = gateway('inspector', {
      '': { ids: ['京A00001'], next: 'c1' },
      c1: { ids: ['京A00002'], next: 'c2' },
      c2: { ids: ['京A00003'], next: null },
    });
    const { router } = renderPage(<PassagesPage />, {
      path: PATTERN,
      url: `/e/${ENTERPRISE}/passages?stage=V`,
    });
    await screen.findByLabelText('京A00001 蓝牌');
    expect(screen.getByRole('button', { name: /上一页/ })).toHaveProperty('disabled', true);

    fireEvent.click(screen.getByRole('button', { name: /下一页/ }));
    await screen.findByLabelText('京A00002 蓝牌');
    expect(search(router).get('cursor')).toBe('c1');
    expect(screen.getByText('第 2 页')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /下一页/ }));
    await screen.findByLabelText('京A00003 蓝牌');
    expect(screen.getByRole('button', { name: /下一页/ })).toHaveProperty('disabled', true);

    fireEvent.click(screen.getByRole('button', { name: /上一页/ }));
    await screen.findByLabelText('京A00002 蓝牌');
    expect(search(router).get('cursor')).toBe('c1');
    fireEvent.click(screen.getByRole('button', { name: /上一页/ }));
    await screen.findByLabelText('京A00001 蓝牌');
    expect(search(router).has('cursor')).toBe(false);

    // Each page was one bounded request with the filter kept.
    const asked = fake
      .to(LIST)
      .map((r) => [r.url.searchParams.get('cursor'), r.url.searchParams.get('limit')]);
    expect(asked).toEqual(
      expect.arrayContaining([
        [null, '50'],
        ['c1', '50'],
        ['c2', '50'],
      ]),
    );
    expect(fake.to(LIST).every((r) => r.url.searchParams.get('stage') === 'V')).toBe(true);
  });

  it('offers manual entry to gate staff only; an inspector reads', async () => {
    gateway('inspector', { '': { ids: ['京A12345'], next: null } });
    const inspector = renderPage(<PassagesPage />, { path: PATTERN, url: `/e/${ENTERPRISE}/passages` });
    await screen.findByLabelText('京A12345 蓝牌');
    expect(screen.queryByRole('button', { name: '人工补录' })).toBeNull();
    inspector.unmount();
    vi.restoreAllMocks();

    gateway('enterprise-staff', { '': { ids: ['京A12345'], next: null } });
    renderPage(<PassagesPage />, { path: PATTERN, url: `/e/${ENTERPRISE}/passages` });
    expect(await screen.findByRole('button', { name: '人工补录' })).toBeTruthy();
  });

  it('offers the enterprise gates to a role that may list them; a picked gate filters at once', async () => {
    const fake = fakeGateway({
      'GET /auth/me': { body: account('inspector', ENTERPRISE) },
      [`GET ${LIST}`]: { body: { items: [passage({ plate: '京A12345' })], nextCursor: null } },
      [`GET /api/camera-ingest/v1/enterprises/${ENTERPRISE}/gates`]: {
        body: [
          { id: 'east', name: '东门', siteId: 's-1' },
          { id: 'west', name: '西门', siteId: 's-1' },
        ],
      },
    });
    const { router } = renderPage(<PassagesPage />, { path: PATTERN, url: `/e/${ENTERPRISE}/passages` });
    await screen.findByLabelText('京A12345 蓝牌');
    const gate = screen.getByLabelText('出入口');
    fireEvent.focus(gate);
    fireEvent.change(gate, { target: { value: '东' } });
    fireEvent.click(await screen.findByText('东门 (east)'));
    await waitFor(() => expect(search(router).get('gate')).toBe('east'));
    await waitFor(() => expect(fake.to(LIST).at(-1)!.url.searchParams.get('gateId')).toBe('east'));
    expect(screen.queryByText('西门 (west)')).toBeNull();
  });

  it('shows the service reason when the search is refused', async () => {
    fakeGateway({
      'GET /auth/me': { body: account('inspector', ENTERPRISE) },
      [`GET ${LIST}`]: {
        status: 400,
        body: { code: 'invalid-request', reason: 'cursor: not a cursor this API returned' },
      },
    });
    renderPage(<PassagesPage />, { path: PATTERN, url: `/e/${ENTERPRISE}/passages?cursor=zzz` });
    expect(await screen.findByText(/cursor: not a cursor this API returned/)).toBeTruthy();
  });
});

describe('人工补录', () => {
  it('will not send a passage without its reason', async () => {
    const fake = gateway('enterprise-staff', { '': { ids: [], next: null } });
    renderPage(<PassagesPage />, { path: PATTERN, url: `/e/${ENTERPRISE}/passages` });
    fireEvent.click(await screen.findByRole('button', { name: '人工补录' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('出入口'), { target: { value: 'G1' } });
    fireEvent.change(within(dialog).getByLabelText('车牌号'), { target: { value: '京A12345' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /确\s*定|OK/ }));
    expect(await within(dialog).findByText('必须填写补录原因')).toBeTruthy();
    expect(fake.to(`${LIST}/manual`, 'POST')).toHaveLength(0);
  });
});
