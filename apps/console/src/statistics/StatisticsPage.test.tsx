import { screen, waitFor, within } from '@testing-library/react';
import { account, type Call, mockApi, ok, person, renderPage } from '../shared/test-harness';
import { daysBefore, localDate } from '../shared/time';
import StatisticsPage from './StatisticsPage';
import { dailyStages, summary } from './test-fixtures';

// jsdom has no canvas: ECharts' instance records the options the page gives it.
const chart = vi.hoisted(() => ({ setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn() }));
vi.mock('echarts/core', async (importOriginal) => ({
  ...(await importOriginal<typeof import('echarts/core')>()),
  init: vi.fn(() => chart),
}));
beforeEach(() => vi.clearAllMocks());

const E = '/api/ledger/v1/enterprises/e1/statistics';
const open = (url = '/e/e1/statistics') =>
  renderPage(<StatisticsPage />, { path: '/e/:enterpriseId/statistics', url });
const optionsGiven = () =>
  chart.setOption.mock.calls.map(([option]) => option as { series: { type: string; name?: string }[] });

describe('StatisticsPage', () => {
  it('asks for the last 30 local days by default, and draws the shares and the daily stacks', async () => {
    const calls = mockApi({
      'GET /auth/me': ok(account('enterprise-admin', 'e1')),
      [`GET ${E}/summary`]: ok({ ...summary, classCompliance: null }),
      [`GET ${E}/daily-stages`]: ok(dailyStages),
    });
    open();
    expect((await screen.findByTestId('trips')).textContent).toContain('10');
    const today = localDate();
    const asked = calls.find((c) => c.path === `${E}/summary`)!;
    expect(Object.fromEntries(asked.query)).toEqual({ from: daysBefore(today, 29), to: today });
    // An enterprise role cannot read the directory: no class to judge, and it says so.
    expect(calls.some((c) => c.path.startsWith('/api/gateway/'))).toBe(false);
    expect(screen.getByText(/未取得企业的绩效分级/)).toBeTruthy();

    await waitFor(() => expect(optionsGiven()).toHaveLength(3));
    const [byTrips, byTonnes, daily] = optionsGiven();
    expect(byTrips?.series[0]?.type).toBe('pie');
    expect(byTonnes?.series[0]?.type).toBe('pie');
    expect(daily?.series.map((s) => `${s.type}:${s.name}`)).toEqual([
      'bar:国四',
      'bar:国五',
      'bar:电动',
      'bar:阶段未知',
    ]);
  });

  it('shows each chart as a table on request', async () => {
    const u = person();
    mockApi({
      'GET /auth/me': ok(account('enterprise-admin', 'e1')),
      [`GET ${E}/summary`]: ok(summary),
      [`GET ${E}/daily-stages`]: ok(dailyStages),
    });
    open('/e/e1/statistics?from=2026-12-01&to=2026-12-03');
    await screen.findByTestId('trips');
    const card = screen.getByText('排放阶段占比（按货物吨数）').closest('.ant-card') as HTMLElement;
    await u.click(within(card).getByText('表格'));
    const rows = within(card)
      .getAllByRole('row')
      .map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent));
    expect(rows.filter((cells) => cells.length > 0)).toEqual([
      ['国四', '30', '20.0%'],
      ['国五', '120', '80.0%'],
      ['合计', '150', '100.0%'],
    ]);
    expect(within(card).getByText('2 车次缺少货物重量，未计入吨数')).toBeTruthy();

    const daily = screen.getByText('每日进出车次（按排放阶段）').closest('.ant-card') as HTMLElement;
    await u.click(within(daily).getByText('表格'));
    expect(within(daily).getByText('2026-12-02').closest('tr')?.textContent).toBe('2026-12-0200000');
  });

  it('shows the clean-transport ratios and judges the class for a city role', async () => {
    const calls = mockApi({
      'GET /auth/me': ok(account('inspector')),
      'GET /api/gateway/v1/enterprises/e1': ok({
        id: 'e1',
        name: '甲钢铁',
        performanceClass: 'B',
        industry: 'steel',
      }),
      [`GET ${E}/summary`]: ok(summary),
      [`GET ${E}/daily-stages`]: ok(dailyStages),
    });
    open('/e/e1/statistics?from=2026-12-01&to=2026-12-03');
    expect((await screen.findByTestId('compliance')).textContent).toBe('未达标');
    expect(screen.getByTestId('clean-v-plus').textContent).toContain('70.0%');
    const asked: Call = calls.find((c) => c.path === `${E}/summary`)!;
    expect(Object.fromEntries(asked.query)).toEqual({
      from: '2026-12-01',
      to: '2026-12-03',
      performanceClass: 'B',
      industry: 'steel',
    });
  });

  it('says when the period has no trips', async () => {
    mockApi({
      'GET /auth/me': ok(account('enterprise-staff', 'e1')),
      [`GET ${E}/summary`]: ok({ ...summary, trips: 0 }),
      [`GET ${E}/daily-stages`]: ok([]),
    });
    open();
    expect(await screen.findByText('该期间没有运输车辆记录')).toBeTruthy();
  });
});
