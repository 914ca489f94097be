import { Badge, Card, Descriptions, Empty, Space, Typography } from 'antd';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import { formatInstant } from '../shared/time';
import { PlateChip, StageTag, VerdictTag } from '../shared/vehicle-tags';
import { DecisionPhoto } from './DecisionPhoto';
import { barrierState, type LaneView } from './live-state';
import { ManualAction } from './ManualAction';
import { messages } from './messages';

const BARRIER_BADGE = { open: 'success', closed: 'default', failed: 'error', unknown: 'default' } as const;

/** One lane as the gatekeeper watches it: the last vehicle, the verdict and why, the barrier. */
export function LaneCard({
  enterpriseId,
  lane,
  canAct,
}: {
  enterpriseId: string;
  lane: LaneView;
  canAct: boolean;
}) {
  const t = useMessages(messages);
  const { language } = useI18n();
  const decision = lane.lastDecision;
  const barrier = barrierState(lane);
  return (
    <Card
      size="small"
      data-testid={`lane-${lane.laneId}`}
      title={
        <Space>
          <span>{t('lane', { lane: lane.laneId })}</span>
          <Typography.Text type="secondary">{t('gate', { gate: lane.gateId })}</Typography.Text>
        </Space>
      }
      extra={<Badge status={BARRIER_BADGE[barrier]} text={t(`barrier.${barrier}`)} />}
      actions={
        canAct
          ? [
              <ManualAction
                key="release"
                enterpriseId={enterpriseId}
                laneId={lane.laneId}
                action="release"
              />,
              <ManualAction key="refuse" enterpriseId={enterpriseId} laneId={lane.laneId} action="refuse" />,
            ]
          : undefined
      }
    >
      {decision ? (
        <Space orientation="vertical" style={{ width: '100%' }} size={8}>
          <DecisionPhoto
            key={decision.decisionId}
            enterpriseId={enterpriseId}
            decisionId={decision.decisionId}
          />
          <Space wrap>
            <PlateChip text={decision.plate.text} colour={decision.plate.colour} />
            <StageTag stage={decision.stage?.stage} source={decision.stage?.source} />
            <VerdictTag verdict={decision.verdict} />
          </Space>
          <Typography.Text data-testid="decision-message">
            {language === 'en' ? decision.message.en : decision.message.zh}
          </Typography.Text>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('capturedAt')}>
              {formatInstant(decision.capturedAt)}
            </Descriptions.Item>
            {decision.operator ? (
              <Descriptions.Item label="">
                {t('manual.by', { who: decision.operator.id, reason: decision.operator.reason })}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Space>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('waiting')} />
      )}
    </Card>
  );
}
