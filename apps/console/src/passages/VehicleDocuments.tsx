import { FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Tag, Typography, Upload } from 'antd';
import { api, ApiError, unwrap } from '../api/client';
import { type paths } from '../api/generated/schema';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { messages } from './messages';

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
}: {
  enterpriseId: string;
  plate: string;
  kind: DocumentKind;
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

/** 随车清单 and 行驶证 of the passage's vehicle: open each, and attach one where the role may. */
export function VehicleDocuments({ enterpriseId, plate }: { enterpriseId: string; plate: string }) {
  return (
    <Space orientation="vertical">
      {KINDS.map((kind) => (
        <DocumentRow key={kind} enterpriseId={enterpriseId} plate={plate} kind={kind} />
      ))}
    </Space>
  );
}
