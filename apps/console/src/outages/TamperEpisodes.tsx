import { useQuery } from '@tanstack/react-query';
import { Card, Image, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { Loadable } from '../shared/Loadable';
import { tamperKey, tamperMessages } from '../shared/tamper-messages';
import { formatInstant } from '../shared/time';
import { messages } from './messages';
import {
  episodeSeconds,
  formatSeconds,
  TAMPER_EPISODES,
  TAMPER_PERIODS,
  type TamperEpisode,
  type TamperPeriod,
  tamperQuery,
} from './tamper-episodes';

const dictionary = { ...messages, ...tamperMessages };

/** The view check's before/after pair (and the frame that showed the view back), as stored images. */
function Evidence({ episode }: { episode: TamperEpisode }) {
  const t = useMessages(dictionary);
  const images = (['before', 'after', 'restored'] as const).flatMap((image) => {
    const src = episode.images[image];
    return src ? [{ image, src }] : [];
  });
  if (images.length === 0) return <Typography.Text type="secondary">{t('tamper.noImages')}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space size={4}>
        {images.map(({ image, src }) => (
          <Space key={image} orientation="vertical" size={0}>
            <Typography.Text type="secondary">{t(`tamper.image.${image}`)}</Typography.Text>
            <Image src={src} alt={t(`tamper.image.${image}`)} width={96} />
          </Space>
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

/**
 * 摄像机遮挡/移位: the ledger's tamper episodes of the enterprise's cameras (issue #17), listed like
 * the outages: camera, kind, when it began and ended (or 未恢复), how long, and the images.
 */
export function TamperEpisodes({
  enterpriseId,
  cameraId,
  name,
}: {
  enterpriseId: string;
  /** The page's camera filter. */
  cameraId?: string;
  name: (cameraId: string) => string;
}) {
  const t = useMessages(dictionary);
  const [days, setDays] = useState<TamperPeriod>(30);
  const episodes = useQuery({
    queryKey: ['camera-tamper-episodes', enterpriseId, days, cameraId ?? null],
    queryFn: () =>
      unwrap(
        api.GET(TAMPER_EPISODES, {
          params: { path: { enterpriseId }, query: tamperQuery(days, new Date(), cameraId) },
        }),
      ),
  });
  const now = new Date();
  return (
    <Card
      size="small"
      title={t('tamper.title')}
      extra={
        <Segmented<TamperPeriod>
          value={days}
          onChange={setDays}
          options={TAMPER_PERIODS.map((d) => ({ value: d, label: t('tamper.days', { days: d }) }))}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('tamper.intro')}</Typography.Paragraph>
      <Loadable query={episodes}>
        {(data) => (
          <>
            {data.truncated ? (
              <Typography.Paragraph type="warning">{t('tamper.truncated')}</Typography.Paragraph>
            ) : null}
            <Table<TamperEpisode>
              rowKey="episodeId"
              size="small"
              dataSource={data.items}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: t('camera'), key: 'camera', render: (_, e) => name(e.cameraId) },
                {
                  title: t('tamper.kind'),
                  key: 'kind',
                  render: (_, e) => <Tag color="orange">{t(tamperKey(e.kind))}</Tag>,
                },
                { title: t('tamper.started'), key: 'started', render: (_, e) => formatInstant(e.startedAt) },
                {
                  title: t('tamper.ended'),
                  key: 'ended',
                  render: (_, e) =>
                    e.endedAt ? formatInstant(e.endedAt) : <Tag color="error">{t('tamper.open')}</Tag>,
                },
                {
                  title: t('duration'),
                  key: 'duration',
                  render: (_, e) => formatSeconds(episodeSeconds(e, now)),
                },
                { title: t('tamper.images'), key: 'images', render: (_, e) => <Evidence episode={e} /> },
              ]}
            />
          </>
        )}
      </Loadable>
    </Card>
  );
}
