import { PlusOutlined } from '@ant-design/icons';
import { isDistrictCode } from '@ecogate/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import { type MessageKey } from '../i18n/zh-CN';
import { useAccount } from '../session/session';
import { EnterpriseSelect } from '../shared/EnterpriseSelect';
import { Loadable } from '../shared/Loadable';
import { useUrlState } from '../shared/url-state';
import { messages } from './messages';
import {
  isEnterpriseRole,
  type NewUser,
  ROLES_OF,
  type Scope,
  type User,
  type UserAction,
  usersApi,
} from './users-api';

const PAGE_SIZE = 20;

/** Rows the filters keep: name or username containing `q` (any case), and the role if one is picked. */
export function filterUsers(users: readonly User[], q: string | undefined, role: string | undefined): User[] {
  const needle = q?.trim().toLowerCase();
  return users.filter(
    (u) =>
      (!role || u.role === role) &&
      (!needle || u.username.toLowerCase().includes(needle) || u.displayName.toLowerCase().includes(needle)),
  );
}

/** A secret the service answered once: shown in this dialog, gone from memory when it closes. */
function OneTimePassword({
  secret,
  onClose,
}: {
  secret: { username: string; password: string };
  onClose: () => void;
}) {
  const t = useMessages(messages);
  return (
    <Modal
      open
      title={t('users.oneTimeTitle')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('users.oneTimeClose')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('users.oneTimeHelp', { username: secret.username })} />
      <Typography.Paragraph copyable={{ text: secret.password }} style={{ marginTop: 16, fontSize: 18 }}>
        <Typography.Text code data-testid="one-time-password">
          {secret.password}
        </Typography.Text>
      </Typography.Paragraph>
    </Modal>
  );
}

/**
 * 用户与角色: the accounts of a scope with their standing; create (one-time password shown once),
 * reset password, disable/enable and unlock, each confirmed; the gateway audits each.
 */
