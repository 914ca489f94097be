import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  ALERT_LEVEL_LABELS,
  ALERT_LEVELS,
  EMISSION_STAGE_LABELS,
  EMISSION_STAGES,
  EXEMPTION_KIND_LABELS,
  FUEL_LABELS,
  FUELS,
  LANE_MODE_LABELS,
  LANE_MODES,
  type PlanError,
  VEHICLE_CATEGORIES,
  VEHICLE_CATEGORY_LABELS,
  VEHICLE_DESIGNATIONS,
} from '@ecogate/domain';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Tabs } from 'antd';
import { type ReactNode } from 'react';
import { type ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import { messages, useLocalised } from './messages';
import { type PlanDraft } from './plan-draft';

// The same pattern as the plan's ids on the wire (libs/contracts' emergency-plan schema).
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * The plan's form: each level's unknown-stage rule, stage requirements and lane modes, then the
 * exemptions. It hands the whole draft to `onSubmit`; the page runs the domain's validation on it
 * and shows `problems` (the domain's) or `refusal` (the service's) here.
 */
export function PlanEditor({
  initial,
  problems,
  refusal,
  saving,
  onSubmit,
  onCancel,
}: {
  initial: PlanDraft;
  problems: readonly PlanError[];
  refusal: ApiError | null;
  saving: boolean;
  onSubmit: (draft: PlanDraft) => void;
  onCancel: () => void;
}) {
  const t = useMessages(messages);
  const { t: common } = useI18n();
  const L = useLocalised();
  const [form] = Form.useForm<PlanDraft>();
  const required = { required: true, whitespace: true, message: t('plan.required') };
  const idRules = [required, { pattern: ID, message: t('plan.idPattern') }];
  const options = <K extends string>(keys: readonly K[], labels: Record<K, { zh: string; en: string }>) =>
    keys.map((value) => ({ value, label: L(labels[value]) }));
  const remove = (onClick: () => void): ReactNode => (
    <Button type="text" danger icon={<DeleteOutlined />} onClick={onClick} aria-label={t('plan.remove')} />
  );

  return (
    <Form<PlanDraft>
      form={form}
      layout="vertical"
      initialValues={initial}
      // Every tab's fields, mounted or not: the store holds the whole plan.
      onFinish={() => onSubmit(form.getFieldsValue(true))}
    >
      <Tabs
        items={ALERT_LEVELS.map((level) => ({
          key: level,
          label: L(ALERT_LEVEL_LABELS[level]),
          children: (
            <>
              <Form.Item
                name={['levels', level, 'unknownStage']}
                label={t('plan.unknownStage')}
                rules={[{ required: true, message: t('plan.required') }]}
              >
                <Radio.Group
                  aria-label={`${L(ALERT_LEVEL_LABELS[level])} ${t('plan.unknownStage')}`}
                  options={(['allow', 'deny', 'needs-review'] as const).map((rule) => ({
                    value: rule,
                    label: t(`rule.${rule}`),
                  }))}
                />
              </Form.Item>
              <Form.List name={['levels', level, 'requirements']}>
                {(fields, { add, remove: drop }) => (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    {fields.map((field) => (
                      <Card
                        key={field.key}
                        size="small"
                        title={`${t('plan.requirements')} ${field.name + 1}`}
                        extra={remove(() => drop(field.name))}
                      >
                        <Row gutter={12}>
                          <Col span={8}>
                            <Form.Item
                              name={[field.name, 'id']}
                              label={t('plan.requirementId')}
                              rules={idRules}
                            >
                              <Input />
                            </Form.Item>
                          </Col>
                          <Col span={8}>
                            <Form.Item
                              name={[field.name, 'minimum']}
                              label={t('plan.minimum')}
                              rules={[{ required: true, message: t('plan.required') }]}
                            >
                              <Select options={options(EMISSION_STAGES, EMISSION_STAGE_LABELS)} />
                            </Form.Item>
                          </Col>
                          <Col span={8}>
                            <Form.Item
                              name={[field.name, 'fuels']}
                              label={t('plan.fuels')}
                              tooltip={t('plan.anyHelp')}
                            >
                              <Select
                                mode="multiple"
                                allowClear
                                placeholder={t('plan.any')}
                                options={options(FUELS, FUEL_LABELS)}
                              />
                            </Form.Item>
                          </Col>
                          <Col span={24}>
                            <Form.Item
                              name={[field.name, 'categories']}
                              label={t('plan.categories')}
                              tooltip={t('plan.anyHelp')}
                            >
                              <Select
                                mode="multiple"
                                allowClear
                                placeholder={t('plan.any')}
                                options={options(VEHICLE_CATEGORIES, VEHICLE_CATEGORY_LABELS)}
                              />
                            </Form.Item>
                          </Col>
                          <Col span={12}>
                            <Form.Item
                              name={[field.name, 'labelZh']}
                              label={t('plan.labelZh')}
                              rules={[required]}
                            >
                              <Input maxLength={200} />
                            </Form.Item>
                          </Col>
                          <Col span={12}>
                            <Form.Item
                              name={[field.name, 'labelEn']}
                              label={t('plan.labelEn')}
                              rules={[required]}
                            >
                              <Input maxLength={200} />
                            </Form.Item>
                          </Col>
                        </Row>
                      </Card>
                    ))}
                    <Button
                      icon={<PlusOutlined />}
                      onClick={() =>
                        add({ id: '', categories: [], fuels: [], minimum: 'V', labelZh: '', labelEn: '' })
                      }
                    >
                      {t('plan.addRequirement')}
                    </Button>
                  </Space>
                )}
              </Form.List>
              <Form.List name={['levels', level, 'laneModes']}>
                {(fields, { add, remove: drop }) => (
                  <Form.Item label={t('plan.laneModes')} style={{ marginTop: 16 }}>
                    {fields.map((field) => (
                      <Space key={field.key} align="baseline">
                        <Form.Item name={[field.name, 'lane']} rules={idRules}>
                          <Input placeholder={t('plan.lane')} aria-label={t('plan.lane')} />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'mode']}
                          rules={[{ required: true, message: t('plan.required') }]}
                        >
                          <Select
                            style={{ width: 180 }}
                            aria-label={t('plan.mode')}
                            options={options(LANE_MODES, LANE_MODE_LABELS)}
                          />
                        </Form.Item>
                        {remove(() => drop(field.name))}
                      </Space>
                    ))}
                    <Button icon={<PlusOutlined />} onClick={() => add({ lane: '', mode: 'auto' })}>
                      {t('plan.addLaneMode')}
                    </Button>
                  </Form.Item>
                )}
              </Form.List>
            </>
          ),
        }))}
      />
      <Form.List name="exemptions">
        {(fields, { add, remove: drop }) => (
          <Card size="small" title={t('plan.exemptions')} style={{ marginTop: 16 }}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((field) => (
                <Card key={field.key} size="small" extra={remove(() => drop(field.name))}>
                  <Row gutter={12}>
                    <Col span={6}>
                      <Form.Item name={[field.name, 'id']} label={t('plan.requirementId')} rules={idRules}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item
                        name={[field.name, 'kind']}
                        label={t('plan.exemptionKind')}
                        rules={[required]}
                      >
                        <Select
                          options={options(
                            [...VEHICLE_DESIGNATIONS, 'plate'] as const,
                            EXEMPTION_KIND_LABELS,
                          )}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item
                        name={[field.name, 'window']}
                        label={t('plan.window')}
                        rules={[{ required: true, message: t('plan.required') }]}
                      >
                        <DatePicker.RangePicker showTime style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item
                        name={[field.name, 'levels']}
                        label={t('plan.levels')}
                        tooltip={t('plan.anyHelp')}
                      >
                        <Select
                          mode="multiple"
                          allowClear
                          placeholder={t('plan.allLevels')}
                          options={options(ALERT_LEVELS, ALERT_LEVEL_LABELS)}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item
                        name={[field.name, 'approvedBy']}
                        label={t('plan.approvedBy')}
                        rules={[required]}
                      >
                        <Input maxLength={200} />
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item name={[field.name, 'reference']} label={t('plan.referenceNo')}>
                        <Input maxLength={200} />
                      </Form.Item>
                    </Col>
                    <Col span={24}>
                      <Form.Item name={[field.name, 'plates']} label={t('plan.plates')}>
                        <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ id: '', kind: 'plate', levels: [], approvedBy: '', plates: [] })}
              >
                {t('plan.addExemption')}
              </Button>
            </Space>
          </Card>
        )}
      </Form.List>
      {problems.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          title={t('plan.invalid')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }} aria-label={t('plan.invalid')}>
              {problems.map((problem, index) => (
                <li key={index}>
                  {t(`problem.${problem.code}`)}（{problem.reason}）
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      {refusal ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          title={t('plan.refused')}
          description={`${refusal.reason} (${refusal.code})`}
        />
      ) : null}
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('plan.save')}
        </Button>
        <Button onClick={onCancel}>{common('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
