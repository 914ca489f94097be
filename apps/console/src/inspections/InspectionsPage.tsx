import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useParams } from 'react-router-dom';
import { api, ApiError, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { Loadable } from '../shared/Loadable';
import { daysBefore, localDate } from '../shared/time';
import { useUrlState } from '../shared/url-state';
import { ChainCheck } from './ChainCheck';
import { EvidencePackPanel } from './EvidencePackPanel';
import { ROUTES, START_DEFAULTS, startBody } from './inspection-model';
import { InspectionList } from './InspectionList';
import { InspectionView } from './InspectionView';
import { messages } from './messages';
import { type ListStatus, scanning } from './window-scan-model';

interface StartForm {
  readonly range: [Dayjs, Dayjs];
  readonly seed?: string;
  readonly passages: number;
  readonly windows: number;
  readonly windowMinutes: number;
}

/** 核查/抽查: start a seeded sample of a period, then check it item by item (the inspection's id in the URL). */
export default function InspectionsPage() {
  const t = useMessages(messages);
  const { enterpriseId = '' } = useParams();
  const account = useAccount();
  const today = localDate();
  const [state, setState] = useUrlState(['inspection', 'from', 'to', 'listStatus', 'cursor'] as const, {
    from: daysBefore(today, 29),
    to: today,
  });
  const canStart = allows(account.role, 'POST', ROUTES.start);
  const canVerify = allows(account.role, 'GET', ROUTES.verify);
  const inspectionId = state.inspection;
  const inspection = useQuery({
    queryKey: ['inspection', enterpriseId, inspectionId],
    queryFn: () =>
      unwrap(api.GET(ROUTES.one, { params: { path: { enterpriseId, inspectionId: inspectionId ?? '' } } })),
    enabled: Boolean(inspectionId),
    // While a window's scan runs, its progress and then its finding come in without a reload.
    refetchInterval: (query) => (scanning(query.state.data) ? 3_000 : false),
  });
  const start = useMutation({
    mutationFn: (values: StartForm) =>
      unwrap(
        api.POST(ROUTES.start, {
          params: { path: { enterpriseId } },
          body: startBody({
            from: values.range[0].format('YYYY-MM-DD'),
            to: values.range[1].format('YYYY-MM-DD'),
            seed: values.seed,
            passages: values.passages,
            windows: values.windows,
            windowMinutes: values.windowMinutes,
          }),
        }),
      ),
    onSuccess: (created) => setState({ inspection: created.id, from: created.from, to: created.to }),
  });

  if (inspectionId)
    return (
      <Space orientation="vertical" style={{ width: '100%' }} size="large">
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('title')}
          </Typography.Title>
          {canStart ? (
            <Button onClick={() => setState({ inspection: undefined })}>{t('inspection.new')}</Button>
          ) : null}
        </Space>
        <Loadable query={inspection}>
          {(data) => (
            <Space orientation="vertical" style={{ width: '100%' }} size="large">
              <InspectionView inspection={data} enterpriseId={enterpriseId} />
              {canVerify ? <ChainCheck enterpriseId={enterpriseId} from={data.from} to={data.to} /> : null}
              <EvidencePackPanel enterpriseId={enterpriseId} inspectionId={data.id} />
            </Space>
          )}
        </Loadable>
      </Space>
    );

  const from = state.from ?? daysBefore(today, 29);
  const to = state.to ?? today;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Card title={t('start.title')}>
        {canStart ? (
          <Form<StartForm>
            layout="vertical"
            style={{ maxWidth: 640 }}
            initialValues={{ range: [dayjs(from), dayjs(to)], ...START_DEFAULTS }}
            onValuesChange={(changed: Partial<StartForm>) => {
              if (changed.range)
                setState({
                  from: changed.range[0].format('YYYY-MM-DD'),
                  to: changed.range[1].format('YYYY-MM-DD'),
                });
            }}
            onFinish={(values) => start.mutate(values)}
          >
            <Form.Item name="range" label={t('start.period')} rules={[{ required: true }]}>
              <DatePicker.RangePicker
                allowClear={false}
                disabledDate={(day) => day.isAfter(dayjs(), 'day')}
              />
            </Form.Item>
            <Form.Item name="seed" label={t('start.seed')} extra={t('start.seedHelp')}>
              <Input maxLength={64} style={{ maxWidth: 320 }} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="passages" label={t('start.passages')} rules={[{ required: true }]}>
                <InputNumber min={5} max={10} precision={0} />
              </Form.Item>
              <Form.Item name="windows" label={t('start.windows')} rules={[{ required: true }]}>
                <InputNumber min={2} max={3} precision={0} />
              </Form.Item>
              <Form.Item name="windowMinutes" label={t('start.windowMinutes')} rules={[{ required: true }]}>
                <InputNumber min={5} max={10} precision={0} />
              </Form.Item>
            </Space>
            {start.error ? (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 16 }}
                title={
                  start.error instanceof ApiError
                    ? `${start.error.reason} (${start.error.code})`
                    : String(start.error)
                }
              />
            ) : null}
            <Button type="primary" htmlType="submit" loading={start.isPending}>
              {t('start.submit')}
            </Button>
          </Form>
        ) : (
          <Typography.Text type="secondary">{t('start.noRight')}</Typography.Text>
        )}
      </Card>
      {canVerify ? <ChainCheck enterpriseId={enterpriseId} from={from} to={to} /> : null}
      <InspectionList
        enterpriseId={enterpriseId}
        status={listStatus(state.listStatus)}
        cursor={state.cursor}
        onFilter={setState}
        onOpen={(id) => setState({ inspection: id })}
      />
    </Space>
  );
}

const listStatus = (value: string | undefined): ListStatus | undefined =>
  value === 'open' || value === 'closed' ? value : undefined;
