import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';

/**
 * Enterprises from the directory (the gateway answers only the caller's), searched by name on the
 * server: one (`multiple` off) or several, as a form control (`value`/`onChange` of ids).
 */
export function EnterpriseSelect({
  value,
  onChange,
  multiple = false,
  id,
  style,
}: {
  value?: string | string[];
  onChange?: (value: string | string[]) => void;
  multiple?: boolean;
  id?: string;
  style?: React.CSSProperties;
}) {
  const { t } = useI18n();
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
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setName }}
      style={style}
      placeholder={t('enterprise.pick')}
      value={value}
      onChange={onChange}
      loading={directory.isLoading}
      options={(directory.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.id}）` }))}
      aria-label={t('enterprise.pick')}
      allowClear
    />
  );
}
