import { Descriptions, Space, Tag, Typography } from 'antd';
import { useMessages } from '../i18n/messages';
import { type Indicators } from './inspection-model';
import { tamperKey, tamperMessages } from '../shared/tamper-messages';
import { messages } from './messages';
import { minutes, VIOLATION_KINDS } from './window-scan-model';

const ANOMALY_KINDS = [
  'seen-without-entry',
  'entry-without-exit',
  'exit-without-entry',
  'refused-seen-inside',
  'below-minimum-stage-during-alert',
] as const;

const dictionary = { ...messages, ...tamperMessages };

/**
 * Camera outages against filings (备案), barrier violations, camera tampering and loading-area
 * anomalies of the period; an outage figure the archive could not give says so.
 */
export function VideoIndicators({ indicators }: { indicators: Indicators }) {
  const t = useMessages(dictionary);
  const { outages, violations, tampering, loadingAreaAnomalies } = indicators;
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t('indicators.outages')}>
        {outages.status === 'available' ? (
          <Space wrap>
            <span>{t('outages.summary', { count: outages.count, minutes: minutes(outages.seconds) })}</span>
            <Tag color="success">{t('outages.filed', { count: outages.filed })}</Tag>
            <Tag color={outages.unfiled > 0 ? 'error' : 'default'}>
              {t('outages.unfiled', { count: outages.unfiled, minutes: minutes(outages.unfiledSeconds) })}
            </Tag>
            {outages.camerasUnfiled.length > 0 ? (
              <Typography.Text type="secondary">{outages.camerasUnfiled.join('、')}</Typography.Text>
            ) : null}
          </Space>
        ) : (
          <Typography.Text type="warning">
            {t('outages.unavailable', { reason: outages.reason })}
          </Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('indicators.violations')}>
        <Space wrap>
          <span>{t('violations.total', { count: violations.total })}</span>
          {VIOLATION_KINDS.filter((kind) => kind !== 'other' || violations.other > 0).map((kind) => (
            <Tag key={kind} color={violations[kind] > 0 ? 'error' : 'default'}>
              {t(`violations.${kind}`)} {violations[kind]}
            </Tag>
          ))}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('indicators.tampering')}>
        <Space orientation="vertical" size={4}>
          <Space wrap>
            <span>
              {t('tampering.summary', { count: tampering.count, minutes: minutes(tampering.seconds) })}
            </span>
            {tampering.open > 0 ? (
              <Tag color="error">{t('tampering.open', { count: tampering.open })}</Tag>
            ) : null}
          </Space>
          {tampering.cameras.map((camera) => (
            <Typography.Text key={camera.cameraId} type="secondary">
              {t('tampering.camera', {
                camera: camera.cameraId,
                count: camera.count,
                minutes: minutes(camera.seconds),
                kinds: camera.kinds
                  .map((kind) => t(tamperKey(kind === 'camera-alarm' ? null : kind)))
                  .join('、'),
              })}
            </Typography.Text>
          ))}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('indicators.anomalies')}>
        <Space wrap>
          <span>{t('anomalies.total', { count: loadingAreaAnomalies.total })}</span>
          {ANOMALY_KINDS.map((kind) => {
            const count = loadingAreaAnomalies.byKind[kind] ?? 0;
            return (
              <Tag key={kind} color={count > 0 ? 'error' : 'default'}>
                {t(`anomaly.${kind}`)} {count}
              </Tag>
            );
          })}
        </Space>
      </Descriptions.Item>
    </Descriptions>
  );
}
