import { PlusOutlined } from '@ant-design/icons';
import {
  INDUSTRIES,
  isDistrictCode,
  NATIONAL_RETENTION_FLOORS,
  parseCreditCode,
  PERFORMANCE_CLASSES,
} from '@ecogate/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError, unwrap } from '../api/client';
import { type paths } from '../api/generated/schema';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { Loadable } from '../shared/Loadable';
import { useUrlState } from '../shared/url-state';
import { messages } from './messages';

const LIST = '/api/gateway/v1/enterprises';
const ONE = '/api/gateway/v1/enterprises/{enterpriseId}';
type ListQuery = NonNullable<paths[typeof LIST]['get']['parameters']['query']>;
type Enterprise = paths[typeof LIST]['get']['responses'][200]['content']['application/json']['items'][number];
type Registration = paths[typeof LIST]['post']['requestBody']['content']['application/json'];
type Change = paths[typeof ONE]['patch']['requestBody']['content']['application/json'];

const FILTERS = [
  'name',
  'districtCode',
  'industry',
  'performanceClass',
  'active',
  'page',
  'pageSize',
] as const;
type Filters = Readonly<Partial<Record<(typeof FILTERS)[number], string>>>;

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  values.find((v) => v === value);

/** The URL's filters as the directory's query (unknown values dropped, as a stale link may carry). */
export function directoryQuery(filters: Filters): ListQuery {
  const page = Number(filters.page);
  const pageSize = Number(filters.pageSize);
  const industry = oneOf(INDUSTRIES, filters.industry);
  const performanceClass = oneOf(PERFORMANCE_CLASSES, filters.performanceClass);
  const active = oneOf(['true', 'false'] as const, filters.active);
  return {
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: Number.isInteger(pageSize) && pageSize > 0 && pageSize <= 100 ? pageSize : 20,
    ...(filters.name?.trim() ? { name: filters.name.trim() } : {}),
    ...(filters.districtCode?.trim() ? { districtCode: filters.districtCode.trim() } : {}),
    ...(industry ? { industry } : {}),
    ...(performanceClass ? { performanceClass } : {}),
    ...(active ? { active } : {}),
  };
}

type Editing = { readonly kind: 'register' } | { readonly kind: 'edit'; readonly enterprise: Enterprise };

