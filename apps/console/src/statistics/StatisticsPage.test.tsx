import { screen, waitFor, within } from '@testing-library/react';
import { account, fakeGateway, ok, person, renderPage } from '../shared/test-harness';
import { daysBefore, localDate } from '../shared/time';
import StatisticsPage from './StatisticsPage';
import { dailyStages, districts, summary } from './test-fixtures';

// happy-dom has no canvas: ECharts' instance records the options the page gives it.
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
    const calls = fakeGateway({
      'GET /auth/me': ok(account('enterprise-admin', 'e1')),
      [`GET ${E}/summary`]: ok({ ...summary, classCompliance: null }),
      [`GET ${E}/daily-stages`]: ok(dailyStages),
    });
    open();
    expect((await screen.findByTestId('trips')).textContent).toContain('10');
    const today = localDate();
    const asked = calls.find((c) => c.path === `${E}/summary`)!;
    expect(Object.fromEntries(asked.query)).toEqual({ from: daysBefore(today, 29), to: today });
    // No class known yet: it says so rather than judging.
    expect(screen.getByText('企业名录中尚无该企业的绩效分级，暂无法判断')).toBeTruthy();
    // The city view is for city roles.
    expect(screen.queryByText('按区县')).toBeNull();

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
    fakeGateway({
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

  it('shows the clean-transport ratios and the class indicator', async () => {
    fakeGateway({
      'GET /auth/me': ok(account('inspector')),
      [`GET ${E}/summary`]: ok(summary),
      [`GET ${E}/daily-stages`]: ok(dailyStages),
    });
    open('/e/e1/statistics?from=2026-12-01&to=2026-12-03');
    expect((await screen.findByTestId('compliance')).textContent).toBe('未达标');
    expect(screen.getByText('钢铁 · 绩效分级 B 级')).toBeTruthy();
    expect(screen.getByTestId('clean-v-plus').textContent).toContain('70.0%');
  });

  it('shows a city role the city by district, one district in the URL', async () => {
    const u = person();
    const calls = fakeGateway({
      'GET /auth/me': ok(account('city-operator')),
      [`GET ${E}/summary`]: ok(summary),
      [`GET ${E}/daily-stages`]: ok(dailyStages),
      'GET /api/ledger/v1/statistics/districts': ok(districts),
    });
    const { router } = open('/e/e1/statistics?from=2026-12-01&to=2026-12-03');
    await screen.findByTestId('trips');
    await u.click(screen.getByText('按区县'));
    expect((await screen.findByTestId('district-trips')).textContent).toContain('20');
    expect(router.state.location.search).toContain('view=districts');
    const asked = calls.find((c) => c.path === '/api/ledger/v1/statistics/districts')!;
    expect(Object.fromEntries(asked.query)).toEqual({ from: '2026-12-01', to: '2026-12-03' });
    const stages = optionsGiven().at(-1)!;
    expect(stages.series.map((s) => s.name)).toEqual(['国四', '国五', '电动', '阶段未知']);

    const table = screen.getByText('各区县清洁运输与绩效指标').closest('.ant-card') as HTMLElement;
    const row = within(table).getByText('130102').closest('tr')!;
    expect(
      Array.from(row.querySelectorAll('td'))
        .map((c) => c.textContent)
        .slice(1),
    ).toEqual(['130102', '2', '20', '70.0%', '10.0%', '1', '1', '0', '0']);
    await u.click(row.querySelector('button')!);
    expect((await within(table).findByText('乙钢铁')).closest('a')?.getAttribute('href')).toBe(
      '/e/e2/statistics',
    );
  });

  it('says when the period has no trips', async () => {
    fakeGateway({
      'GET /auth/me': ok(account('enterprise-staff', 'e1')),
      [`GET ${E}/summary`]: ok({ ...summary, trips: 0 }),
      [`GET ${E}/daily-stages`]: ok([]),
    });
    open();
    expect(await screen.findByText('该期间没有运输车辆记录')).toBeTruthy();
  });
});