export function UserAdmin({ scope }: { scope: Scope }) {
  const t = useMessages(messages);
  const { t: common } = useI18n();
  const { message } = App.useApp();
  const account = useAccount();
  const queries = useQueryClient();
  const calls = useMemo(() => usersApi(scope), [scope]);
  const [filters, setFilters] = useUrlState(['q', 'role', 'page'] as const);
  const [creating, setCreating] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const [form] = Form.useForm<NewUser>();
  const chosenRole = Form.useWatch('role', form);

  const users = useQuery({ queryKey: calls.key, queryFn: () => calls.list() });
  const failed = (error: unknown) =>
    void message.error(error instanceof ApiError ? `${error.reason} (${error.code})` : String(error));

  const create = useMutation({
    mutationFn: (body: NewUser) => calls.create(body),
    onSuccess: async (created) => {
      setCreating(false);
      setRefusal(null);
      form.resetFields();
      void message.success(t('users.created', { username: created.user.username }));
      setSecret({ username: created.user.username, password: created.oneTimePassword });
      await queries.invalidateQueries({ queryKey: calls.key });
    },
    onError: (error) =>
      setRefusal(error instanceof ApiError ? error : new ApiError(0, 'network', String(error))),
  });
  const act = useMutation({
    mutationFn: async ({ user, action }: { user: User; action: UserAction }) => {
      if (action === 'reset-password') {
        const { oneTimePassword } = await calls.resetPassword(user.id);
        setSecret({ username: user.username, password: oneTimePassword });
      } else {
        await calls.act(user.id, action);
        void message.success(t('users.done'));
      }
    },
    onSettled: () => queries.invalidateQueries({ queryKey: calls.key }),
    onError: failed,
  });

  const confirmed = (user: User, action: UserAction, label: string, question: string, danger = false) =>
    calls.may(account.role, action) ? (
      <Popconfirm
        key={action}
        title={question}
        okButtonProps={{ danger }}
        onConfirm={() => void act.mutateAsync({ user, action }).catch(() => undefined)}
      >
        <Button size="small" type="link" danger={danger}>
          {label}
        </Button>
      </Popconfirm>
    ) : null;

  const roles = ROLES_OF[scope.kind];
  const page = Number(filters.page ?? '1') || 1;

  return (
    <Card
      title={scope.kind === 'city' ? t('users.title') : t('users.enterpriseTitle')}
      extra={
        calls.may(account.role, 'create') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('users.create')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('users.search')}
          aria-label={t('users.search')}
          defaultValue={filters.q}
          onSearch={(q) => setFilters({ q, page: undefined })}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          placeholder={t('users.allRoles')}
          aria-label={t('users.role')}
          value={filters.role}
          onChange={(role?: string) => setFilters({ role, page: undefined })}
          options={roles.map((role) => ({ value: role, label: common(`role.${role}` as MessageKey) }))}
          style={{ width: 180 }}
        />
      </Space>
      <Loadable query={users}>
        {(all) => (
          <Table<User>
            rowKey="id"
            size="middle"
            dataSource={filterUsers(all, filters.q, filters.role)}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              showSizeChanger: false,
              onChange: (next) => setFilters({ page: next === 1 ? undefined : String(next) }),
            }}
            columns={[
              { title: t('users.username'), dataIndex: 'username' },
              {
                title: t('users.displayName'),
                render: (_, u) => (
                  <>
                    {u.displayName}
                    {u.id === account.id ? (
                      <Typography.Text type="secondary"> {t('users.you')}</Typography.Text>
                    ) : null}
                  </>
                ),
              },
              {
                title: t('users.role'),
                render: (_, u) => <Tag>{common(`role.${u.role}` as MessageKey)}</Tag>,
              },
              ...(scope.kind === 'city'
                ? [
                    { title: t('users.enterprise'), render: (_: unknown, u: User) => u.enterpriseId ?? '—' },
                    {
                      title: t('users.districts'),
                      render: (_: unknown, u: User) =>
                        u.districts.length > 0 ? u.districts.join('、') : '—',
                    },
                  ]
                : []),
              {
                title: t('users.status'),
                render: (_, u) => (
                  <Space size={[0, 4]} wrap>
                    {u.disabled ? (
                      <Tag color="default">{t('users.disabled')}</Tag>
                    ) : (
                      <Tag color="green">{t('users.active')}</Tag>
                    )}
                    {u.locked ? <Tag color="red">{t('users.locked')}</Tag> : null}
                    {u.mustChangePassword ? <Tag color="orange">{t('users.mustChange')}</Tag> : null}
                    {u.totpEnabled ? <Tag color="blue">{t('users.totp')}</Tag> : null}
                    {u.singleSignOn ? <Tag color="purple">{t('users.sso')}</Tag> : null}
                  </Space>
                ),
              },
              {
                title: common('common.actions'),
                render: (_, u) =>
                  u.id === account.id ? null : (
                    <Space size={0} wrap>
                      {u.singleSignOn
                        ? null
                        : confirmed(
                            u,
                            'reset-password',
                            t('users.reset'),
                            t('users.resetConfirm', { username: u.username }),
                          )}
                      {u.disabled
                        ? confirmed(
                            u,
                            'enable',
                            t('users.enable'),
                            t('users.enableConfirm', { username: u.username }),
                          )
                        : confirmed(
                            u,
                            'disable',
                            t('users.disable'),
                            t('users.disableConfirm', { username: u.username }),
                            true,
                          )}
                      {u.locked
                        ? confirmed(
                            u,
                            'unlock',
                            t('users.unlock'),
                            t('users.unlockConfirm', { username: u.username }),
                          )
                        : null}
                    </Space>
                  ),
              },
            ]}
          />
        )}
      </Loadable>
      <Modal
        open={creating}
        title={t('users.create')}
        okText={common('common.save')}
        confirmLoading={create.isPending}
        onOk={() => form.submit()}
        onCancel={() => {
          setCreating(false);
          setRefusal(null);
        }}
        destroyOnHidden
      >
        <Form<NewUser>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ role: roles[roles.length - 1] }}
          onFinish={(values) =>
            create.mutate({
              username: values.username.trim(),
              displayName: values.displayName.trim(),
              role: values.role,
              ...(scope.kind === 'city' && isEnterpriseRole(values.role)
                ? { enterpriseId: values.enterpriseId }
                : {}),
              ...(scope.kind === 'city' && values.role === 'inspector'
                ? { districts: values.districts ?? [] }
                : {}),
            })
          }
        >
          <Form.Item
            name="username"
            label={t('users.username')}
            rules={[{ required: true, whitespace: true, max: 64 }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('users.displayName')}
            rules={[{ required: true, whitespace: true, max: 100 }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
            <Select
              options={roles.map((role) => ({ value: role, label: common(`role.${role}` as MessageKey) }))}
            />
          </Form.Item>
          {scope.kind === 'city' && chosenRole && isEnterpriseRole(chosenRole) ? (
            <Form.Item
              name="enterpriseId"
              label={t('users.enterprise')}
              rules={[{ required: true, message: t('users.enterpriseRequired') }]}
            >
              <EnterpriseSelect />
            </Form.Item>
          ) : null}
          {scope.kind === 'city' && chosenRole === 'inspector' ? (
            <Form.Item
              name="districts"
              label={t('users.districts')}
              extra={t('users.districtsHelp')}
              rules={[
                {
                  validator: (_, codes: string[] | undefined) => {
                    const bad = (codes ?? []).find((code) => !isDistrictCode(code));
                    return bad
                      ? Promise.reject(new Error(t('users.districtInvalid', { code: bad })))
                      : Promise.resolve();
                  },
                },
              ]}
            >
              <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} />
            </Form.Item>
          ) : null}
          {refusal ? <Alert type="error" showIcon title={`${refusal.reason} (${refusal.code})`} /> : null}
        </Form>
      </Modal>
      {secret ? (
        <OneTimePassword
          secret={secret}
          onClose={() => {
            // The answer leaves memory too: nothing can show it again.
            setSecret(null);
            create.reset();
          }}
        />
      ) : null}
    </Card>
  );
}
