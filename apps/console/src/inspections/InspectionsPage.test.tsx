import { screen, waitFor } from '@testing-library/react';
import { account, fakeGateway, ok, person, renderPage } from '../shared/test-harness';
import { daysBefore, localDate } from '../shared/time';
import { indicators, inspection, INSPECTION_ID, windowScan } from './fixtures';
import InspectionsPage from './InspectionsPage';

const E = '/api/ledger/v1/enterprises/e1';
const ONE = `${E}/inspections/${INSPECTION_ID}`;
const PATH = '/e/:enterpriseId/inspections';
const button = (name: string) =>
  screen
    .getAllByText(name)
    .map((text) => text.closest('button'))
    .find(Boolean)!;

describe('InspectionsPage', () => {
  it('starts a sample with the defaults, opens it by its id in the URL, asks a note for 不一致, and verifies the chain', async () => {
    const u = person();
    const calls = fakeGateway({
      'GET /auth/me': ok(account('inspector', 'e1')),
      [`POST ${E}/inspections`]: { status: 201, body: inspection() },
      [`GET ${ONE}`]: ok(inspection()),
      [`GET ${ONE}/indicators`]: ok(indicators()),
      'PUT /api/ledger/v1/enterprises/e1/inspections/:id/items/:item': ok(
        inspection({ marked: 2, inconsistent: 1 }),
      ),
      [`GET ${E}/chain/verify`]: ok({
        ok: false,
        enterpriseId: 'e1',
        entries: 120,
        firstSeq: 1,
        lastSeq: 120,
        roots: 30,
        beforeChain: 4,
        first: { kind: 'record-altered', seq: 17, detail: 'passages 2222…: plate differs' },
        findings: [{ kind: 'record-altered', seq: 17, detail: 'passages 2222…: plate differs' }],
      }),
    });
    const { router } = renderPage(<InspectionsPage />, { path: PATH, url: '/e/e1/inspections' });
    await u.click((await screen.findByText('开始抽查')).closest('button')!);
    const today = localDate();
    await waitFor(() =>
      expect(calls.to(`${E}/inspections`, 'POST')[0]?.body).toEqual({
        from: daysBefore(today, 29),
        to: today,
        passages: 8,
        windows: 3,
        windowMinutes: 10,
      }),
    );
    await waitFor(() => expect(router.state.location.search).toContain(`inspection=${INSPECTION_ID}`));
    expect(await screen.findByText('冀A12345')).toBeTruthy();
    expect(screen.getByText('缺 运输货物名称、车队名称')).toBeTruthy();
    expect(screen.getByText('视频时段取自预警期间')).toBeTruthy();
    expect((await screen.findByText('70%')).textContent).toBe('70%');

    // The first editor is the first sampled passage's: 不一致 without a note is refused here.
    await u.click(screen.getAllByText('不一致')[0]!);
    await u.click(screen.getAllByText('保存结论')[0]!.closest('button')!);
    expect(await screen.findByText('不一致时须填写说明')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
    await u.click(screen.getAllByLabelText('说明')[0]!);
    await u.paste('照片车牌与台账不符');
    await u.click(screen.getAllByText('保存结论')[0]!.closest('button')!);
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1));
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.path).toBe(`${ONE}/items/11111111-1111-4111-8111-111111111111`);
    expect(put.body).toEqual({ verdict: 'inconsistent', note: '照片车牌与台账不符' });

    // 一致 is saved on its click, with no 保存结论.
    await u.click(screen.getAllByText('一致')[1]!);
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'PUT')[1]!.body).toEqual({ verdict: 'consistent' });

    await u.click(button('台账完整性校验'));
    expect(await screen.findByText(/第一处： 记录被修改/)).toBeTruthy();
    expect(screen.getByText('passages 2222…: plate differs')).toBeTruthy();
    expect(screen.getByText('另有 4 条记录早于哈希链启用，未纳入校验')).toBeTruthy();
    expect(calls.to(`${E}/chain/verify`)[0]!.query.get('to')).toBe('2026-12-01T00:00:00+08:00');
  });

  it('shows an enterprise admin its inspection by link, read-only, without the chain check', async () => {
    fakeGateway({
      'GET /auth/me': ok(account('enterprise-admin', 'e1')),
      [`GET ${ONE}`]: ok(
        inspection({
          status: 'closed',
          closedAt: '2026-12-07T02:00:00.000Z',
          closedBy: '5b0d9c3e-8a21-4f7c-b6e4-0d2f1a9c8e77',
          closedByName: '李组长',
        }),
      ),
      [`GET ${ONE}/indicators`]: ok(indicators()),
    });
    renderPage(<InspectionsPage />, { path: PATH, url: `/e/e1/inspections?inspection=${INSPECTION_ID}` });
    expect(await screen.findByText('冀A12345')).toBeTruthy();
    expect(screen.getByText('已结束')).toBeTruthy();
    expect(screen.getAllByText('一致').length).toBeGreaterThan(0);
    expect(screen.queryByText('保存结论')).toBeNull();
    expect(screen.queryByText('结束核查')).toBeNull();
    expect(screen.queryByText('台账完整性校验')).toBeNull();
    expect(screen.queryByText('新的抽查')).toBeNull();
    // People by name, their account ids behind them (the tooltip's), never as the text.
    expect(screen.getByText('李组长').getAttribute('data-account-id')).toBe(
      '5b0d9c3e-8a21-4f7c-b6e4-0d2f1a9c8e77',
    );
    expect(screen.getAllByText('王检查').map((n) => n.getAttribute('data-account-id'))).toContain(
      '7f1c2a9e-0b8d-4f6e-9a51-3c2d1e0f4b7a',
    );
    expect(screen.queryByText('7f1c2a9e-0b8d-4f6e-9a51-3c2d1e0f4b7a')).toBeNull();
    // Each sampled passage's chain proof: the signed root's day and its latest link's hash, cut short.
    expect(screen.getByText('已签名根 2026-11-02')).toBeTruthy();
    expect(screen.getByText('9f8e7d6c…beef')).toBeTruthy();
    expect(screen.getByText('未上链')).toBeTruthy();
  });

  it('lists past inspections and opens one by its id, a window scan in progress', async () => {
    const u = person();
    const running = inspection();
    const window = running.windows[0]!;
    const calls = fakeGateway({
      'GET /auth/me': ok(account('inspector', 'e1')),
      [`GET ${E}/inspections`]: ok({
        items: [
          {
            id: INSPECTION_ID,
            enterpriseId: 'e1',
            from: '2026-11-01',
            to: '2026-11-30',
            timeZone: 'Asia/Shanghai',
            seed: 'nov-check',
            status: 'open',
            createdBy: 'inspector-wang',
            createdAt: '2026-12-07T01:00:00.000Z',
            closedBy: null,
            closedAt: null,
            passages: 8,
            windows: 3,
            marked: 1,
            inconsistent: 0,
            scanning: 1,
          },
        ],
        nextCursor: null,
      }),
      [`GET ${ONE}`]: ok({
        ...running,
        windows: [
          {
            ...window,
            scan: windowScan({
              status: 'running',
              progress: { framesDone: 300, framesTotal: 1200 },
              sightings: [],
              finding: 'pending',
            }),
          },
        ],
      }),
      [`GET ${ONE}/indicators`]: ok(indicators()),
    });
    const { router } = renderPage(<InspectionsPage />, { path: PATH, url: '/e/e1/inspections' });
    expect(await screen.findByText('1 段识别中')).toBeTruthy();
    await u.click(screen.getByText('2026-11-01 – 2026-11-30'));
    await waitFor(() => expect(router.state.location.search).toContain(`inspection=${INSPECTION_ID}`));
    expect(await screen.findByText('正在逐帧识别车牌…')).toBeTruthy();
    expect(screen.getByText('系统核查中')).toBeTruthy();
    expect(screen.getByText('25%')).toBeTruthy();
    expect(calls.to(`${E}/inspections`, 'GET')[0]!.query.get('limit')).toBe('20');
  });

  it('shows what the system found in a window, and outages the archive could not give as unavailable', async () => {
    fakeGateway({
      'GET /auth/me': ok(account('inspector', 'e1')),
      [`GET ${ONE}`]: ok(inspection()),
      [`GET ${ONE}/indicators`]: ok({
        ...indicators(),
        outages: { status: 'unavailable', reason: 'video-archive answered 503' },
      }),
    });
    renderPage(<InspectionsPage />, { path: PATH, url: `/e/e1/inspections?inspection=${INSPECTION_ID}` });
    expect(await screen.findByText('1 辆车无台账记录')).toBeTruthy();
    expect(screen.getByText('视频中出现但无台账记录的车辆')).toBeTruthy();
    expect(screen.getByText('冀Z00001')).toBeTruthy();
    expect(screen.getByText('识别不确定，请人工核对')).toBeTruthy();
    expect(screen.getByText('以下摄像机该时段无视频：cam-yard')).toBeTruthy();
    expect(screen.getByAltText('冀Z00001').getAttribute('src')).toBe(
      '/api/video-archive/v1/enterprises/e1/window-scans/s1/frames/冀Z00001.jpg',
    );
    expect(await screen.findByText('视频存档暂无法提供：video-archive answered 503')).toBeTruthy();
    expect(screen.getByText('共 3 起')).toBeTruthy();
    // Cutting in and U-turns have labels of their own, next to tailgating and reversing.
    expect(['跟车 1', '加塞 1', '倒车 0', '掉头 0'].map((text) => screen.getByText(text).tagName)).toEqual([
      'SPAN',
      'SPAN',
      'SPAN',
      'SPAN',
    ]);
  });

  it('says a window has no system check when the ledger has no video archive', async () => {
    const base = inspection();
    fakeGateway({
      'GET /auth/me': ok(account('inspector', 'e1')),
      [`GET ${ONE}`]: ok({
        ...base,
        windows: [{ ...base.windows[0]!, scan: null, scanUnavailableReason: 'video-archive-not-configured' }],
      }),
      [`GET ${ONE}/indicators`]: ok(indicators()),
    });
    renderPage(<InspectionsPage />, { path: PATH, url: `/e/e1/inspections?inspection=${INSPECTION_ID}` });
    expect(await screen.findByText('未接入视频存档')).toBeTruthy();
    expect(screen.getByText(/系统无法核查该时段的视频/)).toBeTruthy();
    expect(screen.queryByText('视频中车辆均有台账记录')).toBeNull();
    expect(await screen.findByText('未备案 1（1 分钟）')).toBeTruthy();
  });

  it('counts the cameras tampered with and the loading-area anomalies of the period', async () => {
    fakeGateway({
      'GET /auth/me': ok(account('inspector', 'e1')),
      [`GET ${ONE}`]: ok(inspection()),
      [`GET ${ONE}/indicators`]: ok(indicators()),
    });
    renderPage(<InspectionsPage />, { path: PATH, url: `/e/e1/inspections?inspection=${INSPECTION_ID}` });
    // The indicators come with their own request, after the inspection.
    expect(await screen.findByText('冀A12345', {}, { timeout: 10_000 })).toBeTruthy();
    expect(await screen.findByText('2 次，共 90 分钟', {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByText('摄像机遮挡/移位')).toBeTruthy();
    expect(screen.getByText('未恢复 1')).toBeTruthy();
    expect(screen.getByText('cam-yard：2 次 90 分钟（遮挡、移位）')).toBeTruthy();
    expect(screen.getByText('装卸区异常')).toBeTruthy();
    expect(screen.getByText('无入场记录 2')).toBeTruthy();
    expect(screen.getByText('出场无入场 2')).toBeTruthy();
    expect(screen.getByText('共 4 起')).toBeTruthy();
  });
});
