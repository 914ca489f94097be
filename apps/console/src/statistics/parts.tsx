import { EMISSION_STAGE_LABELS, type StageBucket } from '@ecogate/domain';
import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import { ChartCard } from './ChartCard';
import { messages } from './messages';
import {
  type CleanTransport,
  percent,
  type ShareRow,
  shareRows,
  sharesOption,
  type StageShares,
} from './statistics-model';

/** A stage bucket's name in the person's language (国五, China V…). */
export function useStageLabel(): (bucket: StageBucket) => string {
  const { language } = useI18n();
  const t = useMessages(messages);
  return useCallback(
    (bucket: StageBucket) =>
      bucket === 'unknown'
        ? t('stats.unknown')
        : EMISSION_STAGE_LABELS[bucket][language === 'en' ? 'en' : 'zh'],
    [language, t],
  );
}

/** Stage shares by trips or by cargo tonnes: a donut, or its table. */
export function SharesCard({ shares, basis }: { shares: StageShares; basis: 'trips' | 'tonnes' }) {
  const t = useMessages(messages);
  const label = useStageLabel();
  const rows = useMemo(() => shareRows(shares, basis), [shares, basis]);
  const title = basis === 'trips' ? t('stats.byCount') : t('stats.byTonnes');
  const option = useMemo(() => sharesOption(rows, title, label), [rows, title, label]);
  const total = shares[basis].total;
  const unit = basis === 'trips' ? t('stats.count') : t('stats.amount');
  const withoutTonnes = shares.tonnes.tripsWithoutTonnes;
  return (
    <ChartCard
      title={title}
      option={option}
      footer={
        basis === 'tonnes' && withoutTonnes > 0 ? (
          <Typography.Text type="secondary">
            {t('stats.withoutTonnes', { count: withoutTonnes })}
          </Typography.Text>
        ) : null
      }
      table={
        <Table<ShareRow>
          size="small"
          rowKey="bucket"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('stats.stage'), render: (_, row) => label(row.bucket) },
            { title: unit, dataIndex: 'value', align: 'right', render: (v: number) => v.toLocaleString() },
            { title: t('stats.share'), align: 'right', render: (_, row) => percent(row.share) },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('stats.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {total.toLocaleString()}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {total > 0 ? percent(1) : '—'}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      }
    />
  );
}

/** The clean-transport ratios (新能源, 国五+, 国六+) by trips, with the tonnes beside. */
export function CleanCards({ clean }: { clean: readonly CleanTransport[] }) {
  const t = useMessages(messages);
  return (
    <Card title={t('stats.clean')}>
      <Row gutter={[16, 16]}>
        {clean.map((ratio) => (
          <Col key={ratio.definition} xs={24} md={8}>
            <Statistic
              title={t(`clean.${ratio.definition}`)}
              value={percent(ratio.byTrips.ratio)}
              data-testid={`clean-${ratio.definition}`}
            />
            <Typography.Text type="secondary">
              {t('stats.byTripsShort')} ·{' '}
              {t('stats.cleanOf', { clean: ratio.byTrips.clean, total: ratio.byTrips.total })}
              <br />
              {t('stats.byTonnesShort', { share: percent(ratio.byTonnes.ratio) })}
            </Typography.Text>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
