import { EMISSION_STAGE_LABELS, EMISSION_STAGES } from '@ecogate/domain';
import { Input, Select, Space } from 'antd';
import { useI18n } from '../i18n/i18n';
import { defineMessages, useMessages } from '../i18n/messages';
import { type RegistryUrl } from './registry';

const messages = defineMessages({
  stage: ['排放阶段', 'Emission stage'],
  unknownStage: ['阶段未知', 'Unknown stage'],
  completeness: ['完整性', 'Completeness'],
  complete: ['完整', 'Complete'],
  incomplete: ['不完整', 'Incomplete'],
});

/** Search, stage and completeness of a registry ledger, each written to the URL (page 1 again). */
export function RegistryFilters({
  url,
  onChange,
  searchPlaceholder,
}: {
  url: RegistryUrl;
  onChange: (patch: Partial<Record<keyof RegistryUrl, string | undefined>>) => void;
  searchPlaceholder: string;
}) {
  const t = useMessages(messages);
  const { language } = useI18n();
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Input.Search
        key={url.q ?? ''}
        defaultValue={url.q}
        allowClear
        placeholder={searchPlaceholder}
        aria-label={searchPlaceholder}
        style={{ width: 260 }}
        onSearch={(q) => onChange({ q: q.trim() || undefined, page: undefined })}
      />
      <Select
        allowClear
        placeholder={t('stage')}
        aria-label={t('stage')}
        style={{ width: 140 }}
        value={url.stage}
        onChange={(stage?: string) => onChange({ stage, page: undefined })}
        options={[
          ...EMISSION_STAGES.map((stage) => ({
            value: stage,
            label: EMISSION_STAGE_LABELS[stage][language === 'en' ? 'en' : 'zh'],
          })),
          { value: 'unknown', label: t('unknownStage') },
        ]}
      />
      <Select
        allowClear
        placeholder={t('completeness')}
        aria-label={t('completeness')}
        style={{ width: 120 }}
        value={url.completeness}
        onChange={(completeness?: string) => onChange({ completeness, page: undefined })}
        options={[
          { value: 'complete', label: t('complete') },
          { value: 'incomplete', label: t('incomplete') },
        ]}
      />
    </Space>
  );
}
