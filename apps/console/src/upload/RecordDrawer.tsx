import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, List, Tag, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import { Loadable } from '../shared/Loadable';
import { formatInstant } from '../shared/time';
import { PlateChip, StageTag } from '../shared/vehicle-tags';
import { messages } from './messages';
import { RECORD, STATE_COLOUR } from './upload-data';

const json = (value: unknown) => (
  <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
    {JSON.stringify(value)}
  </Typography.Text>
);

/** One delivery record: the passage it carries, the corrections in force, who re-pushed it and why. */
export function RecordDrawer({
  enterpriseId,
  serial,
  onClose,
}: {
  enterpriseId: string;
  serial: string;
  onClose: () => void;
}) {
  const t = useMessages(messages);
  const { t: common } = useI18n();
  const record = useQuery({
    queryKey: ['upload', enterpriseId, 'record', serial],
    queryFn: () => unwrap(api.GET(RECORD, { params: { path: { enterpriseId, serial } } })),
  });
  return (
    <Drawer open size="large" title={`${t('detail')} ${serial}`} onClose={onClose}>
      <Loadable query={record}>
        {(r) => (
          <>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('col.state')}>
                <Tag color={STATE_COLOUR[r.state]}>{t(`state.${r.state}`)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('detail.plate')}>
                <PlateChip text={r.passage.plate.text} colour={r.passage.plate.colour} />
              </Descriptions.Item>
              <Descriptions.Item label={t('detail.stage')}>
                <StageTag stage={r.passage.emissionStage} />
              </Descriptions.Item>
              <Descriptions.Item label={t('col.captured')}>{formatInstant(r.capturedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('col.direction')}>
                {r.direction === 'in' || r.direction === 'out' ? t(`direction.${r.direction}`) : r.direction}
              </Descriptions.Item>
              <Descriptions.Item label={t('detail.lane')}>
                {r.passage.siteId} / {r.passage.gateId} / {r.passage.laneId}
              </Descriptions.Item>
              <Descriptions.Item label={t('detail.passage')}>{r.passageId}</Descriptions.Item>
              <Descriptions.Item label={t('col.problem')}>
                {r.rejectionReason ?? r.lastError ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('detail.overrides')}>
                {r.overrides ? json(r.overrides) : t('detail.none')}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5}>{t('detail.corrections')}</Typography.Title>
            <List
              size="small"
              dataSource={r.corrections}
              locale={{ emptyText: t('detail.none') }}
              renderItem={(c) => (
                <List.Item>
                  <List.Item.Meta
                    title={t('detail.correctionBy', { who: c.actor, at: formatInstant(c.correctedAt) })}
                    description={
                      <>
                        {c.previousReason ? (
                          <div>{`${common('common.reason')}: ${c.previousReason}`}</div>
                        ) : null}
                        {json(c.after)}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
            <Typography.Title level={5}>{t('detail.rePushes')}</Typography.Title>
            <List
              size="small"
              dataSource={r.rePushes}
              locale={{ emptyText: t('detail.none') }}
              renderItem={(p) => (
                <List.Item>
                  {t('detail.rePushOf', {
                    who: p.actor,
                    role: p.actorRole,
                    at: formatInstant(p.at),
                    reason: p.reason ?? t('detail.noReason'),
                  })}
                </List.Item>
              )}
            />
          </>
        )}
      </Loadable>
    </Drawer>
  );
}
