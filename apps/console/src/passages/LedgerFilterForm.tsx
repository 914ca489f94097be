import { Button, DatePicker, Form, type FormInstance, Input, Space } from 'antd';
import { type Dayjs } from 'dayjs';
import { type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import { GateInput } from './GateInput';
import { messages } from './messages';

/** The filters both views of the passage ledger (台账, 拦截记录) start with. */
export interface LedgerFilterValues {
  readonly range?: [Dayjs | null, Dayjs | null] | null;
  readonly plate?: string;
  readonly gate?: string;
}

/**
 * The filter row of the passage ledger's views: time range, plate and gate, then the view's own
 * choices (`children`), then 查询 and 重置. Choices apply at once; typed text on Enter or 查询.
 */
export function LedgerFilterForm<V extends LedgerFilterValues>({
  name,
  form,
  enterpriseId,
  onApply,
  onReset,
  children,
}: {
  name: string;
  form: FormInstance<V>;
  enterpriseId: string;
  onApply: (values: V) => void;
  onReset: () => void;
  children: ReactNode;
}) {
  const { t: common } = useI18n();
  const t = useMessages(messages);
  return (
    <Form<V>
      name={name}
      form={form}
      layout="inline"
      onFinish={onApply}
      style={{ rowGap: 12, marginBottom: 16 }}
      onValuesChange={(changed: Partial<V>, all: V) => {
        if (!('plate' in changed) && !('gate' in changed)) onApply(all);
      }}
    >
      <Form.Item name="range" label={t('filter.range')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item name="plate" label={t('filter.plate')}>
        <Input allowClear style={{ width: 140 }} onPressEnter={() => form.submit()} />
      </Form.Item>
      <Form.Item name="gate" label={t('filter.gate')}>
        <GateInput
          enterpriseId={enterpriseId}
          width={140}
          onPressEnter={() => form.submit()}
          onPick={() => form.submit()}
        />
      </Form.Item>
      {children}
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {common('common.search')}
          </Button>
          <Button onClick={onReset}>{common('common.reset')}</Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
