import {
  ALERT_LEVEL_LABELS,
  ALERT_LEVELS,
  EMISSION_STAGE_LABELS,
  type EmergencyPlan,
  EXEMPTION_KIND_LABELS,
  FUEL_LABELS,
  LANE_MODE_LABELS,
  type StageRequirement,
  VEHICLE_CATEGORY_LABELS,
} from '@ecogate/domain';
import { Descriptions, Empty, Table, Tabs, Tag, Typography } from 'antd';
import { useMessages } from '../i18n/messages';
import { formatInstant } from '../shared/time';
import { messages, useLocalised } from './messages';

/** The plan as filed, level by level, then its exemptions: what an inspector compares with the gate. */
export function PlanDetails({ plan }: { plan: EmergencyPlan }) {
  const t = useMessages(messages);
  const L = useLocalised();
  const list = (values: readonly string[] | 'any', labels: Record<string, { zh: string; en: string }>) =>
    values === 'any' ? t('plan.any') : values.map((v) => (labels[v] ? L(labels[v]) : v)).join('、');
  return (
    <>
      <Tabs
        items={ALERT_LEVELS.map((level) => {
          const policy = plan.levels[level];
          const lanes = Object.entries(policy.laneModes ?? {});
          return {
            key: level,
            label: L(ALERT_LEVEL_LABELS[level]),
            children: (
              <>
                <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
                  <Descriptions.Item label={t('plan.unknownStage')}>
                    {t(`rule.${policy.unknownStage}`)}
                  </Descriptions.Item>
                  {lanes.length > 0 ? (
                    <Descriptions.Item label={t('plan.laneModes')}>
                      {lanes.map(([lane, mode]) => (
                        <Tag key={lane}>
                          {lane}: {L(LANE_MODE_LABELS[mode])}
                        </Tag>
                      ))}
                    </Descriptions.Item>
                  ) : null}
                </Descriptions>
                <Table<StageRequirement>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={[...policy.requirements]}
                  locale={{ emptyText: <Empty description={t('plan.noRequirements')} /> }}
                  columns={[
                    { title: t('plan.requirementId'), dataIndex: 'id' },
                    { title: t('plan.labelZh'), render: (_, r) => L(r.label) },
                    {
                      title: t('plan.categories'),
                      render: (_, r) => list(r.categories, VEHICLE_CATEGORY_LABELS),
                    },
                    { title: t('plan.fuels'), render: (_, r) => list(r.fuels, FUEL_LABELS) },
                    { title: t('plan.minimum'), render: (_, r) => L(EMISSION_STAGE_LABELS[r.minimum]) },
                  ]}
                />
              </>
            ),
          };
        })}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('plan.exemptions')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={[...plan.exemptions]}
        locale={{ emptyText: <Empty description={t('plan.noExemptions')} /> }}
        columns={[
          { title: t('plan.requirementId'), dataIndex: 'id' },
          { title: t('plan.exemptionKind'), render: (_, e) => L(EXEMPTION_KIND_LABELS[e.kind]) },
          {
            title: t('plan.window'),
            render: (_, e) => `${formatInstant(e.from)} – ${formatInstant(e.until)}`,
          },
          {
            title: t('plan.levels'),
            render: (_, e) =>
              e.levels === 'all'
                ? t('plan.allLevels')
                : e.levels.map((l) => L(ALERT_LEVEL_LABELS[l])).join('、'),
          },
          { title: t('plan.plates'), render: (_, e) => (e.plates ?? []).join('、') || '—' },
          { title: t('plan.approvedBy'), dataIndex: 'approvedBy' },
          { title: t('plan.referenceNo'), render: (_, e) => e.reference ?? '—' },
        ]}
      />
    </>
  );
}
