import { Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useMessages } from '../i18n/messages';
import { useUrlState } from '../shared/url-state';
import { DistrictInspections } from './DistrictInspections';
import { messages } from './messages';
import { type ListStatus } from './window-scan-model';

const listStatus = (value: string | undefined): ListStatus | undefined =>
  value === 'open' || value === 'closed' ? value : undefined;

/** 核查 without an enterprise (`/inspections`): the recent inspections of the caller's districts. */
export default function DistrictInspectionsPage() {
  const t = useMessages(messages);
  const [state, setState] = useUrlState(['listStatus', 'cursor'] as const, {});
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('title')}
      </Typography.Title>
      <DistrictInspections status={listStatus(state.listStatus)} cursor={state.cursor} onFilter={setState} />
      <Typography.Text type="secondary">
        <Link to="/enterprises">{t('district.pick')}</Link>
      </Typography.Text>
    </Space>
  );
}
