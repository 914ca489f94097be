import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { EMISSION_STAGE_LABELS } from '@ecogate/domain';
import { Button, Card, Form, Segmented, Select, Space, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { useKeysetPaging } from '../shared/keyset';
import { KeysetPager } from '../shared/KeysetPager';
import { Loadable } from '../shared/Loadable';
import { formatInstant } from '../shared/time';
import { useUrlState } from '../shared/url-state';
import { PlateChip, StageTag, VerdictTag } from '../shared/vehicle-tags';
import { ManualPassageModal, MANUAL_ROUTE } from './ManualPassageModal';
import { messages } from './messages';
import {
  COMPLETENESS,
  DIRECTIONS,
  MANUAL,
  PASSAGE_URL_KEYS,
  type PassageFilters,
  passageFiltersToUrl,
  pageSizeOf,
  readPassageFilters,
  searchScope,
  STAGE_OPTIONS,
  toPassagesQuery,
  VERDICTS,
} from './passage-filters';
import { LedgerFilterForm } from './LedgerFilterForm';
import { CompletenessBar, ManualMark, SideCell } from './passage-cells';
import { PASSAGES_KEY, type PassageRow } from './types';
import { RefusedAttemptsView } from './RefusedAttemptsView';
import { type LedgerView, switchView, viewOf, VIEWS } from './refused-filters';

interface FormValues {
  readonly range?: [Dayjs | null, Dayjs | null] | null;
  readonly plate?: string;
  readonly gate?: string;
  readonly direction?: string;
  readonly stage?: string;
  readonly verdict?: string;
  readonly completeness?: string;
  readonly manual?: string;
}

const toForm = (filters: PassageFilters): FormValues => ({
  range:
    filters.from || filters.to
      ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]
      : null,
  plate: filters.plate ?? '',
  gate: filters.gate ?? '',
  direction: filters.direction,
  stage: filters.stage,
  verdict: filters.verdict,
  completeness: filters.completeness,
  manual: filters.manual,
});

const fromForm = (values: FormValues): PassageFilters =>
  readPassageFilters({
    ...(values.range?.[0] ? { from: values.range[0].format('YYYY-MM-DD') } : {}),
    ...(values.range?.[1] ? { to: values.range[1].format('YYYY-MM-DD') } : {}),
    ...(values.plate ? { plate: values.plate } : {}),
    ...(values.gate ? { gate: values.gate.trim() } : {}),
    ...(values.direction ? { direction: values.direction } : {}),
    ...(values.stage ? { stage: values.stage } : {}),
    ...(values.verdict ? { verdict: values.verdict } : {}),
    ...(values.completeness ? { completeness: values.completeness } : {}),
    ...(values.manual ? { manual: values.manual } : {}),
  });

/**
 * 运输车辆台账: two views, the URL's `view` says which — the passages (通行记录) and the barrier
 * decisions that were not passages (拦截记录, `?view=refused`), each with its filters in the URL.
 */
export default function PassagesPage() {
  const t = useMessages(messages);
  const [params, setParams] = useSearchParams();
  const view = viewOf(params.get('view') ?? undefined);
  const switcher = (
    <Segmented<LedgerView>
      aria-label={t('view.label')}
      value={view}
      onChange={(next) => setParams((current) => switchView(current, next))}
      options={VIEWS.map((value) => ({ value, label: t(`view.${value}`) }))}
      style={{ marginBottom: 16 }}
    />
  );
  return view === 'refused' ? (
    <RefusedAttemptsView switcher={switcher} />
  ) : (
    <PassagesView switcher={switcher} />
  );
}

