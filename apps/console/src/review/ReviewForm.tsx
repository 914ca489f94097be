import { EMISSION_STAGE_LABELS, EMISSION_STAGES, PLATE_COLOURS } from '@ecogate/domain';
import { Button, Form, Input, Popconfirm, Select, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import { PlateColourName } from '../shared/vehicle-tags';
import { messages } from './messages';
import {
  checkPlate,
  isCorrection,
  type ResolutionBody,
  resolutionBody,
  type ReviewValues,
} from './review-form';
import { type ReviewItem } from './types';

/**
 * Confirm or correct one item: the plate (checked by the domain's `parsePlate`), its colour, and
 * optionally the stage, on the revision shown. Submitting asks once more (it is audited and the
 * corrected record is reported to the platform again).
 */
export function ReviewForm({
  item,
  submitting,
  onSubmit,
}: {
  item: ReviewItem;
  submitting: boolean;
  onSubmit: (body: ResolutionBody) => void;
}) {
  const t = useMessages(messages);
  const { language } = useI18n();
  const [form] = Form.useForm<ReviewValues>();
  const values = Form.useWatch([], form) as ReviewValues | undefined;
  const [pending, setPending] = useState<ResolutionBody | null>(null);
  const correction = values ? isCorrection(values, item) : false;
  const check = () =>
    form
      .validateFields()
      .then((current) => {
        const outcome = resolutionBody(current, item.revision);
        if ('body' in outcome) setPending(outcome.body);
      })
      .catch(() => setPending(null));
  return (
    <Form<ReviewValues>
      name={`review-${item.id}`}
      form={form}
      layout="vertical"
      initialValues={{
        plate: item.plate,
        colour: PLATE_COLOURS.find((colour) => colour === item.plateColour),
        stage: null,
        note: '',
      }}
      aria-label={`review ${item.plate}`}
    >
      <Space wrap align="start">
        <Form.Item
          name="plate"
          label={t('form.plate')}
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const plate = checkPlate(value);
                if ('text' in plate) return Promise.resolve();
                return Promise.reject(
                  new Error(
                    plate.reason === 'empty'
                      ? t('form.plateRequired')
                      : t('form.plateInvalid', { reason: plate.reason }),
                  ),
                );
              },
            },
          ]}
        >
          <Input style={{ width: 150 }} maxLength={32} />
        </Form.Item>
        <Form.Item name="colour" label={t('form.colour')}>
          <Select
            style={{ width: 120 }}
            options={PLATE_COLOURS.map((colour) => ({
              value: colour,
              label: <PlateColourName colour={colour} />,
            }))}
          />
        </Form.Item>
        <Form.Item name="stage" label={t('form.stage')} tooltip={t('form.stageHint')}>
          <Select
            allowClear
            style={{ width: 130 }}
            placeholder={t('form.stageHint')}
            options={EMISSION_STAGES.map((stage) => ({
              value: stage,
              label: EMISSION_STAGE_LABELS[stage][language === 'en' ? 'en' : 'zh'],
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('form.note')}>
          <Input style={{ width: 220 }} maxLength={500} />
        </Form.Item>
      </Space>
      <Popconfirm
        open={pending !== null}
        title={t('form.confirmTitle')}
        description={t('form.confirmBody', {
          plate: pending?.plate ?? '',
          revision: item.revision,
        })}
        onConfirm={() => {
          if (pending) onSubmit(pending);
          setPending(null);
        }}
        onCancel={() => setPending(null)}
      >
        <Button type={correction ? 'primary' : 'default'} loading={submitting} onClick={() => void check()}>
          {correction ? t('form.correct') : t('form.confirm')}
        </Button>
      </Popconfirm>
    </Form>
  );
}
