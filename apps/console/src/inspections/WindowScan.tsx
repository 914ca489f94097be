import { Alert, Progress, Space, Tag, Typography } from 'antd';
import { useMessages } from '../i18n/messages';
import { formatInstant } from '../shared/time';
import { type SampledWindow } from './inspection-model';
import { messages } from './messages';
import { BADGE_COLOUR, scanBadge, scanSections, type Sighting } from './window-scan-model';

/** The system's check of a window at a glance: a coloured tag. */
export function ScanTag({ window }: { window: SampledWindow }) {
  const t = useMessages(messages);
  const badge = scanBadge(window);
  const counts = { missing: window.scan?.seenWithoutPassage ?? 0, unsure: window.scan?.unsure ?? 0 };
  return <Tag color={BADGE_COLOUR[badge]}>{t(`scan.${badge}`, counts)}</Tag>;
}

function SightingCard({ sighting, tone }: { sighting: Sighting; tone?: 'danger' | 'warning' }) {
  const t = useMessages(messages);
  const border = tone === 'danger' ? '#ff4d4f' : tone === 'warning' ? '#faad14' : '#d9d9d9';
  return (
    <Space
      orientation="vertical"
      size={2}
      style={{ border: `2px solid ${border}`, borderRadius: 6, padding: 6, width: 188 }}
    >
      <img src={sighting.framePath} alt={sighting.plate} width={172} loading="lazy" />
      <Typography.Text strong type={tone}>
        {sighting.plate}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {sighting.cameraId} · {formatInstant(sighting.firstSeenAt).slice(11)}–
        {formatInstant(sighting.lastSeenAt).slice(11)}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('scan.confidence', { confidence: Math.round(sighting.bestConfidence * 100) })}
      </Typography.Text>
    </Space>
  );
}

function Sightings({
  title,
  list,
  tone,
}: {
  title: string;
  list: readonly Sighting[];
  tone?: 'danger' | 'warning';
}) {
  if (list.length === 0) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text strong type={tone}>
        {title}
      </Typography.Text>
      <Space wrap align="start">
        {list.map((s) => (
          <SightingCard key={`${s.cameraId}-${s.plate}-${s.firstSeenAt}`} sighting={s} tone={tone} />
        ))}
      </Space>
    </Space>
  );
}

/** A window's scan by the video archive: progress while it runs, then each vehicle seen against the ledger. */
export function WindowScan({ window }: { window: SampledWindow }) {
  const t = useMessages(messages);
  const scan = window.scan;
  if (!scan) return <Alert type="warning" showIcon title={t('scan.not-configured-help')} />;
  const sections = scanSections(scan);
  const running = scan.status !== 'done' && scan.status !== 'failed';
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {running ? (
        <Space orientation="vertical" style={{ width: '100%', maxWidth: 480 }}>
          <Typography.Text>{t(`scan.status.${scan.status}`)}</Typography.Text>
          {sections.percent !== null ? <Progress percent={sections.percent} size="small" /> : null}
        </Space>
      ) : null}
      {scan.error ? (
        <Alert
          type={scan.status === 'failed' ? 'error' : 'warning'}
          showIcon
          // The archive's own words (English, for the operator) behind what it means here.
          title={t(scan.status === 'failed' ? 'scan.failedBecause' : 'scan.retrying')}
          description={scan.error}
        />
      ) : null}
      {scan.camerasWithoutVideo.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={t('scan.camerasWithoutVideo', { cameras: scan.camerasWithoutVideo.join('、') })}
        />
      ) : null}
      <Sightings title={t('scan.withoutPassage')} list={sections.withoutPassage} tone="danger" />
      <Sightings title={t('scan.unsure')} list={sections.unsure} tone="warning" />
      <Sightings title={t('scan.inLedger')} list={sections.inLedger} />
      {scan.status === 'done' && scan.sightings.length === 0 ? (
        <Typography.Text type={scan.finding === 'no-video' ? 'danger' : 'secondary'}>
          {t(scan.finding === 'no-video' ? 'scan.noVideo' : 'scan.noPlates')}
        </Typography.Text>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('scan.rule', { margin: scan.marginSeconds / 60 })}
      </Typography.Text>
    </Space>
  );
}
