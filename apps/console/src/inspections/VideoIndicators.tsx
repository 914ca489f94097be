import { Descriptions, Space, Tag, Typography } from 'antd';
import { useMessages } from '../i18n/messages';
import { type Indicators } from './inspection-model';
import { messages } from './messages';
import { minutes, VIOLATION_KINDS } from './window-scan-model';

/** Camera outages against filings (备案) and barrier violations of the period; an outage figure the archive could not give says so. */
export function VideoIndicators({ indicators }: { indicators: Indicators }) {
  const t = useMessages(messages);
  const outages = indicators.outages;
  const violations = indicators.violations;
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
    </Descriptions>
  );
}
