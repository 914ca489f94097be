import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { formatInstant } from '../shared/time';
import { StageTag } from '../shared/vehicle-tags';
import { RESOLUTION, REVIEWS_KEY, type StageReview, vehicleKey } from './api';
import { reasonOf } from './errors';
import { messages } from './messages';

/** Each source's latest stage, side by side (文件 国V · 推断 国IV …). */
export function ReviewSources({ review }: { review: StageReview }) {
  return (
    <Space wrap size={4}>
      {review.sources.map((piece) => (
        <StageTag key={piece.source} stage={piece.stage} source={piece.source} />
      ))}
    </Space>
  );
}

/** A note is required: the resolution is audited and kept with the review. */
export function ResolveReviewButton({ enterpriseId, plate }: { enterpriseId: string; plate: string }) {
  const t = useMessages(messages);
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const resolve = useMutation({
    mutationFn: (note: string) =>
      unwrap(api.POST(RESOLUTION, { params: { path: { enterpriseId, plate } }, body: { note } })),
    onSuccess: () => {
      void message.success(t('review.resolved'));
      setOpen(false);
      form.resetFields();
      void queries.invalidateQueries({ queryKey: vehicleKey(enterpriseId, plate) });
      void queries.invalidateQueries({ queryKey: [REVIEWS_KEY] });
    },
  });
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t('review.resolve')}
      </Button>
      <Modal
        open={open}
        title={`${t('review.resolve')} · ${plate}`}
        okText={t('review.resolve')}
        confirmLoading={resolve.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={({ note }) => resolve.mutate(note.trim())}>
          <Form.Item
            name="note"
            label={t('review.note')}
            rules={[{ required: true, whitespace: true, message: t('review.noteRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
        {resolve.isError ? <Alert type="error" showIcon title={reasonOf(resolve.error)} /> : null}
      </Modal>
    </>
  );
}

/** The vehicle's stage disagreement: each source's stage and, for who may, the resolution. */
export function StageReviewAlert({ enterpriseId, review }: { enterpriseId: string; review: StageReview }) {
  const t = useMessages(messages);
  const account = useAccount();
  const canResolve = allows(account.role, 'POST', RESOLUTION);
  const resolved = review.state === 'resolved';
  return (
    <Alert
      type={resolved ? 'success' : 'warning'}
      showIcon
      title={t(resolved ? 'review.resolvedTitle' : 'review.title')}
      description={
        <Space orientation="vertical" size={4}>
          <ReviewSources review={review} />
          <Typography.Text type="secondary">
            {resolved
              ? t('review.resolvedBy', {
                  by: review.resolvedBy ?? '—',
                  at: review.resolvedAt ? formatInstant(review.resolvedAt) : '—',
                  note: review.note ?? '—',
                })
              : t('review.flaggedAt', { at: formatInstant(review.flaggedAt) })}
          </Typography.Text>
        </Space>
      }
      action={
        !resolved && canResolve ? (
          <ResolveReviewButton enterpriseId={enterpriseId} plate={review.plate} />
        ) : undefined
      }
    />
  );
}
