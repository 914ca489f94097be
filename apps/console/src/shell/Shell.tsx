import { FundViewOutlined, GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, Layout, Menu, type MenuProps, Space, Tag, Typography } from 'antd';
import { Outlet, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { allows, isCityRole } from '../session/permissions';
import { SESSION_KEY, useAccount } from '../session/session';
import { EnterprisePicker } from './EnterprisePicker';
import { NAV_ITEMS } from './nav-items';

/** The frame every page sits in: menu by role, enterprise (city roles pick one), language, account. */
export function Shell() {
  const { t, language, setLanguage } = useI18n();
  const account = useAccount();
  const navigate = useNavigate();
  const location = useLocation();
  const queries = useQueryClient();
  const { enterpriseId } = useParams();
  const city = isCityRole(account.role);

  const items = NAV_ITEMS.filter((item) => allows(account.role, 'GET', item.reads));
  const groups = new Map<string, MenuProps['items']>();
  const menu: NonNullable<MenuProps['items']> = [];
  for (const item of items) {
    const entry = { key: item.path, icon: item.icon, label: t(item.label) };
    if (!item.group) {
      menu.push(entry);
      continue;
    }
    if (!groups.has(item.group)) {
      const children: NonNullable<MenuProps['items']> = [];
      groups.set(item.group, children);
      menu.push({ key: item.group, type: 'group', label: t(item.group), children });
    }
    groups.get(item.group)?.push(entry);
  }
  if (city) menu.push({ key: '/enterprises', icon: <GlobalOutlined />, label: t('nav.enterprises') });
  // 重污染预警监管: a city page (no enterprise), for the roles the alert view admits.
  if (allows(account.role, 'GET', '/api/ledger/v1/alert-view'))
    menu.push({ key: '/alert-view', icon: <FundViewOutlined />, label: t('nav.alertView') });
  if (account.role === 'city-admin')
    menu.push({ key: '/users', icon: <UserOutlined />, label: t('nav.users') });

  const section =
    location.pathname.split('/')[3] ??
    NAV_ITEMS.find((item) => item.city?.path === location.pathname)?.path ??
    location.pathname;
  // Without an enterprise, an entry with a city page (核查: the districts' inspections) opens that.
  const cityPath = (key: string) => {
    const city = NAV_ITEMS.find((item) => item.path === key)?.city;
    return city && allows(account.role, 'GET', city.reads) ? city.path : '/';
  };
  const go = (key: string) =>
    void navigate(key.startsWith('/') ? key : enterpriseId ? `/e/${enterpriseId}/${key}` : cityPath(key));

  const signOut = async () => {
    await api.POST('/auth/logout');
    queries.setQueryData(SESSION_KEY, null);
    void navigate('/login');
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} theme="light" breakpoint="lg" collapsedWidth={0}>
        <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 16 }}>{t('app.short')}</div>
        <Menu
          mode="inline"
          selectedKeys={[section, location.pathname]}
          items={menu}
          onClick={({ key }) => go(key)}
          aria-label="main navigation"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Space>
            <Typography.Text strong>{t('app.title')}</Typography.Text>
            {city ? <EnterprisePicker /> : null}
          </Space>
          <Space>
            <Button type="text" onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}>
              {t('session.language')}
            </Button>
            <Dropdown
              menu={{
                items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('session.logout') }],
                onClick: () => void signOut(),
              }}
            >
              <Space style={{ cursor: 'pointer' }}>
                <UserOutlined />
                <span data-testid="account-name">{account.displayName}</span>
                <Tag>{t(`role.${account.role}`)}</Tag>
              </Space>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
