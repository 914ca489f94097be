import { FUEL_LABELS, FUELS, VEHICLE_CATEGORIES, VEHICLE_CATEGORY_LABELS } from '@ecogate/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import { CONFIRMATION, type Confirmation, type DocumentRead, readsKey, REVIEWS_KEY, vehicleKey } from './api';
import { reasonOf } from './errors';
import { messages } from './messages';
import { type ConfirmValues, confirmationBody, confirmDefaults } from './read-view';

/** A person confirms a read left for them, correcting what the machine got wrong (audited by the service). */
export function ConfirmReadForm({ enterpriseId, read }: { enterpriseId: string; read: DocumentRead }) {
  const t = useMessages(messages);
  const { language } = useI18n();
  const lang = language === 'en' ? 'en' : 'zh';
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [form] = Form.useForm<ConfirmValues>();
  const [errors, setErrors] = useState<Partial<Record<'vin' | 'registrationDate', string>>>({});
  const confirm = useMutation({
    mutationFn: (body: Confirmation) =>
      unwrap(
        api.POST(CONFIRMATION, {
          params: { path: { enterpriseId, readId: read.id } },
          body,
        }),
      ),
    onSuccess: () => {
      void message.success(t('confirm.done'));
      for (const key of [
        readsKey(enterpriseId, read.plate),
        vehicleKey(enterpriseId, read.plate),
        [REVIEWS_KEY],
      ])
        void queries.invalidateQueries({ queryKey: key });
    },
  });
  const submit = (values: ConfirmValues) => {
    const checked = confirmationBody(values);
    if (!checked.ok) {
      setErrors(Object.fromEntries(Object.entries(checked.errors).map(([field, key]) => [field, t(key)])));
      return;
    }
    setErrors({});
    confirm.mutate(checked.body);
  };
  const licence = read.kind === 'driving-licence';
  return (
    <Form
      form={form}
      layout="inline"
      size="small"
      initialValues={confirmDefaults(read)}
      onFinish={submit}
      aria-label={t('confirm.title')}
      style={{ rowGap: 8 }}
    >
      <Form.Item
        name="vin"
        label={t('field.vin')}
        validateStatus={errors.vin ? 'error' : undefined}
        help={errors.vin}
      >
        <Input style={{ width: 200, fontFamily: 'monospace' }} maxLength={17} />
      </Form.Item>
      {licence ? (
        <>
          <Form.Item
            name="registrationDate"
            label={t('field.registrationDate')}
            validateStatus={errors.registrationDate ? 'error' : undefined}
            help={errors.registrationDate}
          >
            <Input style={{ width: 120 }} placeholder="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="category" label={t('confirm.category')}>
            <Select
              allowClear
              style={{ width: 150 }}
              options={VEHICLE_CATEGORIES.map((value) => ({
                value,
                label: VEHICLE_CATEGORY_LABELS[value][lang],
              }))}
            />
          </Form.Item>
          <Form.Item name="fuel" label={t('confirm.fuel')}>
            <Select
              allowClear
              style={{ width: 120 }}
              options={FUELS.map((value) => ({ value, label: FUEL_LABELS[value][lang] }))}
            />
          </Form.Item>
        </>
      ) : null}
      <Form.Item name="note" label={t('confirm.note')}>
        <Input style={{ width: 200 }} maxLength={500} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={confirm.isPending}>
          {t('confirm.submit')}
        </Button>
      </Form.Item>
      {confirm.isError ? (
        <Alert
          type="error"
          showIcon
          title={reasonOf(confirm.error)}
          style={{ width: '100%', marginTop: 8 }}
        />
      ) : null}
    </Form>
  );
}
