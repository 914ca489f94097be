import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Form, Input, Modal, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { type FeatureTranslate, useMessages } from '../i18n/messages';
import {
  DEVICE_KINDS,
  DEVICE_VENDORS,
  type Device,
  EVENT_SOURCES,
  type EventSource,
  type Gate,
  hasEventSourceChoice,
  ID_PATTERN,
  type Lane,
  LANE_DIRECTIONS,
  LANE_MODES,
  onSite,
  pushesToUs,
  type Site,
} from './device-rows';
import { type DeviceDraft, type NetworkProblem, networksProblem } from './discovery';
import { messages } from './messages';

/** What the page asks to edit: a new or an existing site, gate, lane or device. */
export type Editing =
  | { readonly what: 'site'; readonly current?: Site }
  | { readonly what: 'gate'; readonly current?: Gate }
  | { readonly what: 'lane'; readonly current?: Lane }
  | { readonly what: 'device'; readonly current?: Device; readonly draft?: DeviceDraft };

interface Props {
  readonly enterpriseId: string;
  readonly editing: Editing;
  readonly sites: readonly Site[];
  readonly gates: readonly Gate[];
  readonly lanes: readonly Lane[];
  readonly onClose: () => void;
}

interface Values {
  id?: string;
  name?: string;
  timeZone?: string;
  discoveryNetworks?: string[];
  siteId?: string;
  gateId?: string;
  laneId?: string;
  direction?: Lane['direction'];
  mode?: Lane['mode'];
  kind?: Device['kind'];
  vendor?: Device['vendor'];
  address?: string;
  allowedSources?: string[];
  username?: string;
  password?: string;
  clearCredentials?: boolean;
  enabled?: boolean;
  rotatePushSecret?: boolean;
  eventSource?: EventSource;
}

const HTTP_URL = /^https?:\/\/[^\s/]+/i;

function problemText(t: FeatureTranslate<typeof messages>, problem: NetworkProblem): string {
  switch (problem.kind) {
    case 'invalid':
      return t('networks.invalid', { entry: problem.entry });
    case 'host-bits':
      return t('networks.hostBits', { entry: problem.entry, network: problem.network });
    case 'duplicate':
      return t('networks.duplicate', { entry: problem.entry });
    case 'too-many-networks':
      return t('networks.tooMany', { count: problem.count });
    case 'too-many-hosts':
      return t('networks.tooManyHosts', { hosts: problem.hosts });
  }
}

