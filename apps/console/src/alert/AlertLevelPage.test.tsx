import { screen, waitFor, within } from '@testing-library/react';
import { account, fill, fakeGateway, ok, person, refusal, renderPage } from '../shared/test-harness';
import AlertLevelPage from './AlertLevelPage';

const ROUTE = '/api/ledger/v1/enterprises/e1/alert-level';
const current = {
  level: 'orange',
  reason: '市重污染天气应急指挥部〔2026〕12号',
  setBy: 'city-admin-1',
  setAt: '2026-12-01T02:00:00.000Z',
};

const open = () => renderPage(<AlertLevelPage />, { path: '/e/:enterpriseId/alert', url: '/e/e1/alert' });

describe('AlertLevelPage', () => {
  it('shows the level in force with its basis, and no edit control to an enterprise role', async () => {
    fakeGateway({ 'GET /auth/me': ok(account('enterprise-admin', 'e1')), [`GET ${ROUTE}`]: ok(current) });
    open();
    expect((await screen.findByTestId('alert-level')).textContent).toBe('橙色预警');
    expect(screen.getByText(current.reason)).toBeTruthy();
    expect(screen.getByText('2026-12-01 10:00:00')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '设置预警等级' })).toBeNull();
  });

  it('says when no level was ever set', async () => {
    fakeGateway({
      'GET /auth/me': ok(account('inspector')),
      [`GET ${ROUTE}`]: ok({ level: 'none', reason: null, setBy: null, setAt: null }),
    });
    open();
    expect(await screen.findByText('尚未设置，按无预警执行')).toBeTruthy();
  });

  it('lets the city administrator set it only with a reason, after confirming', async () => {
    const user = person();
    const calls = fakeGateway({
      'GET /auth/me': ok(account('city-admin')),
      [`GET ${ROUTE}`]: ok(current),
      [`PUT ${ROUTE}`]: (call) =>
        ok({ ...(call.body as object), setBy: 'me', setAt: '2026-12-02T00:00:00Z' }),
    });
    open();
    await screen.findByTestId('alert-level');
    await user.click(screen.getByRole('radio', { name: '红色预警' }));
    await user.click(screen.getByRole('button', { name: '设置预警等级' }));
    expect(await screen.findByText('请填写设置依据')).toBeTruthy();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    await fill(user, screen.getByLabelText('依据'), '  市应急指挥部〔2026〕13号 ');
    await user.click(screen.getByRole('button', { name: '设置预警等级' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/由“橙色预警”改为“红色预警”/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
        level: 'red',
        reason: '市应急指挥部〔2026〕13号',
      }),
    );
  });

  it("shows the service's reason when the change is refused", async () => {
    const user = person();
    fakeGateway({
      'GET /auth/me': ok(account('city-admin')),
      [`GET ${ROUTE}`]: ok(current),
      [`PUT ${ROUTE}`]: refusal(400, 'invalid-request', 'reason: at most 200 characters'),
    });
    open();
    await screen.findByTestId('alert-level');
    await user.click(screen.getByRole('radio', { name: '黄色预警' }));
    await fill(user, screen.getByLabelText('依据'), 'x');
    await user.click(screen.getByRole('button', { name: '设置预警等级' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: /确\s*定|OK/ }));
    expect(await screen.findByText('reason: at most 200 characters (invalid-request)')).toBeTruthy();
  });
});
