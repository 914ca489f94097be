import { Badge, Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { formatInstant } from '../shared/time';
import { PlateChip, VerdictTag } from '../shared/vehicle-tags';
import { LaneCard } from './LaneCard';
import { type LiveMessage } from './live-state';
import { messages } from './messages';
import { type StreamStatus, useLiveLanes } from './use-live-lanes';

const STREAM_BADGE: Record<StreamStatus, 'processing' | 'success' | 'warning' | 'error'> = {
  connecting: 'processing',
  open: 'success',
  reconnecting: 'warning',
  ended: 'error',
};
const CAMERA_COLOUR = { online: 'green', recovered: 'green', offline: 'red', tampered: 'orange' } as const;

function FeedLine({ message }: { message: LiveMessage }) {
  const t = useMessages(messages);
  switch (message.event) {
    case 'decision':
      return (
        <Space wrap size={4}>
          <Tag>{t('feed.decision')}</Tag>
          <PlateChip text={message.data.plate.text} colour={message.data.plate.colour} />
          <VerdictTag verdict={message.data.verdict} />
          <Typography.Text type="secondary">{formatInstant(message.data.decidedAt)}</Typography.Text>
        </Space>
      );
    case 'barrier':
      return (
        <Space wrap size={4}>
          <Tag>{t('feed.barrier')}</Tag>
          <span>
            {message.data.lane.laneId} · {message.data.action} · {message.data.outcome}
          </span>
          <Typography.Text type="secondary">{formatInstant(message.data.at)}</Typography.Text>
        </Space>
      );
    case 'camera':
      return (
        <Space wrap size={4}>
          <Tag>{t('feed.camera')}</Tag>
          <span>
            {message.data.cameraId} · {t(`camera.${message.data.status}`)}
          </span>
          <Typography.Text type="secondary">{formatInstant(message.data.at)}</Typography.Text>
        </Space>
      );
  }
}

/** 实时车道: every lane's vehicles as they are decided, pushed by the gateway, with manual control. */
export default function LiveLanesPage() {
  const t = useMessages(messages);
  const { enterpriseId = '' } = useParams();
  const account = useAccount();
  const { state, status } = useLiveLanes(enterpriseId);
  const canAct = allows(
    account.role,
    'POST',
    '/api/barrier-control/v1/enterprises/{enterpriseId}/lanes/{laneId}/manual',
  );
  const lanes = [...state.lanes.values()].sort((a, b) => a.laneId.localeCompare(b.laneId));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Badge status={STREAM_BADGE[status]} text={t(`stream.${status}`)} data-testid="stream-status" />
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          {lanes.length === 0 ? (
            <Card>
              <Empty description={t('waiting')} />
            </Card>
          ) : (
            <Row gutter={[16, 16]}>
              {lanes.map((lane) => (
                <Col key={lane.laneId} xs={24} md={12} xxl={8}>
                  <LaneCard enterpriseId={enterpriseId} lane={lane} canAct={canAct} />
                </Col>
              ))}
            </Row>
          )}
        </Col>
        <Col xs={24} xl={7}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('cameras')}>
              {state.cameras.size === 0 ? (
                <Typography.Text type="secondary">{t('cameras.none')}</Typography.Text>
              ) : (
                [...state.cameras.values()].map((camera) => (
                  <div key={camera.cameraId}>
                    <Tag color={CAMERA_COLOUR[camera.status]}>{t(`camera.${camera.status}`)}</Tag>
                    {camera.cameraId}
                    {camera.reason ? (
                      <Typography.Text type="secondary"> · {camera.reason}</Typography.Text>
                    ) : null}
                  </div>
                ))
              )}
            </Card>
            <Card size="small" title={t('feed')}>
              <List
                size="small"
                dataSource={[...state.feed]}
                locale={{ emptyText: t('waiting') }}
                renderItem={(message) => (
                  <List.Item key={message.id}>
                    <FeedLine message={message} />
                  </List.Item>
                )}
              />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
