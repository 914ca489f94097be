import { PictureOutlined, UserOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ALERT_LEVEL_LABELS, isAlertLevel } from '@ecogate/domain';
import { Card, Empty, Form, Image, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import { useKeysetPaging } from '../shared/keyset';
import { KeysetPager } from '../shared/KeysetPager';
import { Loadable } from '../shared/Loadable';
import { formatInstant } from '../shared/time';
import { useUrlState } from '../shared/url-state';
import { PlateChip, StageTag, VerdictTag } from '../shared/vehicle-tags';
import { LedgerFilterForm } from './LedgerFilterForm';
import { messages } from './messages';
import { pageSizeOf, searchScope } from './passage-filters';
import { SideCell } from './passage-cells';
import { ReasonTags } from './ReasonTags';
import {
  decisionPhotoUrl,
  readRefusedFilters,
  REFUSED_KEY,
  REFUSED_MANUAL,
  REFUSED_URL_KEYS,
  type RefusedAttemptRow,
  type RefusedFilters,
  refusedFiltersToUrl,
  toRefusedQuery,
} from './refused-filters';

interface FormValues {
  readonly range?: [Dayjs | null, Dayjs | null] | null;
  readonly plate?: string;
  readonly gate?: string;
  readonly manual?: string;
}

const toForm = (filters: RefusedFilters): FormValues => ({
  range:
    filters.from || filters.to
      ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]
      : null,
  plate: filters.plate ?? '',
  gate: filters.gate ?? '',
  manual: filters.manual,
});

const fromForm = (values: FormValues): RefusedFilters =>
  readRefusedFilters({
    ...(values.range?.[0] ? { from: values.range[0].format('YYYY-MM-DD') } : {}),
    ...(values.range?.[1] ? { to: values.range[1].format('YYYY-MM-DD') } : {}),
    ...(values.plate ? { plate: values.plate } : {}),
    ...(values.gate ? { gate: values.gate.trim() } : {}),
    ...(values.manual ? { manual: values.manual } : {}),
  });

const ALERT_COLOUR: Record<string, string> = { blue: 'blue', yellow: 'gold', orange: 'orange', red: 'red' };

/** The scene photo of the decision, small; a click enlarges it. "No photo" when there is none. */
function ScenePhoto({ enterpriseId, row }: { enterpriseId: string; row: RefusedAttemptRow }) {
  const t = useMessages(messages);
  const [failed, setFailed] = useState(false);
  if (!row.photos?.vehicle || failed)
    return (
      <Typography.Text type="secondary">
        <PictureOutlined style={{ marginInlineEnd: 4 }} />
        {t('photo.missing')}
      </Typography.Text>
    );
  return (
    <Image
      src={decisionPhotoUrl(enterpriseId, row.decisionId, 'scene')}
      alt={`${row.plate} ${t('photo.scene')}`}
      width={96}
      height={54}
      style={{ objectFit: 'cover' }}
      onError={() => setFailed(true)}
    />
  );
}

/** 人工拦截: who refused the vehicle by hand and the reason they gave. */
export function RefusedByHand({ row }: { row: RefusedAttemptRow }) {
  const t = useMessages(messages);
  if (!row.manual) return null;
  if (!row.operator) return <Tag color="orange">{t('refused.byHand')}</Tag>;
  return (
    <Space orientation="vertical" size={2}>
      <Tag color="orange" icon={<UserOutlined />} title={t('refused.operator', { id: row.operator.id })}>
        {row.operator.id}
      </Tag>
      <Typography.Text>{row.operator.reason}</Typography.Text>
    </Space>
  );
}

/**
 * 拦截记录: the barrier decisions of one enterprise that were not passages (refused, or waiting for
 * a person who did not let the vehicle in), newest first, filtered and paged by the ledger.
 */
