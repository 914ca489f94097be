import { Card, DatePicker, Segmented, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useParams } from 'react-router-dom';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { daysBefore, localDate } from '../shared/time';
import { useUrlState } from '../shared/url-state';
import { DistrictStatistics } from './DistrictStatistics';
import { EnterpriseStatistics } from './EnterpriseStatistics';
import { messages } from './messages';
import { DISTRICTS, periodFrom } from './statistics-model';

/**
 * 统计: an enterprise's period (stage shares by trips and cargo tonnes, trips per day by stage,
 * clean-transport ratios, the class indicator), or for city roles the city by district; each chart
 * with its table. The period, the view and the district live in the URL.
 */
export default function StatisticsPage() {
  const t = useMessages(messages);
  const { enterpriseId = '' } = useParams();
  const account = useAccount();
  const [state, setState] = useUrlState(['from', 'to', 'view', 'district'] as const);
  const { from, to } = periodFrom(state.from, state.to);
  const today = localDate();
  const byDistrict = allows(account.role, 'GET', DISTRICTS);
  const view = byDistrict && state.view === 'districts' ? 'districts' : 'enterprise';

  const range = (days: number): [Dayjs, Dayjs] => [dayjs(daysBefore(today, days - 1)), dayjs(today)];
  const presets = [
    { label: t('stats.last7'), value: range(7) },
    { label: t('stats.last30'), value: range(30) },
    { label: t('stats.last90'), value: range(90) },
    {
      label: t('stats.thisYear'),
      value: [dayjs(`${today.slice(0, 4)}-01-01`), dayjs(today)] as [Dayjs, Dayjs],
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Card>
        <Space wrap align="center" size="large">
          {byDistrict ? (
            <Segmented<'enterprise' | 'districts'>
              value={view}
              aria-label={t('stats.view')}
              onChange={(next) =>
                setState({ view: next === 'districts' ? 'districts' : undefined, district: undefined })
              }
              options={[
                { value: 'enterprise', label: t('stats.thisEnterprise') },
                { value: 'districts', label: t('stats.byDistrict') },
              ]}
            />
          ) : null}
          <Space wrap align="center">
            <Typography.Text strong>{t('stats.period')}</Typography.Text>
            <DatePicker.RangePicker
              aria-label={t('stats.period')}
              allowClear={false}
              value={[dayjs(from), dayjs(to)]}
              presets={presets}
              disabledDate={(day) => day.format('YYYY-MM-DD') > today}
              onChange={(picked) => {
                if (picked?.[0] && picked[1])
                  setState({ from: picked[0].format('YYYY-MM-DD'), to: picked[1].format('YYYY-MM-DD') });
              }}
            />
            <Typography.Text type="secondary">{t('stats.periodHelp')}</Typography.Text>
          </Space>
        </Space>
      </Card>
      {view === 'districts' ? (
        <DistrictStatistics
          from={from}
          to={to}
          district={state.district}
          onDistrict={(district) => setState({ district })}
        />
      ) : (
        <EnterpriseStatistics enterpriseId={enterpriseId} from={from} to={to} />
      )}
    </Space>
  );
}
