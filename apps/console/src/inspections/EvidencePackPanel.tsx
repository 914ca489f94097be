import { DownloadOutlined, FilePdfOutlined, FileZipOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { type paths } from '../api/generated/schema';
import { defineMessages, useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { formatInstant } from '../shared/time';

const I = '/api/ledger/v1/enterprises/{enterpriseId}/inspections/{inspectionId}';
export const PACK_ROUTES = {
  report: `${I}/report.pdf`,
  packs: `${I}/evidence-packs`,
  pack: `${I}/evidence-packs/{packId}`,
} as const;
export type EvidencePack =
  paths[typeof PACK_ROUTES.pack]['get']['responses'][200]['content']['application/json'];

/** How often a pack's state is asked while it is built: a job status, not live data. */
export const PACK_POLL_MS = 1000;

const messages = defineMessages({
  title: ['核查报告与证据包', 'Report and evidence pack'],
  report: ['下载核查报告 (PDF)', 'Download the report (PDF)'],
  generate: ['生成证据包', 'Build an evidence pack'],
  help: [
    '证据包含报告、记录、照片、视频片段、哈希链证明及签名清单，可离线核验（见包内 VERIFY.txt）',
    'The pack holds the report, records, photos, clips, the chain proof and a signed manifest, verifiable offline (VERIFY.txt inside)',
  ],
  'state.queued': ['排队中', 'queued'],
  'state.running': ['生成中', 'building'],
  'state.done': ['已生成', 'ready'],
  'state.failed': ['生成失败', 'failed'],
  steps: ['第 {steps} / {total} 步', 'step {steps} of {total}'],
  waiting: ['等待视频存档服务恢复后继续', 'waiting for the video archive to come back'],
  failed: ['证据包生成失败：{error}', 'The pack failed: {error}'],
  download: ['下载证据包（{size}）', 'Download the pack ({size})'],
  linkExpires: ['链接 {at} 失效', 'link expires {at}'],
  sha256: ['SHA-256：{hash}', 'SHA-256: {hash}'],
});

const running = (pack: EvidencePack) => pack.state === 'queued' || pack.state === 'running';
const size = (bytes: number | undefined) =>
  bytes === undefined
    ? '—'
    : bytes >= 1_048_576
      ? `${(bytes / 1_048_576).toFixed(1)} MB`
      : `${Math.ceil(bytes / 1024)} KB`;
const reason = (error: unknown) =>
  error instanceof ApiError ? `${error.reason} (${error.code})` : String(error);

/** An inspection's 核查报告 (PDF, a plain download) and 证据包 (a job polled until its link is ready). */
export function EvidencePackPanel({
  enterpriseId,
  inspectionId,
}: {
  enterpriseId: string;
  inspectionId: string;
}) {
  const t = useMessages(messages);
  const account = useAccount();
  const [packId, setPackId] = useState<string>();
  const path = { enterpriseId, inspectionId };
  const start = useMutation({
    mutationFn: () => unwrap(api.POST(PACK_ROUTES.packs, { params: { path } })),
    onSuccess: (queued) => setPackId(queued.packId),
  });
  const pack = useQuery({
    queryKey: ['evidence-pack', enterpriseId, inspectionId, packId],
    queryFn: () => unwrap(api.GET(PACK_ROUTES.pack, { params: { path: { ...path, packId: packId ?? '' } } })),
    enabled: packId !== undefined,
    refetchInterval: (query) => (query.state.data && !running(query.state.data) ? false : PACK_POLL_MS),
  });
  const reportHref = `/api/ledger/v1/enterprises/${encodeURIComponent(enterpriseId)}/inspections/${inspectionId}/report.pdf`;
  const current = pack.data;
  return (
    <Card title={t('title')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('help')}</Typography.Text>
        <Space wrap>
          {allows(account.role, 'GET', PACK_ROUTES.report) ? (
            <Button icon={<FilePdfOutlined />} href={reportHref} download>
              {t('report')}
            </Button>
          ) : null}
          {allows(account.role, 'POST', PACK_ROUTES.packs) ? (
            <Button
              icon={<FileZipOutlined />}
              loading={start.isPending || (current !== undefined && running(current))}
              onClick={() => start.mutate()}
            >
              {t('generate')}
            </Button>
          ) : null}
        </Space>
        {start.error ? <Alert type="error" showIcon title={reason(start.error)} /> : null}
        {pack.error ? <Alert type="error" showIcon title={reason(pack.error)} /> : null}
        {current ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>
              {t(`state.${current.state}`)}
              {current.totalSteps !== null && running(current)
                ? ` · ${t('steps', { steps: current.steps, total: current.totalSteps })}`
                : ''}
              {current.activity?.startsWith('waiting for the video archive') ? ` · ${t('waiting')}` : ''}
            </Typography.Text>
            <Progress
              percent={Math.round(current.progress * 100)}
              status={
                current.state === 'failed' ? 'exception' : current.state === 'done' ? 'success' : 'active'
              }
              aria-label={t('generate')}
            />
            {current.state === 'failed' ? (
              <Alert type="error" showIcon title={t('failed', { error: current.error ?? '—' })} />
            ) : null}
            {current.state === 'done' && current.downloadUrl ? (
              <Space wrap>
                <Button
                  type="primary"
                  icon={<DownloadOutlined />}
                  href={current.downloadUrl}
                  download={current.fileName}
                >
                  {t('download', { size: size(current.bytes) })}
                </Button>
                {current.downloadUrlExpiresAt ? (
                  <Typography.Text type="secondary">
                    {t('linkExpires', { at: formatInstant(current.downloadUrlExpiresAt) })}
                  </Typography.Text>
                ) : null}
              </Space>
            ) : null}
            {current.sha256 ? (
              <Typography.Text type="secondary" copyable={{ text: current.sha256 }}>
                {t('sha256', { hash: current.sha256 })}
              </Typography.Text>
            ) : null}
          </Space>
        ) : null}
      </Space>
    </Card>
  );
}
