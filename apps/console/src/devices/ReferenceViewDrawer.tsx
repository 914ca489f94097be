import { CameraOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Drawer, Empty, Form, Image, Input, Space, Typography } from 'antd';
import { api, ApiError, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { Loadable } from '../shared/Loadable';
import { formatInstant } from '../shared/time';
import { CI, type Device } from './device-rows';
import { messages } from './messages';

const VIEW = `${CI}/devices/{deviceId}/reference-view` as const;

const CAMERA_KINDS: ReadonlySet<string> = new Set(['anpr-camera', 'overview-camera', 'loading-area-camera']);
/** Whose snapshots camera-ingest takes (ONVIF, Hikvision ISAPI), given an address. */
const SNAPSHOT_VENDORS: ReadonlySet<string> = new Set(['onvif', 'hikvision']);

/** Cameras the view check can watch: those camera-ingest takes snapshots of. */
export const hasReferenceView = (device: Device): boolean =>
  CAMERA_KINDS.has(device.kind) && SNAPSHOT_VENDORS.has(device.vendor) && device.address !== null;

export function referenceViewPermissions(role: string) {
  return {
    read: allows(role, 'GET', VIEW),
    take: allows(role, 'POST', VIEW),
    // The service refuses an enterprise's re-take (retake-needs-city); the city re-takes.
    retake: role === 'city-operator',
  };
}

const imageUrl = (enterpriseId: string, deviceId: string, viewId: string) =>
  `/api/camera-ingest/v1/enterprises/${encodeURIComponent(enterpriseId)}/devices/${encodeURIComponent(deviceId)}/reference-view/${encodeURIComponent(viewId)}/image`;

/**
 * 基准画面: a camera's reference view — the picture the view check compares every snapshot with —
 * with who took it, when and why, every earlier take, and taking (or, for the city, re-taking) it.
 */
export function ReferenceViewDrawer(props: {
  enterpriseId: string;
  device: Device;
  role: string;
  onClose: () => void;
}) {
  const { enterpriseId, device, role, onClose } = props;
  const t = useMessages(messages);
  const may = referenceViewPermissions(role);
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const path = { params: { path: { enterpriseId, deviceId: device.id } } };
  const queryKey = ['reference-view', enterpriseId, device.id];
  const views = useQuery({ queryKey, queryFn: () => unwrap(api.GET(VIEW, path)) });
  const take = useMutation({
    mutationFn: (reason: string) => unwrap(api.POST(VIEW, { ...path, body: { reason } })),
    onSuccess: () => {
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey });
    },
  });

  const failure =
    take.error instanceof ApiError ? `${take.error.reason} (${take.error.code})` : String(take.error);
  return (
    <Drawer open size="large" title={t('view.title', { device: device.name })} onClose={onClose}>
      <Loadable query={views}>
        {({ current, history }) => (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Typography.Paragraph type="secondary">{t('view.about')}</Typography.Paragraph>
            {current ? (
              <>
                <Image
                  src={imageUrl(enterpriseId, device.id, current.id)}
                  alt={t('view.current')}
                  style={{ maxWidth: '100%' }}
                />
                <Descriptions
                  size="small"
                  column={1}
                  bordered
                  items={[
                    { key: 'at', label: t('view.takenAt'), children: formatInstant(current.takenAt) },
                    {
                      key: 'by',
                      label: t('view.takenBy'),
                      children: `${current.takenBy}（${current.takenByRole}）`,
                    },
                    { key: 'reason', label: t('view.reason'), children: current.reason },
                  ]}
                />
              </>
            ) : (
              <Empty description={t('view.none')} />
            )}
            {may.take && (current === null || may.retake) ? (
              <Form
                form={form}
                layout="vertical"
                onFinish={(values) => take.mutate(values.reason.trim())}
                aria-label={t(current ? 'view.retake' : 'view.take')}
              >
                <Form.Item
                  name="reason"
                  label={t('view.reason')}
                  rules={[
                    { required: true, min: 3, max: 500, whitespace: true, message: t('view.reasonRule') },
                  ]}
                >
                  <Input.TextArea rows={2} placeholder={t('view.reasonHint')} />
                </Form.Item>
                {take.isError ? (
                  <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />
                ) : null}
                <Button type="primary" htmlType="submit" icon={<CameraOutlined />} loading={take.isPending}>
                  {t(current ? 'view.retake' : 'view.take')}
                </Button>
              </Form>
            ) : current && may.take ? (
              <Alert type="info" showIcon title={t('view.retakeByCity')} />
            ) : null}
            {history.some((view) => view.replacedAt !== null) ? (
              <section aria-label={t('view.history')}>
                <Typography.Title level={5}>{t('view.history')}</Typography.Title>
                <ol>
                  {history
                    .filter((view) => view.replacedAt !== null)
                    .map((view) => (
                      <li key={view.id}>
                        {t('view.historyItem', {
                          from: formatInstant(view.takenAt),
                          to: formatInstant(view.replacedAt ?? ''),
                          by: view.takenBy,
                          reason: view.reason,
                        })}
                      </li>
                    ))}
                </ol>
              </section>
            ) : null}
          </Space>
        )}
      </Loadable>
    </Drawer>
  );
}
