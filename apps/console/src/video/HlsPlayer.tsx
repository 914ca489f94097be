import { useQuery } from '@tanstack/react-query';
import { Alert, Space, Typography } from 'antd';
import Hls, { type ErrorData } from 'hls.js';
import { useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { ErrorResult } from '../shared/ErrorResult';
import { PageSkeleton } from '../shared/PageSkeleton';
import { formatInstant } from '../shared/time';
import { messages } from './messages';
import { type TimeWindow } from './time-window';

export const PLAYLIST = '/api/video-archive/v1/enterprises/{enterpriseId}/cameras/{cameraId}/playlist.m3u8';
const HLS_TYPE = 'application/vnd.apple.mpegurl';

/** Where the browser fetches the playlist itself (native HLS players). */
export const playlistUrl = (enterpriseId: string, cameraId: string, window: TimeWindow): string =>
  `/api/video-archive/v1/enterprises/${encodeURIComponent(enterpriseId)}/cameras/${encodeURIComponent(
    cameraId,
  )}/playlist.m3u8?${new URLSearchParams({ from: window.from, to: window.to }).toString()}`;

/** A segment link the archive handed out has expired (410 on the gateway's links, 403 on MinIO's). */
const linkExpired = (data: ErrorData): boolean =>
  data.type === Hls.ErrorTypes.NETWORK_ERROR && [403, 410].includes(data.response?.code ?? 0);

interface Props {
  readonly enterpriseId: string;
  readonly cameraId: string;
  readonly window: TimeWindow;
}

/**
 * Plays a camera's archived video in a window. The playlist is fetched through the API client (so
 * an expired session is renewed and a refusal shows the archive's reason), then handed to hls.js
 * (Chromium has no native HLS); where the browser plays HLS itself (`canPlayType`) it gets the URL.
 * Segment links expire (VIDEO_PLAYBACK_URL_TTL_SECONDS): on an expired one the playlist is fetched
 * again and playback resumes where it was. hls.js is destroyed when the player goes.
 */
export function HlsPlayer({ enterpriseId, cameraId, window }: Props) {
  const t = useMessages(messages);
  const video = useRef<HTMLVideoElement>(null);
  const resumeAt = useRef(-1);
  const lastRenewal = useRef(0);
  const [wallClock, setWallClock] = useState<Date | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const playlist = useQuery({
    queryKey: ['playlist', enterpriseId, cameraId, window.from, window.to],
    queryFn: () =>
      unwrap(
        api.GET(PLAYLIST, {
          params: { path: { enterpriseId, cameraId }, query: { from: window.from, to: window.to } },
          parseAs: 'text',
        }),
      ),
    staleTime: Infinity,
    gcTime: 0,
  });
  const text = playlist.data;
  const { refetch } = playlist;

  useEffect(() => {
    const element = video.current;
    if (!element || typeof text !== 'string') return;
    setFailure(null);
    if (Hls.isSupported()) {
      const source = URL.createObjectURL(new Blob([text], { type: HLS_TYPE }));
      const hls = new Hls({ startPosition: resumeAt.current });
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (!data.fatal) return;
        if (linkExpired(data) && Date.now() - lastRenewal.current > 30_000) {
          lastRenewal.current = Date.now();
          resumeAt.current = element.currentTime;
          void refetch();
        } else if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
          hls.recoverMediaError();
        } else {
          setFailure(data.details);
        }
      });
      const onTime = () => setWallClock(hls.playingDate);
      element.addEventListener('timeupdate', onTime);
      hls.loadSource(source);
      hls.attachMedia(element);
      return () => {
        element.removeEventListener('timeupdate', onTime);
        hls.destroy();
        URL.revokeObjectURL(source);
      };
    }
    if (element.canPlayType(HLS_TYPE)) {
      element.src = playlistUrl(enterpriseId, cameraId, window);
      return () => {
        element.removeAttribute('src');
        element.load();
      };
    }
    setFailure('unsupported');
    return undefined;
    // The window and camera are in the playlist's query key: a new one is a new `text`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, refetch]);

  if (playlist.isPending) return <PageSkeleton />;
  if (playlist.isError) return <ErrorResult error={playlist.error} onRetry={() => void refetch()} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {failure ? (
        <Alert
          type="error"
          showIcon
          title={
            failure === 'unsupported' ? t('player.unsupported') : t('player.failed', { detail: failure })
          }
        />
      ) : null}
      <video
        ref={video}
        data-testid="hls-video"
        controls
        muted
        playsInline
        style={{ width: '100%', maxHeight: '70vh', background: '#000' }}
      />
      <Typography.Text type="secondary" data-testid="wall-clock">
        {t('player.wallClock', { at: wallClock ? formatInstant(wallClock) : '—' })}
      </Typography.Text>
    </Space>
  );
}
