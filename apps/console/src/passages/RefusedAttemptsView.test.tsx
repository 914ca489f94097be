import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { account, ENTERPRISE, fakeGateway, renderPage, type Call } from '../shared/test-harness';
import { passage, refusedAttempt } from './fixtures';
import PassagesPage from './PassagesPage';
import { type RefusedAttemptRow } from './refused-filters';

const PASSAGES = `/api/ledger/v1/enterprises/${ENTERPRISE}/passages`;
const REFUSED = `/api/ledger/v1/enterprises/${ENTERPRISE}/refused-attempts`;
const PATTERN = '/e/:enterpriseId/passages';

const byHand = refusedAttempt({
  decisionId: 'man-dec-7',
  plate: '川JK0707',
  plateColour: 'yellow',
  gateId: 'east-1',
  laneId: 'lane-in',
  direction: 'in',
  verdict: 'deny',
  reasons: ['manual'],
  stage: null,
  stageSource: null,
  alertLevel: 'orange',
  manual: true,
  operator: { id: 'gatekeeper-7', reason: '无随车清单，禁止入厂' },
  message: { zh: '川JK0707：人工拒绝（gatekeeper-7）：无随车清单，禁止入厂', en: 'refused by hand' },
  capturedAt: '2025-01-02T01:02:03.000Z',
});
const automatic = refusedAttempt({
  decisionId: 'dec-auto-1',
  plate: '冀B54321',
  plateColour: 'blue',
  gateId: 'west-2',
  laneId: 'lane-out',
  direction: 'out',
  verdict: 'needs-review',
  reasons: ['stage-unknown'],
  stage: null,
  stageSource: null,
  message: { zh: '冀B54321：排放阶段未知，请人工确认', en: 'stage unknown' },
  capturedAt: '2025-01-01T23:00:00.000Z',
  photos: null,
});

function gateway(pages: Record<string, { items: RefusedAttemptRow[]; next: string | null }>) {
  return fakeGateway({
    'GET /auth/me': { body: account('enterprise-staff', ENTERPRISE) },
    [`GET ${PASSAGES}`]: { body: { items: [passage({ plate: '京A12345' })], nextCursor: null } },
    [`GET ${REFUSED}`]: ({ url }: Call) => {
      const page = pages[url.searchParams.get('cursor') ?? ''] ?? { items: [], next: null };
      return { body: { items: page.items, nextCursor: page.next } };
    },
  });
}

const search = (router: { state: { location: { search: string } } }) =>
  Object.fromEntries(new URLSearchParams(router.state.location.search));
/** The table row of a plate chip (its label: the plate and its colour's name). */
const rowOf = (label: string) => screen.getByLabelText(label).closest('tr')!;

afterEach(() => vi.restoreAllMocks());

