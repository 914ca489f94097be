import { screen, waitFor } from '@testing-library/react';
import { account, fill, fakeGateway, ok, person, renderPage } from '../shared/test-harness';
import CityUsersPage from './CityUsersPage';
import EnterpriseUsersPage from './EnterpriseUsersPage';
import { filterUsers } from './UserAdmin';
import { type User } from './users-api';

const user = (overrides: Partial<User>): User => ({
  id: '00000000-0000-4000-8000-0000000000aa',
  username: 'gate1',
  displayName: '门岗一',
  role: 'enterprise-staff',
  enterpriseId: 'e1',
  districts: [],
  disabled: false,
  locked: false,
  totpEnabled: false,
  mustChangePassword: false,
  singleSignOn: false,
  ...overrides,
});
const gate1 = user({});
const admin2 = user({
  id: '00000000-0000-4000-8000-0000000000bb',
  username: 'boss',
  displayName: '王经理',
  role: 'enterprise-admin',
  locked: true,
});
const E = '/api/gateway/v1/enterprises/e1/users';
const button = (name: string) =>
  screen
    .getAllByText(name)
    .map((text) => text.closest('button'))
    .find(Boolean)!;
const confirm = async (u: ReturnType<typeof person>) =>
  u.click((await screen.findAllByText('确 定')).at(-1)!.closest('button')!);

describe('filterUsers', () => {
  it('keeps rows by name or username (any case) and by role', () => {
    expect(filterUsers([gate1, admin2], 'BOSS', undefined)).toEqual([admin2]);
    expect(filterUsers([gate1, admin2], '门岗', undefined)).toEqual([gate1]);
    expect(filterUsers([gate1, admin2], undefined, 'enterprise-admin')).toEqual([admin2]);
    expect(filterUsers([gate1, admin2], ' ', undefined)).toEqual([gate1, admin2]);
  });
});

describe("an enterprise's users", () => {
  const open = (url = '/e/e1/users') =>
    renderPage(<EnterpriseUsersPage />, { path: '/e/:enterpriseId/users', url });

  it('shows the one-time password of a new account once, then never again', async () => {
    const u = person();
    const calls = fakeGateway({
      'GET /auth/me': ok(account('enterprise-admin', 'e1')),
      [`GET ${E}`]: ok([gate1]),
      [`POST ${E}`]: {
        status: 201,
        body: {
          user: user({ id: '00000000-0000-4000-8000-0000000000cc', username: 'gate2' }),
          oneTimePassword: 'Xy7_one-time-Aa9',
        },
      },
    });
    open();
    await screen.findByText('gate1');
    // City columns stay with city roles.
    expect(screen.queryByText('负责区县')).toBeNull();
    await u.click(button('新建用户'));
    await fill(u, screen.getByLabelText('用户名'), 'gate2');
    await fill(u, screen.getByLabelText('姓名'), '门岗二');
    await u.click(button('保 存'));
    expect((await screen.findByTestId('one-time-password')).textContent).toBe('Xy7_one-time-Aa9');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      username: 'gate2',
      displayName: '门岗二',
      role: 'enterprise-staff',
    });

    await u.click(button('我已记下，关闭'));
    await waitFor(() => expect(screen.queryByText('Xy7_one-time-Aa9')).toBeNull());
    expect(document.body.innerHTML).not.toContain('Xy7_one-time-Aa9');
  });

  it('resets a password, disables and unlocks only after confirming', async () => {
    const u = person();
    const calls = fakeGateway({
      'GET /auth/me': ok(account('enterprise-admin', 'e1')),
      [`GET ${E}`]: ok([gate1, admin2]),
      [`POST ${E}/${gate1.id}/reset-password`]: ok({ oneTimePassword: 'Reset-once-Aa9' }),
      [`POST ${E}/${gate1.id}/disable`]: { status: 204 },
      [`POST ${E}/${admin2.id}/unlock`]: { status: 204 },
    });
    open();
    await screen.findByText('gate1');
    await u.click(screen.getAllByText('重置密码')[0]!.closest('button')!);
    expect(calls.some((c) => c.path.endsWith('/reset-password'))).toBe(false);
    await confirm(u);
    expect((await screen.findByTestId('one-time-password')).textContent).toBe('Reset-once-Aa9');
    await u.click(button('我已记下，关闭'));

    await u.click(screen.getAllByText('停用')[0]!.closest('button')!);
    expect(await screen.findByText('停用 gate1？其现有会话将立即结束。')).toBeTruthy();
    await confirm(u);
    await waitFor(() => expect(calls.some((c) => c.path === `${E}/${gate1.id}/disable`)).toBe(true));

    await u.click(button('解锁'));
    await confirm(u);
    await waitFor(() => expect(calls.some((c) => c.path === `${E}/${admin2.id}/unlock`)).toBe(true));
  });

  it('keeps the filters in the URL', async () => {
    fakeGateway({ 'GET /auth/me': ok(account('enterprise-admin', 'e1')), [`GET ${E}`]: ok([gate1, admin2]) });
    open('/e/e1/users?q=boss');
    expect(await screen.findByText('王经理')).toBeTruthy();
    expect(screen.queryByText('门岗一')).toBeNull();
  });
});

describe('every account (city administrator)', () => {
  it('asks for the enterprise of an enterprise role and the districts of an inspector', async () => {
    const u = person();
    const calls = fakeGateway({
      'GET /auth/me': ok(account('city-admin')),
      'GET /api/gateway/v1/users': ok([
        gate1,
        user({
          id: '00000000-0000-4000-8000-0000000000dd',
          username: 'insp',
          role: 'inspector',
          enterpriseId: null,
          districts: ['130102'],
        }),
      ]),
      'POST /api/gateway/v1/users': (call) => ({
        status: 201,
        body: { user: user({ username: 'insp2' }), oneTimePassword: 'P-once-Aa9', echo: call.body },
      }),
    });
    renderPage(<CityUsersPage />, { path: '/users', url: '/users' });
    expect(await screen.findByText('130102')).toBeTruthy();
    await u.click(button('新建用户'));
    await fill(u, screen.getByLabelText('用户名'), 'insp2');
    await fill(u, screen.getByLabelText('姓名'), '检查员二');
    // Default: an enterprise role, which needs its enterprise.
    expect(await screen.findByLabelText('所属企业')).toBeTruthy();
    await u.click(
      screen.getByText('企业门岗', {
        selector: '.ant-select-content *, .ant-select-selection-item, .ant-select-content',
      }),
    );
    await u.click((await screen.findAllByText('执法检查')).at(-1)!);
    await u.type(await screen.findByLabelText('负责区县'), '1301x{enter}');
    await u.click(button('保 存'));
    expect(await screen.findByText('不是有效的 6 位行政区划代码：1301x')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});
