import { screen, waitFor, within } from '@testing-library/react';
import { account, fill, fakeGateway, ok, person, renderPage } from '../shared/test-harness';
import EnterprisesPage, { directoryQuery } from './EnterprisesPage';

const LIST = '/api/gateway/v1/enterprises';
const steel = {
  id: 'e1',
  creditCode: '91130100MA0CTE4T11',
  name: '甲钢铁有限公司',
  industry: 'steel',
  districtCode: '130102',
  performanceClass: 'A',
  retention: { ledgerDays: 365, videoDays: 180 },
  active: true,
  revision: 3,
  registeredBy: 'u',
  registeredAt: '2026-01-01T00:00:00.000Z',
  changedBy: 'u',
  changedAt: '2026-01-01T00:00:00.000Z',
};
const page = { items: [steel], total: 41, page: 3, pageSize: 20 };
const open = (url = '/enterprises') => renderPage(<EnterprisesPage />, { path: '/enterprises', url });
const button = (name: string) =>
  screen
    .getAllByText(name)
    .map((text) => text.closest('button'))
    .find(Boolean)!;

describe('directoryQuery', () => {
  it("turns the URL's filters into the directory's query, dropping values it would refuse", () => {
    expect(directoryQuery({ name: ' 钢铁 ', industry: 'steel', active: 'true', page: '3' })).toEqual({
      page: 3,
      pageSize: 20,
      name: '钢铁',
      industry: 'steel',
      active: 'true',
    });
    expect(
      directoryQuery({ industry: 'mining', performanceClass: 'Z', page: '-1', pageSize: '1000' }),
    ).toEqual({
      page: 1,
      pageSize: 20,
    });
  });
});

describe('EnterprisesPage', () => {
  it("asks for the URL's page and filters, and shows an inspector no register or edit control", async () => {
    const calls = fakeGateway({ 'GET /auth/me': ok(account('inspector')), [`GET ${LIST}`]: ok(page) });
    open('/enterprises?industry=steel&page=3');
    expect(await screen.findByText('甲钢铁有限公司')).toBeTruthy();
    const asked = calls.find((c) => c.path === LIST)!;
    expect(Object.fromEntries(asked.query)).toEqual({ page: '3', pageSize: '20', industry: 'steel' });
    expect(screen.getByText('甲钢铁有限公司').closest('a')?.getAttribute('href')).toBe('/e/e1/statistics');
    expect(screen.queryByText('登记企业')).toBeNull();
    expect(screen.queryByText('编辑')).toBeNull();
  });

  it("checks the credit code with the domain's rule before registering", async () => {
    const u = person();
    const calls = fakeGateway({ 'GET /auth/me': ok(account('city-admin')), [`GET ${LIST}`]: ok(page) });
    open();
    await screen.findByText('甲钢铁有限公司');
    await u.click(button('登记企业'));
    const dialog = within(document.querySelector('.ant-modal') as HTMLElement);
    await fill(u, dialog.getByLabelText('企业名称'), '乙焦化');
    await fill(u, dialog.getByLabelText('统一社会信用代码'), '91130100MA0CTE4T12');
    await fill(u, dialog.getByLabelText('行政区划代码'), '130102');
    await u.click(button('保 存'));
    expect(await screen.findByText(/should be 1, not 2/)).toBeTruthy();
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(false));
  });
});