describe('运输车辆台账 · 拦截记录', () => {
  it('switches to the refused view in the URL, keeping the plate, and back', async () => {
    const fake = gateway({ '': { items: [byHand], next: null } });
    const { router } = renderPage(<PassagesPage />, {
      path: PATTERN,
      url: `/e/${ENTERPRISE}/passages?plate=川JK0707&stage=VI&size=20`,
    });
    await screen.findByLabelText('京A12345 蓝牌');
    expect(fake.to(REFUSED)).toHaveLength(0);

    const views = screen.getByRole('radiogroup', { name: '台账视图' });
    expect(within(views).getByRole('radio', { name: '通行记录' })).toHaveProperty('checked', true);
    fireEvent.click(within(views).getByRole('radio', { name: '拦截记录' }));
    await waitFor(() => expect(search(router)).toEqual({ view: 'refused', plate: '川JK0707', size: '20' }));
    expect(await screen.findByLabelText('川JK0707 黄牌')).toBeTruthy();
    expect(Object.fromEntries(fake.to(REFUSED).at(-1)!.url.searchParams)).toEqual({
      plate: '川JK0707',
      limit: '20',
    });
    for (const title of [
      '时间',
      '车牌',
      '出入口 / 车道',
      '排放阶段（来源）',
      '判定',
      '拦截原因',
      '人工拦截',
      '现场照片',
    ]) {
      expect(screen.getByRole('columnheader', { name: title })).toBeTruthy();
    }

    fireEvent.click(screen.getByRole('radio', { name: '通行记录' }));
    await waitFor(() => expect(search(router)).toEqual({ plate: '川JK0707', size: '20' }));
    expect(await screen.findByLabelText('京A12345 蓝牌')).toBeTruthy();
  });

  it('asks the ledger for what the URL says and writes a changed filter back, the view kept', async () => {
    const fake = gateway({ '': { items: [byHand], next: null } });
    const { router } = renderPage(<PassagesPage />, {
      path: PATTERN,
      url: `/e/${ENTERPRISE}/passages?view=refused&plate=川JK0707&gate=east-1&manual=yes&from=2025-01-02&to=2025-01-03&size=20`,
    });
    await screen.findByLabelText('川JK0707 黄牌');
    expect(Object.fromEntries(fake.to(REFUSED)[0]!.url.searchParams)).toEqual({
      plate: '川JK0707',
      gateId: 'east-1',
      manual: 'true',
      from: '2025-01-02T00:00:00+08:00',
      to: '2025-01-04T00:00:00+08:00',
      limit: '20',
    });
    expect(fake.to(PASSAGES)).toHaveLength(0);
    // The form shows the URL's filters.
    expect(screen.getByLabelText('车牌号')).toHaveProperty('value', '川JK0707');
    expect(screen.getByLabelText('出入口')).toHaveProperty('value', 'east-1');

    fireEvent.change(screen.getByLabelText('车牌号'), { target: { value: '冀b54321' } });
    fireEvent.keyDown(screen.getByLabelText('车牌号'), { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() =>
      expect(search(router)).toEqual({
        view: 'refused',
        plate: '冀B54321',
        gate: 'east-1',
        manual: 'yes',
        from: '2025-01-02',
        to: '2025-01-03',
        size: '20',
      }),
    );
    await waitFor(() => expect(fake.to(REFUSED).at(-1)!.url.searchParams.get('plate')).toBe('冀B54321'));

    // 重置 clears every filter but keeps the view and the page size.
    fireEvent.click(screen.getByRole('button', { name: '重 置' }));
    await waitFor(() => expect(search(router)).toEqual({ view: 'refused', size: '20' }));
  });

  it('shows each refusal: Shanghai time, plate, gate and lane, stage, verdict, reasons, who refused by hand and why, the photo', async () => {
    gateway({ '': { items: [byHand, automatic], next: null } });
    renderPage(<PassagesPage />, { path: PATTERN, url: `/e/${ENTERPRISE}/passages?view=refused` });
    await screen.findByLabelText('川JK0707 黄牌');

    const manual = within(rowOf('川JK0707 黄牌'));
    expect(manual.getByText('2025-01-02 09:02:03')).toBeTruthy();
    expect(manual.getByText('进厂')).toBeTruthy();
    expect(manual.getByText(/east-1/).textContent).toContain('east-1 / lane-in');
    expect(manual.getByText('阶段未知')).toBeTruthy();
    expect(manual.getByText('禁止通行')).toBeTruthy();
    expect(manual.getByText('橙色预警')).toBeTruthy();
    expect(manual.getByText('人工操作')).toBeTruthy();
    expect(manual.getByText('gatekeeper-7')).toBeTruthy();
    expect(manual.getByText('无随车清单，禁止入厂')).toBeTruthy();
    const photo = manual.getByRole('img', { name: '川JK0707 车辆全景' });
    expect(photo.getAttribute('src')).toBe(
      `/api/ledger/v1/enterprises/${ENTERPRISE}/decisions/man-dec-7/photos/scene`,
    );

    const auto = within(rowOf('冀B54321 蓝牌'));
    expect(auto.getByText('2025-01-02 07:00:00')).toBeTruthy();
    expect(auto.getByText('出厂')).toBeTruthy();
    expect(auto.getByText('待确认')).toBeTruthy();
    expect(auto.getByText('排放阶段未知')).toBeTruthy();
    expect(auto.getByText('冀B54321：排放阶段未知，请人工确认')).toBeTruthy();
    expect(auto.queryByText('gatekeeper-7')).toBeNull();
    expect(auto.queryByRole('img', { name: /车辆全景/ })).toBeNull();
    expect(auto.getByText('无图片')).toBeTruthy();
  });

  it('pages with the ledger’s cursors, forward and back', async () => {
    const fake = gateway({
      '': { items: [byHand], next: 'c1' },
      c1: { items: [automatic], next: null },
    });
    const { router } = renderPage(<PassagesPage />, {
      path: PATTERN,
      url: `/e/${ENTERPRISE}/passages?view=refused&manual=no`,
    });
    await screen.findByLabelText('川JK0707 黄牌');
    fireEvent.click(screen.getByRole('button', { name: /下一页/ }));
    await screen.findByLabelText('冀B54321 蓝牌');
    expect(search(router)).toEqual({ view: 'refused', manual: 'no', cursor: 'c1' });
    expect(screen.getByRole('button', { name: /下一页/ })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: /上一页/ }));
    await screen.findByLabelText('川JK0707 黄牌');
    expect(search(router)).toEqual({ view: 'refused', manual: 'no' });
    expect(fake.to(REFUSED).every((r) => r.url.searchParams.get('manual') === 'false')).toBe(true);
  });

  it('says so when nothing matches, and shows the ledger’s reason when the search is refused', async () => {
    gateway({ '': { items: [], next: null } });
    const empty = renderPage(<PassagesPage />, {
      path: PATTERN,
      url: `/e/${ENTERPRISE}/passages?view=refused&plate=川A00000`,
    });
    expect(await screen.findByText('没有符合条件的拦截记录')).toBeTruthy();
    empty.unmount();
    vi.restoreAllMocks();

    fakeGateway({
      'GET /auth/me': { body: account('inspector', ENTERPRISE) },
      [`GET ${REFUSED}`]: {
        status: 400,
        body: { code: 'invalid-request', reason: 'cursor: not a cursor this API returned' },
      },
    });
    renderPage(<PassagesPage />, {
      path: PATTERN,
      url: `/e/${ENTERPRISE}/passages?view=refused&cursor=zzz`,
    });
    expect(await screen.findByText(/cursor: not a cursor this API returned/)).toBeTruthy();
  });
});
