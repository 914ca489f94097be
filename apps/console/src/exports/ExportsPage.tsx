import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Progress,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { type FeatureTranslate, useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { EnterpriseSelect } from '../shared/EnterpriseSelect';
import { Loadable } from '../shared/Loadable';
import { daysBefore, formatInstant, localDate } from '../shared/time';
import { useUrlState } from '../shared/url-state';
import {
  type ExportJob,
  isRunning,
  type JobRef,
  type Ledger,
  LEDGERS,
  periodOf,
  readJob,
  recentJobs,
  ROUTES,
  startCityExport,
  startExport,
} from './exports-api';
import { messages } from './messages';

/** How often a job's state is asked while it runs: a job status, not live data. */
export const POLL_MS = 1000;

const STATE_COLOUR: Record<ExportJob['state'], string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};

function failure(t: FeatureTranslate<typeof messages>, error: string | undefined): string {
  const known = ['too-many-rows', 'interrupted', 'export-failed'] as const;
  const code = known.find((k) => error?.startsWith(k));
  return t('exports.failedBecause', { error: code ? t(`error.${code}`) : (error ?? '—') });
}

/** The watched job: a progress bar polled every second while it runs, then its download link. */
function JobProgress({ reference }: { reference: JobRef }) {
  const t = useMessages(messages);
  const queries = useQueryClient();
  const job = useQuery({
    queryKey: ['export-job', reference],
    queryFn: () => readJob(reference),
    refetchInterval: (query) => (query.state.data && !isRunning(query.state.data) ? false : POLL_MS),
  });
  const settled = job.data !== undefined && !isRunning(job.data);
  useEffect(() => {
    // Done or failed: the recent lists show its end state.
    if (settled) void queries.invalidateQueries({ queryKey: ['exports'] });
  }, [settled, queries]);
  return (
    <Loadable query={job}>
      {(current) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space>
            <Tag color={STATE_COLOUR[current.state]}>{t(`state.${current.state}`)}</Tag>
            <Typography.Text>{t(`ledger.${current.ledger}`)}</Typography.Text>
            <Typography.Text type="secondary">
              {current.totalRows === null
                ? t('exports.rowsSoFar', { rows: current.rows })
                : t('exports.rowsOf', { rows: current.rows, total: current.totalRows })}
            </Typography.Text>
          </Space>
          <Progress
            percent={Math.round(current.progress * 100)}
            status={
              current.state === 'failed' ? 'exception' : current.state === 'done' ? 'success' : 'active'
            }
            aria-label={t('exports.job')}
          />
          {current.state === 'failed' ? (
            <Alert type="error" showIcon title={failure(t, current.error)} />
          ) : null}
          {current.state === 'done' && current.downloadUrl ? (
            <Space wrap>
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                href={current.downloadUrl}
                download={current.fileName}
              >
                {t('exports.downloadFile', { file: current.fileName ?? '' })}
              </Button>
              {current.downloadUrlExpiresAt ? (
                <Typography.Text type="secondary">
                  {t('exports.linkExpires', { at: formatInstant(current.downloadUrlExpiresAt) })}
                </Typography.Text>
              ) : null}
              {current.expiresAt ? (
                <Typography.Text type="secondary">
                  {t('exports.fileExpires', { at: formatInstant(current.expiresAt) })}
                </Typography.Text>
              ) : null}
            </Space>
          ) : null}
        </Space>
      )}
    </Loadable>
  );
}

function JobsTable({
  jobs,
  onShow,
  showEnterprises,
}: {
  jobs: ExportJob[];
  onShow: (job: ExportJob) => void;
  showEnterprises: boolean;
}) {
  const t = useMessages(messages);
  const range = (job: ExportJob) =>
    job.filters.from || job.filters.to
      ? `${job.filters.from ? localDate(job.filters.from) : '…'} – ${job.filters.to ? localDate(dayjs(job.filters.to).subtract(1, 'ms')) : '…'}`
      : '—';
  return (
    <Table<ExportJob>
      rowKey="jobId"
      size="small"
      dataSource={jobs}
      pagination={false}
      columns={[
        { title: t('exports.createdAt'), render: (_, job) => formatInstant(job.createdAt) },
        { title: t('exports.ledger'), render: (_, job) => t(`ledger.${job.ledger}`) },
        ...(showEnterprises
          ? [
              {
                title: t('exports.enterprises'),
                render: (_: unknown, job: ExportJob) =>
                  job.enterpriseIds.length > 3
                    ? t('exports.enterpriseCount', { count: job.enterpriseIds.length })
                    : job.enterpriseIds.join('、'),
              },
            ]
          : []),
        { title: t('exports.range'), render: (_, job) => range(job) },
        {
          title: t('exports.state'),
          render: (_, job) => <Tag color={STATE_COLOUR[job.state]}>{t(`state.${job.state}`)}</Tag>,
        },
        { title: t('exports.rows'), render: (_, job) => job.rows },
        {
          title: '',
          render: (_, job) => (
            <Button size="small" type="link" onClick={() => onShow(job)}>
              {job.state === 'done' ? t('exports.getLink') : t('exports.watch')}
            </Button>
          ),
        },
      ]}
    />
  );
}

interface Start {
  readonly ledger: Ledger;
  readonly range: [Dayjs, Dayjs];
  readonly several: boolean;
  readonly enterpriseIds?: string[];
}

