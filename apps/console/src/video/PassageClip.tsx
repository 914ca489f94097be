import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useRef } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { type paths } from '../api/generated/schema';
import { useMessages } from '../i18n/messages';
import { ErrorResult } from '../shared/ErrorResult';
import { formatInstant } from '../shared/time';
import { messages } from './messages';

export const CLIPS = '/api/video-archive/v1/enterprises/{enterpriseId}/passages/{passageId}/clips';
export type Clip = paths[typeof CLIPS]['get']['responses'][200]['content']['application/json'][number];

/** Clips in the order a passage happens: entry before exit, then by camera. */
export const orderClips = (clips: readonly Clip[]): Clip[] =>
  [...clips].sort(
    (a, b) =>
      (a.direction === b.direction ? 0 : a.direction === 'in' ? -1 : 1) ||
      a.cameraId.localeCompare(b.cameraId),
  );

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

function ClipView({ clip, onExpired }: { clip: Clip; onExpired: () => void }) {
  const t = useMessages(messages);
  const header = (
    <Flex gap={8} wrap align="center">
      <Tag color={clip.direction === 'in' ? 'blue' : 'purple'}>{t(`clip.direction.${clip.direction}`)}</Tag>
      <Typography.Text>{clip.cameraId}</Typography.Text>
    </Flex>
  );
  if (clip.status !== 'archived')
    return (
      <Card size="small" title={header}>
        <Alert
          type={clip.status === 'pending' ? 'info' : 'warning'}
          showIcon
          title={t(`clip.${clip.status}`)}
          description={clip.reason ?? undefined}
        />
        <Typography.Text type="secondary">
          {t('clip.requested', {
            from: formatInstant(clip.requested.from),
            to: formatInstant(clip.requested.to),
          })}
        </Typography.Text>
      </Card>
    );
  return (
    <Card size="small" title={header}>
      {/* MP4: every browser plays it; the link expires, so a failed load asks for a fresh one. */}
      <video
        src={clip.url}
        controls
        preload="metadata"
        playsInline
        onError={onExpired}
        data-testid={`clip-${clip.clipId}`}
        style={{ width: '100%', background: '#000' }}
      />
      <Typography.Text type="secondary" style={{ display: 'block' }}>
        {t('clip.actual', { from: formatInstant(clip.actual.from), to: formatInstant(clip.actual.to) })} ·{' '}
        {megabytes(clip.bytes)}
      </Typography.Text>
      <Typography.Text type="secondary" copyable={{ text: clip.sha256 }} style={{ fontSize: 12 }}>
        SHA-256 {clip.sha256.slice(0, 16)}…
      </Typography.Text>
    </Card>
  );
}

/**
 * A passage's video clips (both directions, every camera) from the archive, for the ledger pages:
 * `<PassageClip enterpriseId passageId />`. Archived clips play as MP4 through their short-lived
 * link; pending and missing ones say why. A passage without clips shows an empty state.
 */
export function PassageClip({ enterpriseId, passageId }: { enterpriseId: string; passageId: string }) {
  const t = useMessages(messages);
  const renewed = useRef(0);
  const clips = useQuery({
    queryKey: ['passage-clips', enterpriseId, passageId],
    queryFn: async () => {
      try {
        return await unwrap(api.GET(CLIPS, { params: { path: { enterpriseId, passageId } } }));
      } catch (error) {
        // No clip was ever requested for it (no camera films the lane): nothing to show, not a failure.
        if (error instanceof ApiError && error.code === 'clips-not-found') return [];
        throw error;
      }
    },
    // Pending clips are cut a little after the passage: look again while any is pending.
    refetchInterval: (query) => (query.state.data?.some((c) => c.status === 'pending') ? 15_000 : false),
  });
  // An expired link (or one that failed): ask for fresh links, at most every 30 s.
  const renew = () => {
    if (Date.now() - renewed.current < 30_000) return;
    renewed.current = Date.now();
    void clips.refetch();
  };

  if (clips.isPending) return <Skeleton active />;
  if (clips.isError) return <ErrorResult error={clips.error} onRetry={() => void clips.refetch()} />;
  if (clips.data.length === 0) return <Empty description={t('clip.none')} />;
  return (
    <Flex vertical gap={12}>
      {orderClips(clips.data).map((clip) => (
        <ClipView key={clip.clipId} clip={clip} onExpired={renew} />
      ))}
    </Flex>
  );
}

export default PassageClip;
