import { FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Tag, Typography, Upload } from 'antd';
import { api, ApiError, unwrap } from '../api/client';
import { type paths } from '../api/generated/schema';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { messages } from './messages';
import { CONFIRMATION, type DocumentRead, READS, type VehicleView } from '../vehicle-stage/api';
import { DocumentReadView } from '../vehicle-stage/DocumentReadView';
import { useDocumentReads, useVehicle } from '../vehicle-stage/queries';
import { latestReadOf } from '../vehicle-stage/read-view';

const DOCUMENTS = '/api/ledger/v1/enterprises/{enterpriseId}/vehicles/{plate}/documents/{kind}';
export type DocumentKind = paths[typeof DOCUMENTS]['get']['parameters']['path']['kind'];
const KINDS: readonly DocumentKind[] = ['inventory-list', 'driving-licence'];

/** Whether the vehicle has this document: the short-lived link, or `null` when it has none (404). */
function useDocumentLink(enterpriseId: string, plate: string, kind: DocumentKind) {
  return useQuery({
    queryKey: ['vehicle-document', enterpriseId, plate, kind],
    queryFn: async () => {
      try {
        return await unwrap(api.GET(DOCUMENTS, { params: { path: { enterpriseId, plate, kind } } }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    // The link lives a few minutes; opening it asks again when it may have expired.
    staleTime: 60_000,
  });
}

function DocumentRow({
  enterpriseId,
  plate,
  kind,
  onUploaded,
}: {
  enterpriseId: string;
  plate: string;
  kind: DocumentKind;
  onUploaded: () => void;
}) {
  const t = useMessages(messages);
  const { message } = App.useApp();
  const account = useAccount();
  const queries = useQueryClient();
  const link = useDocumentLink(enterpriseId, plate, kind);
  const canUpload = allows(account.role, 'PUT', DOCUMENTS);
  const upload = useMutation({
    // The file is the raw body (its bytes: the service decides its type by its signature).
    mutationFn: async (file: File) => {
      const bytes = await file.arrayBuffer();
      return unwrap(
        api.PUT(DOCUMENTS, {
          params: { path: { enterpriseId, plate, kind } },
          body: bytes as never,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { 'Content-Type': file.type || 'application/octet-stream' },
        }),
      );
    },
    onSuccess: () => {
      void message.success(t('doc.uploaded'));
      void queries.invalidateQueries({ queryKey: ['vehicle-document', enterpriseId, plate, kind] });
      onUploaded();
    },
    onError: (error) =>
      void message.error(error instanceof ApiError ? `${error.reason} (${error.code})` : String(error)),
  });
  // A fresh link each time (they expire); the tab opens within the click so no popup blocker stops it.
  const open = async () => {
    const tab = window.open('', '_blank');
    const fresh = await link.refetch();
    if (tab && fresh.data) {
      tab.opener = null;
      tab.location.href = fresh.data.url;
    } else tab?.close();
  };
  return (
    <Space>
      <Typography.Text strong style={{ minWidth: 80, display: 'inline-block' }}>
        <FileTextOutlined /> {t(`doc.${kind}`)}
      </Typography.Text>
      {link.isPending ? null : link.isError ? (
        <Tag color="error">
          {link.error instanceof ApiError ? `${link.error.reason} (${link.error.code})` : String(link.error)}
        </Tag>
      ) : link.data ? (
        <Button size="small" onClick={() => void open()}>
          {t('doc.open')}
        </Button>
      ) : (
        <Tag>{t('doc.none')}</Tag>
      )}
      {canUpload ? (
        <Upload
          accept="image/jpeg,image/png,application/pdf"
          showUploadList={false}
          beforeUpload={(file) => {
            upload.mutate(file);
            return false;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
            {t('doc.upload')}
          </Button>
        </Upload>
      ) : null}
    </Space>
  );
}

/**
 * 随车清单 and 行驶证 of the passage's vehicle: open each, attach one where the role may, and see
 * the machine's latest read of it (confirmed or corrected by whoever may write the vehicle).
 */
export function VehicleDocuments({ enterpriseId, plate }: { enterpriseId: string; plate: string }) {
  const account = useAccount();
  const seesReads = allows(account.role, 'GET', READS);
  const reads = useDocumentReads(enterpriseId, plate, seesReads);
  const vehicle = useVehicle(enterpriseId, plate, seesReads);
  const canConfirm = allows(account.role, 'POST', CONFIRMATION);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {KINDS.map((kind) => (
        <Space key={kind} orientation="vertical" size={4} style={{ width: '100%' }}>
          <DocumentRow
            enterpriseId={enterpriseId}
            plate={plate}
            kind={kind}
            // An upload queues a read: show it from the start.
            onUploaded={() => void reads.refetch()}
          />
          {seesReads ? (
            <ReadOf
              enterpriseId={enterpriseId}
              kind={kind}
              reads={reads.data?.items}
              vehicle={vehicle.data ?? undefined}
              canConfirm={canConfirm}
              error={reads.error}
            />
          ) : null}
        </Space>
      ))}
    </Space>
  );
}

function ReadOf({
  enterpriseId,
  kind,
  reads,
  vehicle,
  canConfirm,
  error,
}: {
  enterpriseId: string;
  kind: DocumentKind;
  reads: readonly DocumentRead[] | undefined;
  vehicle: VehicleView | undefined;
  canConfirm: boolean;
  error: Error | null;
}) {
  if (error)
    return (
      <Tag color="error">{error instanceof ApiError ? `${error.reason} (${error.code})` : String(error)}</Tag>
    );
  if (!reads) return null;
  return (
    <div style={{ paddingLeft: 24 }}>
      <DocumentReadView
        enterpriseId={enterpriseId}
        read={latestReadOf(reads, kind)}
        vehicle={vehicle}
        canConfirm={canConfirm}
      />
    </div>
  );
}