/** 导出: an Excel export of a ledger for a period, its progress, its link, and the recent ones. */
export default function ExportsPage() {
  const t = useMessages(messages);
  const { t: common } = useI18n();
  const { message } = App.useApp();
  const { enterpriseId = '' } = useParams();
  const account = useAccount();
  const queries = useQueryClient();
  const today = localDate();
  const [state, setState] = useUrlState(['ledger', 'from', 'to', 'job', 'multi'] as const, {
    ledger: 'passages',
    from: daysBefore(today, 29),
    to: today,
  });
  const [form] = Form.useForm<Start>();
  const several = Form.useWatch('several', form) ?? false;
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const canCity = allows(account.role, 'POST', ROUTES.city);

  const watched: JobRef | null = state.job
    ? state.multi === '1'
      ? { scope: 'city', jobId: state.job }
      : { scope: 'enterprise', enterpriseId, jobId: state.job }
    : null;

  const recent = useQuery({
    queryKey: ['exports', enterpriseId],
    queryFn: () => recentJobs('enterprise', enterpriseId),
  });
  const recentCity = useQuery({
    queryKey: ['exports', 'city'],
    queryFn: () => recentJobs('city', enterpriseId),
    enabled: canCity,
  });

  const start = useMutation({
    mutationFn: async (values: Start) => {
      const filters = {
        ledger: values.ledger,
        ...periodOf(values.range[0].format('YYYY-MM-DD'), values.range[1].format('YYYY-MM-DD')),
      };
      return values.several && canCity
        ? {
            job: await startCityExport({ ...filters, enterpriseIds: values.enterpriseIds ?? [] }),
            multi: true,
          }
        : { job: await startExport(enterpriseId, filters), multi: false };
    },
    onSuccess: ({ job, multi }) => {
      setRefusal(null);
      void message.success(t('exports.started'));
      setState({ job: job.jobId, multi: multi ? '1' : undefined });
      void queries.invalidateQueries({ queryKey: ['exports'] });
    },
    onError: (error) =>
      setRefusal(error instanceof ApiError ? error : new ApiError(0, 'network', String(error))),
  });

  const ledger = LEDGERS.find((l) => l === state.ledger) ?? 'passages';
  const initial: Start = {
    ledger,
    range: [dayjs(state.from ?? daysBefore(today, 29)), dayjs(state.to ?? today)],
    several: state.multi === '1' && canCity,
  };
  const show = (multi: boolean) => (job: ExportJob) =>
    setState({ job: job.jobId, multi: multi ? '1' : undefined });

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Card title={t('exports.title')}>
        <Form<Start>
          form={form}
          layout="vertical"
          initialValues={initial}
          style={{ maxWidth: 720 }}
          onValuesChange={(changed: Partial<Start>) => {
            if (changed.ledger) setState({ ledger: changed.ledger });
            if (changed.range)
              setState({
                from: changed.range[0].format('YYYY-MM-DD'),
                to: changed.range[1].format('YYYY-MM-DD'),
              });
          }}
          onFinish={(values) => start.mutate(values)}
        >
          <Form.Item name="ledger" label={t('exports.ledger')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={LEDGERS.map((value) => ({ value, label: t(`ledger.${value}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="range"
            label={t('exports.range')}
            extra={t('exports.rangeHelp')}
            rules={[{ required: true }]}
          >
            <DatePicker.RangePicker allowClear={false} disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
          </Form.Item>
          {canCity ? (
            <Form.Item name="several" label={t('exports.scope')}>
              <Radio.Group
                options={[
                  { value: false, label: t('exports.thisEnterprise') },
                  { value: true, label: t('exports.several') },
                ]}
              />
            </Form.Item>
          ) : null}
          {canCity && several ? (
            <Form.Item
              name="enterpriseIds"
              label={t('exports.enterprises')}
              rules={[{ required: true, type: 'array', min: 1, message: t('exports.enterprisesRequired') }]}
              initialValue={enterpriseId ? [enterpriseId] : []}
            >
              <EnterpriseSelect multiple />
            </Form.Item>
          ) : null}
          {refusal ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={`${refusal.reason} (${refusal.code})`}
            />
          ) : null}
          <Button type="primary" htmlType="submit" loading={start.isPending} icon={<DownloadOutlined />}>
            {t('exports.start')}
          </Button>
        </Form>
      </Card>
      {watched ? (
        <Card
          title={t('exports.job')}
          extra={
            <Button onClick={() => setState({ job: undefined, multi: undefined })}>
              {common('common.close')}
            </Button>
          }
        >
          <JobProgress key={`${watched.scope}:${watched.jobId}`} reference={watched} />
        </Card>
      ) : null}
      <Card title={t('exports.recent')}>
        <Loadable
          query={recent}
          isEmpty={(jobs) => jobs.length === 0}
          empty={<Typography.Text type="secondary">{t('exports.noJobs')}</Typography.Text>}
        >
          {(jobs) => <JobsTable jobs={jobs} onShow={show(false)} showEnterprises={false} />}
        </Loadable>
      </Card>
      {canCity ? (
        <Card title={t('exports.recentCity')}>
          <Loadable
            query={recentCity}
            isEmpty={(jobs) => jobs.length === 0}
            empty={<Typography.Text type="secondary">{t('exports.noJobs')}</Typography.Text>}
          >
            {(jobs) => <JobsTable jobs={jobs} onShow={show(true)} showEnterprises />}
          </Loadable>
        </Card>
      ) : null}
    </Space>
  );
}
