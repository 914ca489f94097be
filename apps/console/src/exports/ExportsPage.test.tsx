import { screen, waitFor } from '@testing-library/react';
import { account, type Call, fakeGateway, ok, person, refusal, renderPage } from '../shared/test-harness';
import { daysBefore, localDate } from '../shared/time';
import ExportsPage from './ExportsPage';
import { type ExportJob, periodOf } from './exports-api';

const E = '/api/ledger/v1/enterprises/e1/exports';
const JOB = '6f1b7c52-8d1e-4c59-9a43-2d7d8f6b1c01';
const job = (overrides: Partial<ExportJob>): ExportJob => ({
  jobId: JOB,
  ledger: 'passages',
  enterpriseIds: ['e1'],
  filters: {},
  state: 'queued',
  rows: 0,
  totalRows: null,
  progress: 0,
  requestedBy: 'u1',
  createdAt: '2026-12-07T01:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  expiresAt: null,
  ...overrides,
});
const open = () => renderPage(<ExportsPage />, { path: '/e/:enterpriseId/exports', url: '/e/e1/exports' });
const button = (name: string) =>
  screen
    .getAllByText(name)
    .map((text) => text.closest('button'))
    .find(Boolean)!;

describe('ExportsPage', () => {
  it('starts an export of the last 30 days, polls it every second while it runs, then links the file and stops', async () => {
    const u = person();
    const states = [
      job({ state: 'running', rows: 400, totalRows: 1000, progress: 0.4 }),
      job({ state: 'running', rows: 800, totalRows: 1000, progress: 0.8 }),
      job({
        state: 'done',
        rows: 1000,
        totalRows: 1000,
        progress: 1,
        fileName: 'passages.xlsx',
        downloadUrl: '/objects/exports/passages.xlsx?sig=abc',
        expiresAt: '2026-12-14T01:00:00.000Z',
      }),
    ];
    const polls: Call[] = [];
    const calls = fakeGateway({
      'GET /auth/me': ok(account('enterprise-staff', 'e1')),
      [`GET ${E}`]: ok({ items: [] }),
      [`POST ${E}`]: { status: 202, body: job({}) },
      [`GET ${E}/${JOB}`]: (call) => {
        polls.push(call);
        return ok(states[Math.min(polls.length - 1, states.length - 1)]);
      },
    });
    open();
    expect(await screen.findByText('暂无导出记录')).toBeTruthy();
    // City-only controls stay hidden from an enterprise role.
    expect(screen.queryByText('多家企业')).toBeNull();
    expect(screen.queryByText('最近的多企业导出')).toBeNull();

    await u.click(button('开始导出'));
    const today = localDate();
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        ledger: 'passages',
        ...periodOf(daysBefore(today, 29), today),
      }),
    );
    expect((await screen.findByText('已写入 400 / 1000 行')).textContent).toBeTruthy();
    const link = (await screen.findByText('下载 passages.xlsx', {}, { timeout: 15_000 })).closest('a')!;
    expect(link.getAttribute('href')).toBe('/objects/exports/passages.xlsx?sig=abc');
    expect(polls).toHaveLength(3);
    // Done: no more polling.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(polls).toHaveLength(3);
  });

  it('says why a job failed', async () => {
    fakeGateway({
      'GET /auth/me': ok(account('enterprise-admin', 'e1')),
      [`GET ${E}`]: ok({ items: [job({ state: 'failed', error: 'too-many-rows: over 1000000' })] }),
      [`GET ${E}/${JOB}`]: ok(job({ state: 'failed', error: 'too-many-rows: over 1000000' })),
    });
    renderPage(<ExportsPage />, { path: '/e/:enterpriseId/exports', url: `/e/e1/exports?job=${JOB}` });
    expect(await screen.findByText('导出失败：行数超过上限，请缩小时间范围')).toBeTruthy();
  });

  it("shows the service's reason when it refuses to start", async () => {
    const u = person();
    fakeGateway({
      'GET /auth/me': ok(account('enterprise-admin', 'e1')),
      [`GET ${E}`]: ok({ items: [] }),
      [`POST ${E}`]: refusal(400, 'invalid-request', 'from must be before to'),
    });
    open();
    await screen.findByText('暂无导出记录');
    await u.click(button('开始导出'));
    expect(await screen.findByText('from must be before to (invalid-request)')).toBeTruthy();
  });

  it('lets a city role export several enterprises at once', async () => {
    const u = person();
    const calls = fakeGateway({
      'GET /auth/me': ok(account('city-operator')),
      [`GET ${E}`]: ok({ items: [] }),
      'GET /api/ledger/v1/exports': ok({ items: [job({ enterpriseIds: ['e1', 'e2'], state: 'done' })] }),
      'GET /api/gateway/v1/enterprises': ok({
        items: [
          { id: 'e1', name: '甲钢铁' },
          { id: 'e2', name: '乙焦化' },
        ],
        total: 2,
        page: 1,
        pageSize: 50,
      }),
      'POST /api/ledger/v1/exports': { status: 202, body: job({ enterpriseIds: ['e1'] }) },
      'GET /api/ledger/v1/exports/6f1b7c52-8d1e-4c59-9a43-2d7d8f6b1c01': ok(
        job({ state: 'running', progress: 0.1 }),
      ),
    });
    open();
    expect(await screen.findByText('最近的多企业导出')).toBeTruthy();
    expect(await screen.findByText('e1、e2')).toBeTruthy();
    await u.click(screen.getByLabelText('多家企业'));
    // The enterprise field appears on the next render, with the page's enterprise chosen: a person
    // sees it before starting (clicking at once submitted the form without it).
    expect(await screen.findByLabelText('企业')).toBeTruthy();
    await u.click(button('开始导出'));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.path).toBe('/api/ledger/v1/exports'));
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      enterpriseIds: ['e1'],
      ledger: 'passages',
    });
  });
});
