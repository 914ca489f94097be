import { Descriptions, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMessages } from '../i18n/messages';
import { formatInstant } from '../shared/time';
import { StageTag } from '../shared/vehicle-tags';
import { type DocumentRead, type VehicleView } from './api';
import { ConfirmReadForm } from './ConfirmReadForm';
import { messages } from './messages';
import {
  inventoryListFacts,
  licenceFieldRows,
  type LicenceFieldRow,
  readStatus,
  type VinMatch,
} from './read-view';

const VIN_MATCH_COLOUR: Record<VinMatch, string> = {
  matched: 'success',
  mismatch: 'error',
  'vehicle-none': 'warning',
  unknown: 'default',
};

/** The state of a read, with the reason in words and the service's own text on hover. */
function ReadState({ read }: { read: DocumentRead }) {
  const t = useMessages(messages);
  const status = readStatus(read);
  return (
    <Space wrap size={4}>
      <Tag color={status.colour}>{t(status.label, status.values)}</Tag>
      {status.detail ? (
        <Tooltip title={read.reason}>
          <Typography.Text type={read.state === 'needs-person' ? 'warning' : 'secondary'}>
            {t(status.detail)}
          </Typography.Text>
        </Tooltip>
      ) : read.reason ? (
        <Typography.Text type="secondary">{read.reason}</Typography.Text>
      ) : null}
      {read.state === 'queued' && read.nextTryAt ? (
        <Typography.Text type="secondary">
          {t('read.nextTry', { at: formatInstant(read.nextTryAt) })}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

function InventoryListRead({ read, vehicle }: { read: DocumentRead; vehicle?: VehicleView }) {
  const t = useMessages(messages);
  const facts = inventoryListFacts(read, vehicle);
  if (!facts) return null;
  return (
    <Descriptions
      size="small"
      column={1}
      items={[
        {
          key: 'number',
          label: t('list.disclosureNumber'),
          children: <Typography.Text code>{facts.disclosureNumber ?? t('list.vin.unknown')}</Typography.Text>,
        },
        {
          key: 'vin',
          label: t('list.vin'),
          children: (
            <Space size={4}>
              <Typography.Text code>{facts.vin ?? t('list.vin.unknown')}</Typography.Text>
              {facts.vin ? (
                <Tag color={VIN_MATCH_COLOUR[facts.vinMatch]}>
                  {t('list.vinMatch')} {t(`list.vin.${facts.vinMatch}`)}
                </Tag>
              ) : null}
            </Space>
          ),
        },
        {
          key: 'evidence',
          label: t('list.evidence'),
          children: facts.evidence ? (
            <StageTag stage={facts.evidence.stage} source={facts.evidence.source} />
          ) : (
            t('list.evidence.none')
          ),
        },
      ]}
    />
  );
}

function LicenceFields({ read }: { read: DocumentRead }) {
  const t = useMessages(messages);
  const rows = licenceFieldRows(read);
  if (rows.length === 0) return null;
  return (
    <Table<LicenceFieldRow>
      size="small"
      style={{ maxWidth: 640 }}
      pagination={false}
      rowKey="field"
      dataSource={rows}
      onRow={(row) => ({ style: row.low ? { background: '#fff7e6' } : undefined })}
      columns={[
        { key: 'field', title: '', render: (_, row) => t(`field.${row.field}`) },
        {
          key: 'value',
          title: t('field.value'),
          render: (_, row) =>
            row.value === undefined ? (
              <Typography.Text type="danger">{t('field.unreadable')}</Typography.Text>
            ) : (
              <Typography.Text code>{row.value}</Typography.Text>
            ),
        },
        {
          key: 'confidence',
          title: t('field.confidence'),
          render: (_, row) =>
            row.confidence === undefined ? (
              '—'
            ) : (
              <Tooltip title={row.low ? t('field.low') : undefined}>
                <Typography.Text type={row.low ? 'warning' : undefined} strong={row.low}>
                  {`${Math.round(row.confidence * 100)}%`}
                </Typography.Text>
              </Tooltip>
            ),
        },
      ]}
    />
  );
}

/** A document's latest machine read: its state, what it read, and the confirmation a person owes it. */
export function DocumentReadView({
  enterpriseId,
  read,
  vehicle,
  canConfirm,
}: {
  enterpriseId: string;
  read: DocumentRead | undefined;
  vehicle?: VehicleView;
  canConfirm: boolean;
}) {
  const t = useMessages(messages);
  if (!read)
    return (
      <Typography.Text type="secondary">
        {t('read.title')}：{t('read.none')}
      </Typography.Text>
    );
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space size={4}>
        <Typography.Text type="secondary">{t('read.title')}：</Typography.Text>
        <ReadState read={read} />
      </Space>
      {read.kind === 'inventory-list' ? (
        <InventoryListRead read={read} vehicle={vehicle} />
      ) : (
        <LicenceFields read={read} />
      )}
      {canConfirm && read.state === 'needs-person' ? (
        <>
          <Typography.Text strong>{t('confirm.title')}</Typography.Text>
          <ConfirmReadForm enterpriseId={enterpriseId} read={read} />
        </>
      ) : null}
    </Space>
  );
}
