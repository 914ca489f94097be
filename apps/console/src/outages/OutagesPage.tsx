import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, ApiError, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { Loadable } from '../shared/Loadable';
import { formatInstant } from '../shared/time';
import { useUrlState } from '../shared/url-state';
import { fromPicker } from '../shared/zoned-picker';
import {
  cameraChoices,
  checkFiling,
  DEVICES,
  type Filing,
  FILING_PHASES,
  type FilingRequest,
  filingPhase,
  FILINGS,
  visibleFilings,
} from './filings';
import { messages } from './messages';
import { TamperEpisodes } from './TamperEpisodes';
import { TAMPER_EPISODES } from './tamper-episodes';

const PHASE_COLOUR = { upcoming: 'blue', active: 'orange', past: 'default' } as const;

const hours = (filing: Filing) => {
  const minutes = Math.round((Date.parse(filing.to) - Date.parse(filing.from)) / 60_000);
  return minutes >= 60
    ? `${Math.floor(minutes / 60)} h ${minutes % 60 ? `${minutes % 60} min` : ''}`
    : `${minutes} min`;
};

interface FormValues {
  cameraId?: string;
  window?: [Dayjs | null, Dayjs | null] | null;
  reason?: string;
}

/** The filing form: checked as the archive checks it, the archive's refusal shown with its reason. */
export function FilingForm({
  enterpriseId,
  cameras,
  onClose,
}: {
  enterpriseId: string;
  cameras: { value: string; label: string }[];
  onClose: () => void;
}) {
  const t = useMessages(messages);
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const file = useMutation({
    mutationFn: (body: FilingRequest) =>
      unwrap(api.POST(FILINGS, { params: { path: { enterpriseId } }, body })),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['outage-filings', enterpriseId] });
      void message.success(t('filed'));
      onClose();
    },
  });
  const submit = (values: FormValues) => {
    const [from, to] = values.window ?? [];
    const checked = checkFiling(
      {
        ...(values.cameraId ? { cameraId: values.cameraId } : {}),
        ...(from ? { from: fromPicker(from) } : {}),
        ...(to ? { to: fromPicker(to) } : {}),
        ...(values.reason !== undefined ? { reason: values.reason } : {}),
      },
      new Date(),
    );
    if ('request' in checked) {
      file.mutate(checked.request);
      return;
    }
    const { cameraId, from: start, to: end, reason } = checked.problems;
    const window = start ?? end;
    form.setFields([
      { name: 'cameraId', errors: cameraId ? [t(`problem.${cameraId}`)] : [] },
      { name: 'window', errors: window ? [t(`problem.${window}`)] : [] },
      { name: 'reason', errors: reason ? [t(`problem.${reason}`)] : [] },
    ]);
  };
  const refused = file.error instanceof ApiError ? file.error : null;
  const known = refused?.code === 'filing-not-in-advance' || refused?.code === 'filing-too-long';

  return (
    <Modal
      open
      title={t('file')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={file.isPending}
      destroyOnHidden
    >
      {file.error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            refused
              ? known
                ? t(`refused.${refused.code as 'filing-too-long'}`)
                : `${refused.reason} (${refused.code})`
              : String(file.error)
          }
          description={known ? refused?.reason : undefined}
        />
      ) : null}
      <Form<FormValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="cameraId" label={t('camera')} required>
          <Select showSearch optionFilterProp="label" options={cameras} />
        </Form.Item>
        <Form.Item name="window" label={t('window')} required>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('reason')} required>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('reason.placeholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 断电断网备案: the enterprise's outage filings, and filing a new one where the role may. */
export default function OutagesPage() {
  const t = useMessages(messages);
  const { enterpriseId = '' } = useParams();
  const account = useAccount();
  const [filter, setFilter] = useUrlState(['camera', 'phase']);
  const [filing, setFiling] = useState(false);
  const path = { params: { path: { enterpriseId } } };
  const mayFile = allows(account.role, 'POST', FILINGS);
  const filings = useQuery({
    queryKey: ['outage-filings', enterpriseId],
    queryFn: () => unwrap(api.GET(FILINGS, path)),
  });
  const devices = useQuery({
    queryKey: ['registry', enterpriseId, 'devices'],
    queryFn: () => unwrap(api.GET(DEVICES, path)),
    enabled: allows(account.role, 'GET', DEVICES),
  });
  const cameras = useMemo(() => cameraChoices(devices.data), [devices.data]);
  const name = (cameraId: string) => devices.data?.find((d) => d.id === cameraId)?.name ?? cameraId;
  const now = new Date();
  const cameraFilter = [
    ...new Set([...(filings.data ?? []).map((f) => f.cameraId), ...cameras.map((c) => c.value)]),
  ].map((id) => ({ value: id, label: name(id) }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('intro')} description={t('unfiled')} />
      <Card
        size="small"
        extra={
          mayFile ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)}>
              {t('file')}
            </Button>
          ) : null
        }
        title={
          <Space wrap>
            <Select
              allowClear
              placeholder={t('camera')}
              style={{ minWidth: 200 }}
              value={filter.camera}
              onChange={(camera?: string) => setFilter({ camera })}
              options={cameraFilter}
            />
            <Select
              allowClear
              placeholder={t('phase')}
              style={{ minWidth: 120 }}
              value={filter.phase}
              onChange={(phase?: string) => setFilter({ phase })}
              options={FILING_PHASES.map((p) => ({ value: p, label: t(`phase.${p}`) }))}
            />
          </Space>
        }
      >
        <Loadable query={filings}>
          {(data) => (
            <Table<Filing>
              rowKey="id"
              size="small"
              dataSource={visibleFilings(data, filter, now)}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: t('camera'), key: 'camera', render: (_, f) => name(f.cameraId) },
                {
                  title: t('window'),
                  key: 'window',
                  render: (_, f) => `${formatInstant(f.from)} — ${formatInstant(f.to)}`,
                },
                { title: t('duration'), key: 'duration', render: (_, f) => hours(f) },
                {
                  title: t('phase'),
                  key: 'phase',
                  render: (_, f) => {
                    const phase = filingPhase(f, now);
                    return <Tag color={PHASE_COLOUR[phase]}>{t(`phase.${phase}`)}</Tag>;
                  },
                },
                { title: t('reason'), dataIndex: 'reason' },
                { title: t('filedBy'), dataIndex: 'filedBy' },
                { title: t('filedAt'), key: 'filedAt', render: (_, f) => formatInstant(f.filedAt) },
              ]}
            />
          )}
        </Loadable>
      </Card>
      {allows(account.role, 'GET', TAMPER_EPISODES) ? (
        <TamperEpisodes enterpriseId={enterpriseId} cameraId={filter.camera} name={name} />
      ) : null}
      {filing ? (
        <FilingForm enterpriseId={enterpriseId} cameras={cameras} onClose={() => setFiling(false)} />
      ) : null}
    </Space>
  );
}
