import {
  EMISSION_STAGE_LABELS,
  EMISSION_STAGES,
  EVIDENCE_SOURCE_LABELS,
  EVIDENCE_SOURCES,
} from '@ecogate/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import {
  type InPlantProblem,
  type InPlantUpsert,
  inPlantUpsert,
  type InPlantValues,
  inPlantValuesOf,
  type InPlantVehicle,
  ONE_ROUTE,
} from './in-plant-form';
import { messages } from './messages';

type FormValues = Omit<InPlantValues, 'registrationDate'> & { readonly registrationDate?: Dayjs | null };

const FIELD: Record<InPlantProblem, keyof FormValues | undefined> = {
  numberRequired: 'number',
  vinInvalid: 'vin',
  stageSourceRequired: 'stageSource',
  needOne: undefined,
};

/** Add a vehicle to ledger B, or edit one (the number is its key and stays). Audited by the ledger. */
export function InPlantForm({
  enterpriseId,
  vehicle,
  onClose,
}: {
  enterpriseId: string;
  vehicle?: InPlantVehicle;
  onClose: (saved?: InPlantVehicle) => void;
}) {
  const t = useMessages(messages);
  const { language } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const initial = inPlantValuesOf(vehicle);
  const save = useMutation({
    mutationFn: ({ number, body }: { number: string; body: InPlantUpsert }) =>
      unwrap(api.PUT(ONE_ROUTE, { params: { path: { enterpriseId, number } }, body })),
    onSuccess: (saved) => {
      void queries.invalidateQueries({ queryKey: ['in-plant', enterpriseId] });
      void message.success(t('saved'));
      onClose(saved);
    },
  });
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (values: FormValues) => {
    const outcome = inPlantUpsert({
      ...values,
      registrationDate: values.registrationDate?.format('YYYY-MM-DD'),
    });
    setProblem(null);
    if ('problems' in outcome) {
      for (const found of outcome.problems) {
        const name = FIELD[found];
        if (name) form.setFields([{ name, errors: [t(found)] }]);
        else setProblem(t(found));
      }
      return;
    }
    save.mutate(outcome);
  };
  const lang = language === 'en' ? 'en' : 'zh';
  return (
    <Modal
      open
      title={vehicle ? `${t('edit')} · ${vehicle.number}` : t('add')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {problem ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={problem} /> : null}
      {save.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            save.error instanceof ApiError ? `${save.error.reason} (${save.error.code})` : String(save.error)
          }
        />
      ) : null}
      <Form<FormValues>
        name="in-plant-vehicle"
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          ...initial,
          registrationDate: initial.registrationDate ? dayjs(initial.registrationDate) : null,
        }}
      >
        <Form.Item
          name="number"
          label={t('number')}
          rules={[{ required: true, whitespace: true, message: t('numberRequired') }]}
        >
          <Input maxLength={32} disabled={vehicle !== undefined} />
        </Form.Item>
        <Form.Item name="registrationDate" label={t('registrationDate')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="vin"
          label={t('vin')}
          normalize={(value: string) => value.toUpperCase()}
          rules={[{ pattern: /^[A-HJ-NPR-Z0-9]{17}$/, message: t('vinInvalid') }]}
        >
          <Input maxLength={17} />
        </Form.Item>
        <Form.Item name="engineNo" label={t('engineNo')}>
          <Input maxLength={32} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="stage" label={t('stage')} style={{ flex: 1 }}>
            <Select
              allowClear
              options={EMISSION_STAGES.map((stage) => ({
                value: stage,
                label: EMISSION_STAGE_LABELS[stage][lang],
              }))}
            />
          </Form.Item>
          <Form.Item name="stageSource" label={t('stageSource')} style={{ flex: 1 }}>
            <Select
              options={EVIDENCE_SOURCES.map((source) => ({
                value: source,
                label: EVIDENCE_SOURCE_LABELS[source][lang],
              }))}
            />
          </Form.Item>
        </Space.Compact>
        <Alert type="info" showIcon title={t('doc.unsupported')} />
      </Form>
    </Modal>
  );
}
