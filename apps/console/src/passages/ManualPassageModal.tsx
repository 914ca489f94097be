import { EMISSION_STAGE_LABELS, EMISSION_STAGES, PLATE_COLOURS } from '@ecogate/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import { PlateColourName } from '../shared/vehicle-tags';
import {
  MANUAL_ROUTE,
  type ManualPassageBody,
  manualPassageBody,
  newRequestId,
  type ManualPassageValues,
  type ManualProblem,
  plateProblem,
} from './manual-passage';
import { GateInput } from './GateInput';
import { messages } from './messages';
import { PASSAGES_KEY } from './types';

export { MANUAL_ROUTE } from './manual-passage';

type FormValues = Omit<ManualPassageValues, 'capturedAt'> & { readonly capturedAt?: Dayjs | null };

const FIELD_OF: Record<ManualProblem, keyof FormValues> = {
  gate: 'gateId',
  direction: 'direction',
  plate: 'plate',
  colour: 'colour',
  capturedAt: 'capturedAt',
  future: 'capturedAt',
  reason: 'reason',
  cargo: 'cargoName',
};

/**
 * 人工补录: a passage a failed camera did not record, entered by a gate's staff with a mandatory
 * reason. The ledger marks it manual and audits it; a retried submission returns the same passage.
 */
export function ManualPassageModal({
  enterpriseId,
  onClose,
  onEntered,
}: {
  enterpriseId: string;
  onClose: () => void;
  onEntered: (passageId: string) => void;
}) {
  const t = useMessages(messages);
  const { language } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  // One key per form: pressing 保存 again after a lost answer cannot enter the passage twice.
  const [requestId] = useState(() => newRequestId());
  const enter = useMutation({
    mutationFn: (body: ManualPassageBody) =>
      unwrap(api.POST(MANUAL_ROUTE, { params: { path: { enterpriseId } }, body })),
    onSuccess: (passage) => {
      void queries.invalidateQueries({ queryKey: [PASSAGES_KEY, enterpriseId] });
      void message.success(t('manual.saved'));
      onClose();
      onEntered(passage.id);
    },
  });
  const submit = (values: FormValues) => {
    const outcome = manualPassageBody(
      { ...values, capturedAt: values.capturedAt?.format('YYYY-MM-DDTHH:mm:ss') },
      requestId,
    );
    if ('problems' in outcome) {
      form.setFields(
        outcome.problems.map((problem) => ({
          name: FIELD_OF[problem],
          errors: [t(`manual.problem.${problem}`)],
        })),
      );
      return;
    }
    enter.mutate(outcome.body);
  };
  const required = (problem: ManualProblem) => ({ required: true, message: t(`manual.problem.${problem}`) });
  return (
    <Modal
      open
      title={t('manual.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={enter.isPending}
      width={640}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('manual.hint')} style={{ marginBottom: 16 }} />
      {enter.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            enter.error instanceof ApiError
              ? `${enter.error.reason} (${enter.error.code})`
              : String(enter.error)
          }
        />
      ) : null}
      <Form<FormValues>
        name="manual-passage"
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ direction: 'in' }}
      >
        <Form.Item
          name="capturedAt"
          label={`${t('manual.capturedAt')} (UTC+8)`}
          rules={[required('capturedAt')]}
        >
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="direction" label={t('filter.direction')} rules={[required('direction')]}>
          <Radio.Group
            options={[
              { value: 'in', label: t('direction.in') },
              { value: 'out', label: t('direction.out') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="gateId"
          label={t('filter.gate')}
          rules={[
            required('gate'),
            { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, message: t('manual.problem.gate') },
          ]}
        >
          <GateInput enterpriseId={enterpriseId} />
        </Form.Item>
        <Form.Item name="laneId" label={t('manual.lane')}>
          <Input />
        </Form.Item>
        <Form.Item
          name="plate"
          label={t('filter.plate')}
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const problem = plateProblem(value);
                if (problem === undefined) return Promise.resolve();
                return Promise.reject(
                  new Error(
                    problem === 'empty' ? t('plate.required') : t('plate.invalid', { reason: problem }),
                  ),
                );
              },
            },
          ]}
        >
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="colour" label={t('manual.plateColour')} rules={[required('colour')]}>
          <Select
            options={PLATE_COLOURS.map((colour) => ({
              value: colour,
              label: <PlateColourName colour={colour} />,
            }))}
          />
        </Form.Item>
        <Form.Item name="stage" label={t('filter.stage')}>
          <Select
            allowClear
            options={EMISSION_STAGES.map((stage) => ({
              value: stage,
              label: EMISSION_STAGE_LABELS[stage][language === 'en' ? 'en' : 'zh'],
            }))}
          />
        </Form.Item>
        <Form.Item name="cargoName" label={t('detail.cargo')}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="cargoTonnes" label={t('detail.tonnes')}>
          <InputNumber min={0} max={999.9} step={0.1} precision={1} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="fleet" label={t('detail.fleet')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('manual.reason')}
          rules={[{ required: true, whitespace: true, message: t('manual.reasonRequired') }]}
        >
          <Input.TextArea maxLength={200} showCount rows={2} />
        </Form.Item>
        <Form.Item name="note" label={t('manual.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