export function RefusedAttemptsView({ switcher }: { switcher: ReactNode }) {
  const { enterpriseId = '' } = useParams();
  const { language } = useI18n();
  const t = useMessages(messages);
  const [url, setUrl] = useUrlState(REFUSED_URL_KEYS);
  const filters = useMemo(() => readRefusedFilters(url), [url]);
  const size = pageSizeOf(url);
  const paging = useKeysetPaging(url.cursor, (cursor) => setUrl({ cursor }), searchScope(filters, size));
  const [form] = Form.useForm<FormValues>();

  // The form shows what the URL says, also after the browser's back button.
  useEffect(() => form.setFieldsValue(toForm(filters)), [filters, form]);

  const query = useQuery({
    queryKey: [REFUSED_KEY, enterpriseId, filters, url.cursor, size],
    queryFn: () =>
      unwrap(
        api.GET('/api/ledger/v1/enterprises/{enterpriseId}/refused-attempts', {
          params: { path: { enterpriseId }, query: toRefusedQuery(filters, url.cursor, size) },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  const apply = (values: FormValues) => setUrl({ ...refusedFiltersToUrl(fromForm(values)), size: url.size });
  const reset = () => setUrl({ ...refusedFiltersToUrl({}), size: url.size });
  const lang = language === 'en' ? 'en' : 'zh';

  const columns: TableColumnsType<RefusedAttemptRow> = [
    {
      key: 'time',
      title: t('column.time'),
      width: 170,
      render: (_, row) => formatInstant(row.capturedAt),
    },
    {
      key: 'plate',
      title: t('column.plate'),
      width: 140,
      render: (_, row) => <PlateChip text={row.plate} colour={row.plateColour ?? 'unknown'} />,
    },
    {
      key: 'gate',
      title: t('column.gate'),
      render: (_, row) => (
        <SideCell side={row.direction === 'in' ? 'entry' : 'exit'} gate={row.gateId} lane={row.laneId} />
      ),
    },
    {
      key: 'stage',
      title: t('column.stage'),
      render: (_, row) => <StageTag stage={row.stage} source={row.stageSource} />,
    },
    {
      key: 'verdict',
      title: t('column.verdict'),
      render: (_, row) => (
        <Space size={4} wrap>
          <VerdictTag verdict={row.verdict} />
          {row.alertLevel && row.alertLevel !== 'none' && isAlertLevel(row.alertLevel) ? (
            <Tag color={ALERT_COLOUR[row.alertLevel]}>{ALERT_LEVEL_LABELS[row.alertLevel][lang]}</Tag>
          ) : null}
        </Space>
      ),
    },
    {
      key: 'reasons',
      title: t('refused.column.reasons'),
      render: (_, row) => (
        <Space orientation="vertical" size={2}>
          <ReasonTags reasons={row.reasons} />
          {row.message && !row.manual ? (
            <Typography.Text type="secondary">{row.message[lang]}</Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      key: 'manual',
      title: t('refused.column.manual'),
      width: 200,
      render: (_, row) => <RefusedByHand row={row} />,
    },
    {
      key: 'photo',
      title: t('refused.column.photo'),
      width: 120,
      render: (_, row) => <ScenePhoto enterpriseId={enterpriseId} row={row} />,
    },
  ];

  return (
    <Card title={t('title')}>
      {switcher}
      <LedgerFilterForm<FormValues>
        name="refused-filters"
        form={form}
        enterpriseId={enterpriseId}
        onApply={apply}
        onReset={reset}
      >
        <Form.Item name="manual" label={t('refused.filter.manual')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={REFUSED_MANUAL.map((value) => ({ value, label: t(`refused.manual.${value}`) }))}
          />
        </Form.Item>
      </LedgerFilterForm>
      <Loadable
        query={query}
        isEmpty={(page) => page.items.length === 0 && !url.cursor}
        empty={<Empty description={t('refused.empty')} />}
      >
        {(page) => (
          <>
            <Table<RefusedAttemptRow>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={page.items}
              pagination={false}
              loading={query.isFetching && query.isPlaceholderData}
              scroll={{ x: 1100 }}
            />
            <KeysetPager
              paging={paging}
              nextCursor={page.nextCursor}
              loading={query.isFetching && query.isPlaceholderData}
              pageSize={size}
              onPageSize={(next) => setUrl({ size: String(next), cursor: undefined })}
            />
          </>
        )}
      </Loadable>
    </Card>
  );
}