/** 通行记录: the passages of one enterprise, newest first, filtered and paged by the service. */
function PassagesView({ switcher }: { switcher: ReactNode }) {
  const { enterpriseId = '' } = useParams();
  const { language } = useI18n();
  const t = useMessages(messages);
  const account = useAccount();
  const navigate = useNavigate();
  const location = useLocation();
  const [url, setUrl] = useUrlState(PASSAGE_URL_KEYS);
  const filters = useMemo(() => readPassageFilters(url), [url]);
  const size = pageSizeOf(url);
  const paging = useKeysetPaging(url.cursor, (cursor) => setUrl({ cursor }), searchScope(filters, size));
  const [form] = Form.useForm<FormValues>();
  const [entering, setEntering] = useState(false);

  // The form shows what the URL says, also after the browser's back button.
  useEffect(() => form.setFieldsValue(toForm(filters)), [filters, form]);

  const query = useQuery({
    queryKey: [PASSAGES_KEY, enterpriseId, filters, url.cursor, size],
    queryFn: () =>
      unwrap(
        api.GET('/api/ledger/v1/enterprises/{enterpriseId}/passages', {
          params: { path: { enterpriseId }, query: toPassagesQuery(filters, url.cursor, size) },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  const apply = (values: FormValues) => setUrl({ ...passageFiltersToUrl(fromForm(values)), size: url.size });
  const reset = () => setUrl({ ...passageFiltersToUrl({}), size: url.size });
  const canEnter = allows(account.role, 'POST', MANUAL_ROUTE);

  const columns: TableColumnsType<PassageRow> = [
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
      render: (_, row) => <PlateChip text={row.plate} colour={row.plateColour} />,
    },
    {
      key: 'gate',
      title: t('column.gate'),
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <SideCell side="entry" gate={row.entryGateId} lane={row.entryLaneId} at={row.entryCapturedAt} />
          <SideCell side="exit" gate={row.exitGateId} lane={row.exitLaneId} at={row.exitCapturedAt} />
        </Space>
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
          {row.entryVerdict ? <VerdictTag verdict={row.entryVerdict} /> : null}
          {row.exitVerdict ? <VerdictTag verdict={row.exitVerdict} /> : null}
        </Space>
      ),
    },
    {
      key: 'completeness',
      title: t('column.completeness'),
      width: 150,
      render: (_, row) => <CompletenessBar value={row.completeness} missing={row.missingFields} />,
    },
    {
      key: 'manual',
      title: t('column.manual'),
      width: 100,
      render: (_, row) => <ManualMark manual={row.manual} />,
    },
  ];

  return (
    <Card
      title={t('title')}
      extra={
        canEnter ? (
          <Button type="primary" onClick={() => setEntering(true)}>
            {t('manual.open')}
          </Button>
        ) : null
      }
    >
      {switcher}
      <LedgerFilterForm<FormValues>
        name="passage-filters"
        form={form}
        enterpriseId={enterpriseId}
        onApply={apply}
        onReset={reset}
      >
        <Form.Item name="direction" label={t('filter.direction')}>
          <Select
            allowClear
            style={{ width: 100 }}
            options={DIRECTIONS.map((value) => ({ value, label: t(`direction.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="stage" label={t('filter.stage')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={STAGE_OPTIONS.map((stage) => ({
              value: stage,
              label: EMISSION_STAGE_LABELS[stage][language === 'en' ? 'en' : 'zh'],
            }))}
          />
        </Form.Item>
        <Form.Item name="verdict" label={t('filter.verdict')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={VERDICTS.map((value) => ({ value, label: <VerdictTag verdict={value} /> }))}
          />
        </Form.Item>
        <Form.Item name="completeness" label={t('filter.completeness')}>
          <Select
            allowClear
            style={{ width: 110 }}
            options={COMPLETENESS.map((value) => ({ value, label: t(`completeness.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="manual" label={t('filter.manual')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={MANUAL.map((value) => ({ value, label: t(`manual.${value}`) }))}
          />
        </Form.Item>
      </LedgerFilterForm>
      <Loadable query={query} isEmpty={(page) => page.items.length === 0 && !url.cursor}>
        {(page) => (
          <>
            <Table<PassageRow>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={page.items}
              pagination={false}
              loading={query.isFetching && query.isPlaceholderData}
              scroll={{ x: 960 }}
              onRow={(row) => ({
                onClick: () =>
                  void navigate(row.id, { state: { from: `${location.pathname}${location.search}` } }),
                style: { cursor: 'pointer' },
              })}
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
      {entering ? (
        <ManualPassageModal
          enterpriseId={enterpriseId}
          onClose={() => setEntering(false)}
          onEntered={(id) => void navigate(id)}
        />
      ) : null}
    </Card>
  );
}