/** 企业名录: the city's enterprises (an inspector's districts only), filters in the URL; the city administrator registers and edits. */
export default function EnterprisesPage() {
  const t = useMessages(messages);
  const { t: common } = useI18n();
  const { message } = App.useApp();
  const account = useAccount();
  const queries = useQueryClient();
  const [filters, setFilters] = useUrlState(FILTERS);
  const query = directoryQuery(filters);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [form] = Form.useForm<Registration>();
  const canRegister = allows(account.role, 'POST', LIST);
  const canEdit = allows(account.role, 'PATCH', ONE);
  const canDeactivate = allows(account.role, 'POST', `${ONE}/deactivation`);

  const directory = useQuery({
    queryKey: ['enterprises', 'directory', query],
    queryFn: () => unwrap(api.GET(LIST, { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const done = async () => {
    setEditing(null);
    setRefusal(null);
    void message.success(t('directory.saved'));
    await queries.invalidateQueries({ queryKey: ['enterprises'] });
  };
  const asRefusal = (error: unknown) =>
    setRefusal(error instanceof ApiError ? error : new ApiError(0, 'network', String(error)));
  const save = useMutation({
    mutationFn: async (values: Registration) => {
      if (editing?.kind === 'edit') {
        const { id: _id, ...fields } = values;
        const change: Change = { ...fields, expectedRevision: editing.enterprise.revision };
        return unwrap(
          api.PATCH(ONE, { params: { path: { enterpriseId: editing.enterprise.id } }, body: change }),
        );
      }
      const { id, ...fields } = values;
      return unwrap(api.POST(LIST, { body: { ...fields, ...(id?.trim() ? { id: id.trim() } : {}) } }));
    },
    onSuccess: done,
    onError: asRefusal,
  });
  const deactivate = useMutation({
    mutationFn: (enterpriseId: string) =>
      unwrap(api.POST(`${ONE}/deactivation`, { params: { path: { enterpriseId } } })),
    onSuccess: done,
    onError: (error) =>
      void message.error(error instanceof ApiError ? `${error.reason} (${error.code})` : String(error)),
  });

  const open = (next: Editing) => {
    setRefusal(null);
    setEditing(next);
    form.resetFields();
    form.setFieldsValue(
      next.kind === 'edit'
        ? { ...next.enterprise }
        : { retention: { ...NATIONAL_RETENTION_FLOORS }, performanceClass: 'B', industry: 'steel' },
    );
  };

  const industryOptions = INDUSTRIES.map((value) => ({ value, label: t(`industry.${value}`) }));
  const classOptions = PERFORMANCE_CLASSES.map((value) => ({ value, label: t(`class.${value}`) }));

  return (
    <Card
      title={t('directory.title')}
      extra={
        canRegister ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ kind: 'register' })}>
            {t('directory.register')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('directory.name')}
          aria-label={t('directory.name')}
          defaultValue={filters.name}
          onSearch={(name) => setFilters({ name, page: undefined })}
          style={{ width: 220 }}
        />
        <Input.Search
          allowClear
          placeholder={t('directory.district')}
          aria-label={t('directory.district')}
          defaultValue={filters.districtCode}
          onSearch={(districtCode) => setFilters({ districtCode, page: undefined })}
          style={{ width: 180 }}
        />
        <Select
          allowClear
          placeholder={t('directory.industry')}
          aria-label={t('directory.industry')}
          value={query.industry}
          options={industryOptions}
          onChange={(industry?: string) => setFilters({ industry, page: undefined })}
          style={{ width: 160 }}
        />
        <Select
          allowClear
          placeholder={t('directory.class')}
          aria-label={t('directory.class')}
          value={query.performanceClass}
          options={classOptions}
          onChange={(performanceClass?: string) => setFilters({ performanceClass, page: undefined })}
          style={{ width: 140 }}
        />
        <Select
          allowClear
          placeholder={t('directory.allStatus')}
          aria-label={t('directory.status')}
          value={query.active}
          options={[
            { value: 'true', label: t('directory.active') },
            { value: 'false', label: t('directory.inactive') },
          ]}
          onChange={(active?: string) => setFilters({ active, page: undefined })}
          style={{ width: 120 }}
        />
      </Space>
      <Loadable query={directory}>
        {(result) => (
          <Table<Enterprise>
            rowKey="id"
            dataSource={result.items}
            loading={directory.isFetching}
            pagination={{
              current: result.page,
              pageSize: result.pageSize,
              total: result.total,
              showTotal: (total) => t('directory.total', { total }),
              onChange: (page, pageSize) =>
                setFilters({ page: String(page), pageSize: pageSize === 20 ? undefined : String(pageSize) }),
            }}
            columns={[
              {
                title: t('directory.name'),
                render: (_, e) => <Link to={`/e/${encodeURIComponent(e.id)}/statistics`}>{e.name}</Link>,
              },
              { title: t('directory.creditCode'), dataIndex: 'creditCode' },
              { title: t('directory.industry'), render: (_, e) => t(`industry.${e.industry}`) },
              { title: t('directory.district'), dataIndex: 'districtCode' },
              {
                title: t('directory.class'),
                render: (_, e) => <Tag>{t(`class.${e.performanceClass}`)}</Tag>,
              },
              {
                title: t('directory.retention'),
                render: (_, e) =>
                  t('directory.retentionShort', {
                    ledger: e.retention.ledgerDays,
                    video: e.retention.videoDays,
                  }),
              },
              {
                title: t('directory.status'),
                render: (_, e) =>
                  e.active ? (
                    <Tag color="green">{t('directory.active')}</Tag>
                  ) : (
                    <Tag>{t('directory.inactive')}</Tag>
                  ),
              },
              ...(canEdit || canDeactivate
                ? [
                    {
                      title: common('common.actions'),
                      render: (_: unknown, e: Enterprise) =>
                        e.active ? (
                          <Space size={0}>
                            {canEdit ? (
                              <Button
                                type="link"
                                size="small"
                                onClick={() => open({ kind: 'edit', enterprise: e })}
                              >
                                {t('directory.edit')}
                              </Button>
                            ) : null}
                            {canDeactivate ? (
                              <Popconfirm
                                title={t('directory.deactivateConfirm', { name: e.name })}
                                okButtonProps={{ danger: true }}
                                onConfirm={() => void deactivate.mutateAsync(e.id).catch(() => undefined)}
                              >
                                <Button type="link" size="small" danger>
                                  {t('directory.deactivate')}
                                </Button>
                              </Popconfirm>
                            ) : null}
                          </Space>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Loadable>
      {canRegister || canEdit ? (
        <Modal
          open={editing !== null}
          title={editing?.kind === 'edit' ? t('directory.editTitle') : t('directory.register')}
          okText={common('common.save')}
          confirmLoading={save.isPending}
          onOk={() => form.submit()}
          onCancel={() => setEditing(null)}
          forceRender
          width={640}
        >
          <Form<Registration>
            name="enterprise"
            form={form}
            layout="vertical"
            onFinish={(values) => save.mutate(values)}
          >
            {editing?.kind === 'register' ? (
              <Form.Item name="id" label={t('directory.id')} extra={t('directory.idHelp')}>
                <Input autoComplete="off" />
              </Form.Item>
            ) : null}
            <Form.Item
              name="name"
              label={t('directory.name')}
              rules={[{ required: true, whitespace: true, message: t('directory.required') }]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="creditCode"
              label={t('directory.creditCode')}
              normalize={(value: string) => value.toUpperCase()}
              rules={[
                { required: true, message: t('directory.required') },
                {
                  // The domain's check (length, alphabet, check character), with its reason.
                  validator: (_, value: string | undefined) => {
                    if (!value) return Promise.resolve();
                    const parsed = parseCreditCode(value);
                    return parsed.ok ? Promise.resolve() : Promise.reject(new Error(parsed.error.reason));
                  },
                },
              ]}
            >
              <Input maxLength={18} />
            </Form.Item>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item name="industry" label={t('directory.industry')} rules={[{ required: true }]}>
                  <Select options={industryOptions} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="performanceClass" label={t('directory.class')} rules={[{ required: true }]}>
                  <Select options={classOptions} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item
                  name="districtCode"
                  label={t('directory.district')}
                  rules={[
                    { required: true, message: t('directory.required') },
                    {
                      validator: (_, value: string | undefined) =>
                        !value || isDistrictCode(value)
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('directory.badDistrict'))),
                    },
                  ]}
                >
                  <Input maxLength={6} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name={['retention', 'ledgerDays']}
                  label={t('directory.ledgerDays')}
                  extra={t('directory.floor', { days: NATIONAL_RETENTION_FLOORS.ledgerDays })}
                  rules={[{ required: true, type: 'integer', min: NATIONAL_RETENTION_FLOORS.ledgerDays }]}
                >
                  <InputNumber style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name={['retention', 'videoDays']}
                  label={t('directory.videoDays')}
                  extra={t('directory.floor', { days: NATIONAL_RETENTION_FLOORS.videoDays })}
                  rules={[{ required: true, type: 'integer', min: NATIONAL_RETENTION_FLOORS.videoDays }]}
                >
                  <InputNumber style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            {refusal ? <Alert type="error" showIcon title={`${refusal.reason} (${refusal.code})`} /> : null}
          </Form>
        </Modal>
      ) : null}
    </Card>
  );
}
