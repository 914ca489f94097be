import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Empty, Select, Space, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { ErrorResult } from '../shared/ErrorResult';
import { formatInstant } from '../shared/time';
import { useUrlState } from '../shared/url-state';
import { type CameraVideo, cameraOptions, DEVICES, RETENTION } from './cameras';
import { HlsPlayer } from './HlsPlayer';
import { messages } from './messages';
import {
  fromPicker,
  hourBefore,
  lastMinutes,
  parseWindow,
  pickerValue,
  shiftWindow,
  type TimeWindow,
} from './time-window';

const size = (bytes: number) =>
  bytes >= 1_073_741_824
    ? `${(bytes / 1_073_741_824).toFixed(1)} GB`
    : `${(bytes / 1_048_576).toFixed(1)} MB`;
const duration = (seconds: number) =>
  seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} h` : `${Math.round(seconds / 60)} min`;

/** 视频回放: a camera's archived video in a window (both in the URL), and what the archive holds. */
export default function VideoPage() {
  const t = useMessages(messages);
  const { enterpriseId = '' } = useParams();
  const account = useAccount();
  const [state, setState] = useUrlState(['camera', 'from', 'to']);
  const path = { params: { path: { enterpriseId } } };
  const mayReport = allows(account.role, 'GET', RETENTION);
  const mayDevices = allows(account.role, 'GET', DEVICES);
  const report = useQuery({
    queryKey: ['retention', enterpriseId],
    queryFn: () => unwrap(api.GET(RETENTION, path)),
    enabled: mayReport,
  });
  const devices = useQuery({
    queryKey: ['registry', enterpriseId, 'devices'],
    queryFn: () => unwrap(api.GET(DEVICES, path)),
    enabled: mayDevices,
  });
  const options = useMemo(() => cameraOptions(report.data, devices.data), [report.data, devices.data]);
  const parsed = parseWindow(state);
  const window = 'window' in parsed ? parsed.window : undefined;
  const show = (next: TimeWindow, camera = state.camera) => setState({ camera, ...next });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <Select
            showSearch
            allowClear
            placeholder={t('camera')}
            aria-label={t('camera')}
            style={{ minWidth: 240 }}
            value={state.camera}
            loading={report.isLoading || devices.isLoading}
            optionFilterProp="label"
            onChange={(camera?: string) => setState({ camera })}
            options={options.map((o) => ({
              value: o.value,
              label: o.hasVideo
                ? `${o.name} (${o.value})`
                : `${o.name} (${o.value}) · ${t('camera.noVideo')}`,
              disabled: !o.hasVideo,
            }))}
          />
          <DatePicker.RangePicker
            showTime
            aria-label={t('window')}
            value={window ? [pickerValue(window.from), pickerValue(window.to)] : null}
            onChange={(range) => {
              const [from, to] = range ?? [];
              setState(
                from && to
                  ? { from: fromPicker(from), to: fromPicker(to) }
                  : { from: undefined, to: undefined },
              );
            }}
          />
          <Button onClick={() => show(lastMinutes(new Date(), 15))}>{t('window.last15')}</Button>
          <Button onClick={() => show(lastMinutes(new Date(), 60))}>{t('window.last60')}</Button>
          <Button
            icon={<LeftOutlined />}
            disabled={!window}
            onClick={() => window && show(shiftWindow(window, -1))}
          >
            {t('window.earlier')}
          </Button>
          <Button disabled={!window} onClick={() => window && show(shiftWindow(window, 1))}>
            {t('window.later')} <RightOutlined />
          </Button>
        </Space>
      </Card>
      <Card size="small">
        {'problem' in parsed && parsed.problem !== 'incomplete' ? (
          <Alert type="warning" showIcon title={t(`window.${parsed.problem}`)} />
        ) : state.camera && window ? (
          <HlsPlayer
            key={`${state.camera} ${window.from} ${window.to}`}
            enterpriseId={enterpriseId}
            cameraId={state.camera}
            window={window}
          />
        ) : (
          <Empty description={t('camera.pick')} />
        )}
      </Card>
      {mayReport ? (
        <Card
          size="small"
          title={t('retention')}
          extra={report.data ? t('retention.days', { days: report.data.retentionDays }) : null}
        >
          {report.isError ? (
            <ErrorResult error={report.error} onRetry={() => void report.refetch()} />
          ) : (
            <Table<CameraVideo>
              rowKey="cameraId"
              size="small"
              loading={report.isLoading}
              dataSource={report.data?.cameras ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                {
                  title: t('camera'),
                  key: 'camera',
                  render: (_, row) => options.find((o) => o.value === row.cameraId)?.name ?? row.cameraId,
                },
                {
                  title: t('retention.oldest'),
                  key: 'oldest',
                  render: (_, row) => formatInstant(row.oldestSegment),
                },
                {
                  title: t('retention.newest'),
                  key: 'newest',
                  render: (_, row) => formatInstant(row.newestSegmentEnd),
                },
                { title: t('retention.segments'), dataIndex: 'segments' },
                { title: t('retention.size'), key: 'size', render: (_, row) => size(row.bytes) },
                { title: t('retention.gaps'), dataIndex: 'gaps' },
                {
                  title: t('retention.gapTime'),
                  key: 'gapTime',
                  render: (_, row) => (row.gaps > 0 ? duration(row.gapSeconds) : '—'),
                },
                {
                  title: '',
                  key: 'play',
                  render: (_, row) => (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => show(hourBefore(row.newestSegmentEnd), row.cameraId)}
                    >
                      {t('retention.playLatest')}
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </Card>
      ) : null}
    </Space>
  );
}