/** Creates or replaces a site, gate or lane (PUT), registers or changes a device (POST/PATCH). */
export function RegistryForm({ enterpriseId, editing, sites, gates, lanes, onClose }: Props) {
  const t = useMessages(messages);
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [secret, setSecret] = useState<string | null>(null);
  const existing = editing.current !== undefined;
  const path = { enterpriseId };
  // The event source is a choice for a Dahua ANPR camera only: a new one as picked, an existing one as registered.
  const kind = Form.useWatch('kind', form);
  const vendor = Form.useWatch('vendor', form);
  const eventSourceShown =
    editing.what === 'device' && hasEventSourceChoice(editing.current ?? { kind, vendor });
  // A loading-area camera picks a site, any other device a lane (an existing one: as registered).
  const siteShown = editing.what === 'device' && onSite(editing.current ?? { kind });

  const save = useMutation({
    mutationFn: async (values: Values): Promise<string | undefined> => {
      const id = editing.current?.id ?? values.id ?? '';
      switch (editing.what) {
        case 'site':
          await unwrap(
            api.PUT('/api/camera-ingest/v1/enterprises/{enterpriseId}/sites/{siteId}', {
              params: { path: { ...path, siteId: id } },
              body: {
                name: values.name ?? '',
                timeZone: values.timeZone ?? 'Asia/Shanghai',
                discoveryNetworks: (values.discoveryNetworks ?? []).map((n) => n.trim()),
              },
            }),
          );
          return undefined;
        case 'gate':
          await unwrap(
            api.PUT('/api/camera-ingest/v1/enterprises/{enterpriseId}/gates/{gateId}', {
              params: { path: { ...path, gateId: id } },
              body: { siteId: values.siteId ?? '', name: values.name ?? '' },
            }),
          );
          return undefined;
        case 'lane':
          await unwrap(
            api.PUT('/api/camera-ingest/v1/enterprises/{enterpriseId}/lanes/{laneId}', {
              params: { path: { ...path, laneId: id } },
              body: {
                gateId: values.gateId ?? '',
                name: values.name ?? '',
                direction: values.direction ?? 'in',
                mode: values.mode ?? 'auto',
              },
            }),
          );
          return undefined;
        case 'device': {
          const address = values.address?.trim() ? values.address.trim() : null;
          const login =
            values.username && values.password
              ? { credentials: { username: values.username, password: values.password } }
              : {};
          const source = eventSourceShown ? { eventSource: values.eventSource ?? 'push' } : {};
          if (!existing) {
            const issued = await unwrap(
              api.POST('/api/camera-ingest/v1/enterprises/{enterpriseId}/devices', {
                params: { path },
                body: {
                  id,
                  ...(siteShown ? { siteId: values.siteId ?? '' } : { laneId: values.laneId ?? '' }),
                  kind: values.kind ?? 'anpr-camera',
                  vendor: values.vendor ?? 'other',
                  name: values.name ?? '',
                  address,
                  allowedSources: values.allowedSources ?? [],
                  enabled: values.enabled ?? true,
                  ...source,
                  ...login,
                },
              }),
            );
            return issued.pushSecret;
          }
          const changed = await unwrap(
            api.PATCH('/api/camera-ingest/v1/enterprises/{enterpriseId}/devices/{deviceId}', {
              params: { path: { ...path, deviceId: id } },
              body: {
                ...(siteShown
                  ? values.siteId !== undefined
                    ? { siteId: values.siteId }
                    : {}
                  : values.laneId !== undefined
                    ? { laneId: values.laneId }
                    : {}),
                ...(values.name !== undefined ? { name: values.name } : {}),
                address,
                allowedSources: values.allowedSources ?? [],
                enabled: values.enabled ?? true,
                ...source,
                ...(values.clearCredentials ? { credentials: null } : login),
                ...(values.rotatePushSecret ? { rotatePushSecret: true } : {}),
              },
            }),
          );
          return changed.pushSecret;
        }
      }
    },
    onSuccess: async (pushSecret) => {
      await queries.invalidateQueries({ queryKey: ['registry', enterpriseId] });
      void message.success(t('saved'));
      if (pushSecret) setSecret(pushSecret);
      else onClose();
    },
  });

  if (secret)
    return (
      <Modal
        open
        title={t('secret.title')}
        onOk={onClose}
        onCancel={onClose}
        cancelButtonProps={{ hidden: true }}
      >
        <Alert type="warning" showIcon title={t('secret.hint')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable code data-testid="push-secret">
          {secret}
        </Typography.Paragraph>
      </Modal>
    );

  const title = t(`${existing ? 'edit' : 'add'}.${editing.what}`);
  const initial: Values =
    editing.what === 'device' && editing.current
      ? {
          ...editing.current,
          laneId: editing.current.laneId ?? undefined,
          siteId: editing.current.siteId ?? undefined,
          address: editing.current.address ?? '',
          allowedSources: [...editing.current.allowedSources],
        }
      : editing.what === 'site'
        ? {
            timeZone: 'Asia/Shanghai',
            ...editing.current,
            discoveryNetworks: [...(editing.current?.discoveryNetworks ?? [])],
          }
        : editing.what === 'lane'
          ? { mode: 'auto', direction: 'in', ...editing.current }
          : editing.what === 'device'
            ? {
                enabled: true,
                allowedSources: [],
                eventSource: 'push',
                ...(editing.draft
                  ? { name: editing.draft.name, vendor: editing.draft.vendor, address: editing.draft.address }
                  : {}),
              }
            : { ...editing.current };
  const option = (value: string, label: string) => ({ value, label });
  const error = save.error instanceof ApiError ? save.error : null;

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {save.error ? (
        <Alert
          type="error"
          showIcon
          title={error ? `${error.reason} (${error.code})` : String(save.error)}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        {existing ? null : (
          <Form.Item
            name="id"
            label={t('field.id')}
            extra={t('field.id.rule')}
            rules={[{ required: true }, { pattern: ID_PATTERN, message: t('field.id.rule') }]}
          >
            <Input />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('field.name')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input />
        </Form.Item>
        {editing.what === 'site' ? (
          <>
            <Form.Item name="timeZone" label={t('field.timeZone')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name="discoveryNetworks"
              label={t('field.discoveryNetworks')}
              extra={t('field.discoveryNetworks.hint')}
              rules={[
                {
                  validator: async (_, value?: string[]) => {
                    const problem = networksProblem(value ?? []);
                    if (problem) throw new Error(problemText(t, problem));
                  },
                },
              ]}
            >
              <Select mode="tags" tokenSeparators={[',', ' ', ';']} open={false} placeholder="192.0.2.0/24" />
            </Form.Item>
          </>
        ) : null}
        {editing.what === 'gate' ? (
          <Form.Item name="siteId" label={t('field.site')} rules={[{ required: true }]}>
            <Select options={sites.map((s) => option(s.id, `${s.name} (${s.id})`))} />
          </Form.Item>
        ) : null}
        {editing.what === 'lane' ? (
          <>
            <Form.Item name="gateId" label={t('field.gate')} rules={[{ required: true }]}>
              <Select options={gates.map((g) => option(g.id, `${g.name} (${g.id})`))} />
            </Form.Item>
            <Form.Item name="direction" label={t('field.direction')} rules={[{ required: true }]}>
              <Select options={LANE_DIRECTIONS.map((d) => option(d, t(`direction.${d}`)))} />
            </Form.Item>
            <Form.Item name="mode" label={t('field.mode')} rules={[{ required: true }]}>
              <Select options={LANE_MODES.map((m) => option(m, t(`mode.${m}`)))} />
            </Form.Item>
          </>
        ) : null}
        {editing.what === 'device' ? (
          <>
            {siteShown ? (
              <Form.Item name="siteId" label={t('field.site')} rules={[{ required: true }]}>
                <Select options={sites.map((s) => option(s.id, `${s.name} (${s.id})`))} />
              </Form.Item>
            ) : (
              <Form.Item name="laneId" label={t('field.lane')} rules={[{ required: true }]}>
                <Select options={lanes.map((l) => option(l.id, `${l.name} (${l.id})`))} />
              </Form.Item>
            )}
            {existing ? null : (
              <>
                <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true }]}>
                  <Select
                    options={(editing.draft?.kinds ?? DEVICE_KINDS).map((k) => option(k, t(`kind.${k}`)))}
                  />
                </Form.Item>
                <Form.Item name="vendor" label={t('field.vendor')} rules={[{ required: true }]}>
                  <Select options={DEVICE_VENDORS.map((v) => option(v, t(`vendor.${v}`)))} />
                </Form.Item>
              </>
            )}
            <Form.Item
              name="address"
              label={t('field.address')}
              rules={[{ pattern: HTTP_URL, message: t('field.address.rule') }]}
            >
              <Input placeholder="http://192.0.2.10" />
            </Form.Item>
            {eventSourceShown ? (
              <Form.Item
                name="eventSource"
                label={t('field.eventSource')}
                extra={t('field.eventSource.hint')}
                rules={[{ required: true }]}
              >
                <Select options={EVENT_SOURCES.map((s) => option(s, t(`eventSource.${s}`)))} />
              </Form.Item>
            ) : null}
            <Form.Item name="allowedSources" label={t('field.allowedSources')}>
              <Select mode="tags" tokenSeparators={[',', ' ']} open={false} />
            </Form.Item>
            <Form.Item
              name="username"
              label={t('field.username')}
              extra={existing ? t('field.credentials.keep') : undefined}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('field.password')}
              dependencies={['username']}
              rules={[
                ({ getFieldValue }) => ({
                  required: Boolean(getFieldValue('username')),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            {existing && editing.current?.hasCredentials ? (
              <Form.Item name="clearCredentials" valuePropName="checked">
                <Checkbox>{t('field.clearCredentials')}</Checkbox>
              </Form.Item>
            ) : null}
            <Form.Item name="enabled" label={t('field.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
            {existing && editing.current && pushesToUs(editing.current) ? (
              <Form.Item name="rotatePushSecret" valuePropName="checked">
                <Checkbox>{t('field.rotate')}</Checkbox>
              </Form.Item>
            ) : null}
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
