import { BarChartOutlined, TableOutlined } from '@ant-design/icons';
import { Card, Segmented } from 'antd';
import { type ReactNode, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { type ChartOption, EChart } from './EChart';

/**
 * A chart with its data as a table beside it: a switch between the two, so the figures are
 * readable without the canvas (screen readers, copying numbers into a report).
 */
export function ChartCard({
  title,
  option,
  table,
  footer,
  height,
}: {
  title: string;
  option: ChartOption;
  table: ReactNode;
  footer?: ReactNode;
  height?: number;
}) {
  const { t } = useI18n();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Card
      title={title}
      extra={
        <Segmented<'chart' | 'table'>
          size="small"
          value={view}
          onChange={setView}
          aria-label={`${title}: ${t('common.chart')} / ${t('common.table')}`}
          options={[
            { value: 'chart', label: t('common.chart'), icon: <BarChartOutlined /> },
            { value: 'table', label: t('common.table'), icon: <TableOutlined /> },
          ]}
        />
      }
    >
      {view === 'chart' ? <EChart option={option} label={title} height={height} /> : table}
      {footer}
    </Card>
  );
}
