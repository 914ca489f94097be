import { buildDefaultEmergencyPlan } from '@ecogate/domain';
import { screen, within } from '@testing-library/react';
import { account, fakeGateway, ok, person, refusal, renderPage } from '../shared/test-harness';
import EmergencyPlanPage from './EmergencyPlanPage';
import { bodyOf } from './plan-draft';

const ROUTE = '/api/ledger/v1/enterprises/e1/emergency-plan';
const { expectedRevision: _r, ...wire } = bodyOf(
  buildDefaultEmergencyPlan({ enterpriseId: 'e1', cargoVolume: { band: '10-or-more' } }),
  0,
);
const filed = {
  revision: 2,
  filedBy: 'admin-1',
  filedAt: '2026-11-30T01:00:00.000Z',
  plan: { enterpriseId: 'e1', ...wire },
};

const open = () => renderPage(<EmergencyPlanPage />, { path: '/e/:enterpriseId/plan', url: '/e/e1/plan' });
const orangeTab = () => screen.getAllByText('橙色预警')[0]!;
const button = (name: string) =>
  screen
    .getAllByText(name)
    .map((text) => text.closest('button'))
    .find(Boolean)!;

describe('EmergencyPlanPage', () => {
  it('shows the filed plan read-only to an inspector', async () => {
    const user = person();
    fakeGateway({ 'GET /auth/me': ok(account('inspector')), [`GET ${ROUTE}`]: ok(filed) });
    open();
    expect(await screen.findByText('admin-1')).toBeTruthy();
    await user.click(orangeTab());
    expect(await screen.findByText('orange-heavy-truck-min-V')).toBeTruthy();
    expect(screen.queryByText('编辑预案')).toBeNull();
  });

  it('says when none is filed, and offers the default plan to the enterprise administrator', async () => {
    fakeGateway({
      'GET /auth/me': ok(account('enterprise-admin', 'e1')),
      [`GET ${ROUTE}`]: refusal(404, 'emergency-plan-not-found', 'no emergency plan filed'),
    });
    open();
    expect(await screen.findByText('尚未备案应急预案')).toBeTruthy();
    expect(button('从默认预案开始')).toBeTruthy();
  });

  it("runs the domain's validation before sending and shows its messages", async () => {
    const user = person();
    const calls = fakeGateway({
      'GET /auth/me': ok(account('enterprise-admin', 'e1')),
      [`GET ${ROUTE}`]: ok(filed),
    });
    open();
    await user.click((await screen.findByText('编辑预案')).closest('button')!);
    await user.click(orangeTab());
    await user.click(screen.getAllByLabelText('放行').at(-1)!);
    await user.click(button('提交备案'));
    const problems = await screen.findByLabelText('预案未通过校验，请修改以下问题：');
    expect(within(problems).getByText(/橙色、红色预警期间不得放行排放阶段未知的车辆/).textContent).toContain(
      'orange: a vehicle of unknown stage cannot be allowed; use deny or needs-review',
    );
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([]);
  });

  it("files a valid plan after confirming, and shows the service's reason when it refuses", async () => {
    const user = person();
    const calls = fakeGateway({
      'GET /auth/me': ok(account('enterprise-admin', 'e1')),
      [`GET ${ROUTE}`]: ok(filed),
      [`PUT ${ROUTE}`]: refusal(409, 'revision-conflict', 'emergency plan is at revision 3, not 2'),
    });
    open();
    await user.click((await screen.findByText('编辑预案')).closest('button')!);
    await user.click(button('提交备案'));
    await user.click((await screen.findByText('确 定')).closest('button')!);
    expect(
      await screen.findByText('emergency plan is at revision 3, not 2 (revision-conflict)'),
    ).toBeTruthy();
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.body).toEqual({ ...wire, expectedRevision: 2 });
  });
});
