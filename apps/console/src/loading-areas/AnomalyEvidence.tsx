import { Alert, Descriptions, Drawer, Flex, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { formatInstant } from '../shared/time';
import { PlateChip } from '../shared/vehicle-tags';
import { HlsPlayer, PLAYLIST } from '../video/HlsPlayer';
import { type Anomaly, clipWindow, refusalsLink } from './loading-areas';
import { messages } from './messages';
import { SightingPhoto } from './SightingPhoto';

export const KIND_COLOUR: Record<Anomaly['kind'], string> = {
  'seen-without-entry': 'red',
  'refused-seen-inside': 'magenta',
  'below-minimum-stage-during-alert': 'volcano',
  'entry-without-exit': 'orange',
  'exit-without-entry': 'gold',
};

/**
 * What an anomaly rests on: the loading-area frame and plate crop, the passages and refusals (or
 * their absence) it was judged from, the Beijing day the search started, and the camera's video
 * around the sighting from the archive.
 */
export function AnomalyEvidence({
  enterpriseId,
  anomaly,
  onClose,
}: {
  enterpriseId: string;
  anomaly: Anomaly;
  onClose: () => void;
}) {
  const t = useMessages(messages);
  const account = useAccount();
  const { evidence } = anomaly;
  const clip = evidence.clip;
  return (
    <Drawer open onClose={onClose} size={760} title={t('evidence.title')} destroyOnHidden>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('kind')}>
            <Tag color={KIND_COLOUR[anomaly.kind]}>{t(`kind.${anomaly.kind}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('plate')}>
            {/* The anomaly keeps the plate's text; its colour is the sighting's, on the sightings page. */}
            <PlateChip text={anomaly.plate} colour="unknown" />
          </Descriptions.Item>
          <Descriptions.Item label={t('time')}>{formatInstant(anomaly.at)}</Descriptions.Item>
          <Descriptions.Item label={t('reason')}>{anomaly.reason}</Descriptions.Item>
          <Descriptions.Item label={t('detectedAt')}>{formatInstant(anomaly.detectedAt)}</Descriptions.Item>
          {evidence.cameraId ? (
            <Descriptions.Item label={t('camera')}>{evidence.cameraId}</Descriptions.Item>
          ) : null}
          {evidence.searchedFrom ? (
            <Descriptions.Item label={t('evidence.searchedFrom')}>{evidence.searchedFrom}</Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('evidence.passages')}>
            {evidence.passageIds.length === 0 ? (
              <Typography.Text type="secondary">{t('evidence.noPassage')}</Typography.Text>
            ) : (
              <Flex vertical gap={4}>
                {evidence.passageIds.map((id) => (
                  <Link
                    key={id}
                    to={`/e/${encodeURIComponent(enterpriseId)}/passages/${encodeURIComponent(id)}`}
                  >
                    {id}
                  </Link>
                ))}
              </Flex>
            )}
          </Descriptions.Item>
          {evidence.refusalIds.length > 0 ? (
            <Descriptions.Item label={t('evidence.refusals')}>
              <Link to={refusalsLink(enterpriseId, anomaly)}>
                {t('evidence.refusalsLink', { count: evidence.refusalIds.length })}
              </Link>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        {evidence.sightingId ? (
          <Flex gap={16} wrap align="start">
            <Space orientation="vertical" size={4}>
              <Typography.Text type="secondary">{t('frame')}</Typography.Text>
              <SightingPhoto
                enterpriseId={enterpriseId}
                sightingId={evidence.sightingId}
                kind="scene"
                width={360}
                alt={`${anomaly.plate} ${t('frame')}`}
              />
            </Space>
            <Space orientation="vertical" size={4}>
              <Typography.Text type="secondary">{t('crop')}</Typography.Text>
              <SightingPhoto
                enterpriseId={enterpriseId}
                sightingId={evidence.sightingId}
                kind="plate"
                width={160}
                alt={`${anomaly.plate} ${t('crop')}`}
              />
            </Space>
          </Flex>
        ) : null}
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('evidence.clip')}
        </Typography.Title>
        {!clip ? (
          <Alert type="info" showIcon title={t('evidence.noClip')} />
        ) : !allows(account.role, 'GET', PLAYLIST) ? (
          <Alert type="warning" showIcon title={t('evidence.clipNotAllowed')} />
        ) : (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {clip.cameraId} ·{' '}
              {t('evidence.window', { from: formatInstant(clip.from), to: formatInstant(clip.to) })}
            </Typography.Text>
            <HlsPlayer enterpriseId={enterpriseId} cameraId={clip.cameraId} window={clipWindow(clip)} />
          </Space>
        )}
      </Space>
    </Drawer>
  );
}
