import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** City roles look at one enterprise at a time; the directory answers only the caller's enterprises. */
export function EnterprisePicker() {
  const { t } = useI18n();
  const { enterpriseId } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const [name, setName] = useState('');
  const directory = useQuery({
    queryKey: ['enterprises', 'pick', name],
    queryFn: () =>
      unwrap(
        api.GET('/api/gateway/v1/enterprises', {
          params: { query: { pageSize: 50, ...(name ? { name } : {}) } },
        }),
      ),
  });
  const section = location.pathname.split('/')[3] ?? 'statistics';
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setName }}
      style={{ width: 280 }}
      placeholder={t('enterprise.pick')}
      value={enterpriseId}
      loading={directory.isLoading}
      options={(directory.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
      onChange={(id: string) => void navigate(`/e/${id}/${section}`)}
      aria-label={t('enterprise.pick')}
    />
  );
}
