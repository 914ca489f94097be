import {
  EMISSION_STAGE_LABELS,
  EMISSION_STAGES,
  EVIDENCE_SOURCE_LABELS,
  EVIDENCE_SOURCES,
  FUEL_LABELS,
  FUELS,
  NON_ROAD_MACHINERY_CATEGORIES,
  VEHICLE_CATEGORY_LABELS,
} from '@ecogate/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import {
  type Machine,
  type MachineProblem,
  type MachineUpsert,
  machineUpsert,
  type MachineValues,
  machineValuesOf,
  ONE_ROUTE,
} from './machinery-form';
import { messages } from './messages';

type FormValues = Omit<MachineValues, 'productionDate'> & { readonly productionDate?: Dayjs | null };

const FIELD: Record<MachineProblem, keyof FormValues | undefined> = {
  codeRequired: 'registrationCode',
  disclosureInvalid: 'disclosureNumber',
  stageSourceRequired: 'stageSource',
  needOne: undefined,
};

/** Add a machine to ledger C, or edit one (the registration code is its key). Audited by the ledger. */
export function MachineForm({
  enterpriseId,
  machine,
  onClose,
}: {
  enterpriseId: string;
  machine?: Machine;
  onClose: (saved?: Machine) => void;
}) {
  const t = useMessages(messages);
  const { language } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const initial = machineValuesOf(machine);
  const save = useMutation({
    mutationFn: ({ code, body }: { code: string; body: MachineUpsert }) =>
      unwrap(api.PUT(ONE_ROUTE, { params: { path: { enterpriseId, code } }, body })),
    onSuccess: (saved) => {
      void queries.invalidateQueries({ queryKey: ['machinery', enterpriseId] });
      void message.success(t('saved'));
      onClose(saved);
    },
  });
  const submit = (values: FormValues) => {
    const outcome = machineUpsert({ ...values, productionDate: values.productionDate?.format('YYYY-MM-DD') });
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
      title={machine ? `${t('edit')} · ${machine.registrationCode}` : t('add')}
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
        name="machine"
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          ...initial,
          productionDate: initial.productionDate ? dayjs(initial.productionDate) : null,
        }}
      >
        <Form.Item
          name="registrationCode"
          label={t('registrationCode')}
          rules={[{ required: true, whitespace: true, message: t('codeRequired') }]}
        >
          <Input maxLength={32} disabled={machine !== undefined} />
        </Form.Item>
        <Form.Item
          name="disclosureNumber"
          label={t('disclosureNumber')}
          extra={t('disclosureHint')}
          rules={[{ len: 24, message: t('disclosureInvalid') }]}
        >
          <Input maxLength={24} />
        </Form.Item>
        <Form.Item name="productionDate" label={t('productionDate')}>
          <DatePicker style={{ width: '100%' }} />
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
        <Form.Item name="machineCode" label={t('machineCode')}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="machineType" label={t('machineType')}>
          <Select
            allowClear
            options={NON_ROAD_MACHINERY_CATEGORIES.map((type) => ({
              value: type,
              label: VEHICLE_CATEGORY_LABELS[type][lang],
            }))}
          />
        </Form.Item>
        <Form.Item name="fuel" label={t('fuel')}>
          <Select
            allowClear
            options={FUELS.map((fuel) => ({ value: fuel, label: FUEL_LABELS[fuel][lang] }))}
          />
        </Form.Item>
        <Form.Item name="owner" label={t('owner')}>
          <Input maxLength={100} />
        </Form.Item>
        <Alert type="info" showIcon title={t('image.unsupported')} />
      </Form>
    </Modal>
  );
}
