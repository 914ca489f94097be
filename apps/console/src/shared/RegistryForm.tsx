import {
  EMISSION_STAGE_LABELS,
  EMISSION_STAGES,
  EVIDENCE_SOURCE_LABELS,
  EVIDENCE_SOURCES,
} from '@ecogate/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal, Select, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** The words a registry form takes from its feature's messages, besides its problems. */
export type RegistryFormWord = 'saved' | 'stage' | 'stageSource';

/**
 * The add/edit modal of a registry ledger (厂内车辆 B, 非道路移动机械 C): runs the domain's check
 * first (a problem goes under its field, or above the form), then saves and shows the service's
 * refusal with its reason. Each ledger gives only its fields.
 */
export function RegistryForm<V extends object, P extends string, Body, Saved>({
  t,
  title,
  name,
  initialValues,
  fieldOf,
  check,
  save: send,
  invalidates,
  onClose,
  children,
}: {
  t: (key: P | RegistryFormWord) => string;
  title: string;
  /** The form's name (its fields' ids). */
  name: string;
  initialValues: V;
  /** The field each problem of the check belongs under; none: above the form. */
  fieldOf: Record<P, keyof V | undefined>;
  check: (values: V) => { readonly problems: readonly P[] } | Body;
  save: (body: Body) => Promise<Saved>;
  /** The queries a save makes stale. */
  invalidates: readonly unknown[];
  onClose: (saved?: Saved) => void;
  children: ReactNode;
}) {
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [form] = Form.useForm<V>();
  const save = useMutation({
    mutationFn: send,
    onSuccess: (saved) => {
      void queries.invalidateQueries({ queryKey: invalidates });
      void message.success(t('saved'));
      onClose(saved);
    },
  });
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (values: V) => {
    const outcome = check(values);
    setProblem(null);
    if (typeof outcome === 'object' && outcome !== null && 'problems' in outcome) {
      for (const found of outcome.problems) {
        const field = fieldOf[found];
        if (field) form.setFields([{ name: field as never, errors: [t(found)] }]);
        else setProblem(t(found));
      }
      return;
    }
    save.mutate(outcome as Body);
  };
  return (
    <Modal
      open
      title={title}
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
      <Form<V> name={name} form={form} layout="vertical" onFinish={submit} initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}

/** The emission stage and the evidence it rests on, side by side. */
export function StageFields({ t }: { t: (key: RegistryFormWord) => string }) {
  const { language } = useI18n();
  const lang = language === 'en' ? 'en' : 'zh';
  return (
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
  );
}
