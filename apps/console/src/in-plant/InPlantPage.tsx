import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Drawer, Table, type TableColumnsType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { MissingFields } from '../passages/fields';
import { CompletenessBar } from '../passages/passage-cells';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { ErrorResult } from '../shared/ErrorResult';
import { Loadable } from '../shared/Loadable';
import { PageSkeleton } from '../shared/PageSkeleton';
import { filterRegistry, pageOf, REGISTRY_PAGE_SIZE, REGISTRY_URL_KEYS } from '../shared/registry';
import { RegistryFilters } from '../shared/RegistryFilters';
import { formatInstant } from '../shared/time';
import { useUrlState } from '../shared/url-state';
import { StageTag } from '../shared/vehicle-tags';
import { type InPlantVehicle, LIST_ROUTE, ONE_ROUTE } from './in-plant-form';
import { InPlantForm } from './InPlantForm';
import { messages } from './messages';

function Documents({ vehicle }: { vehicle: InPlantVehicle }) {
  const t = useMessages(messages);
  return (
    <>
      <Tag color={vehicle.inventoryList ? 'success' : 'default'}>{t('doc.inventoryList')}</Tag>
      <Tag color={vehicle.drivingLicence ? 'success' : 'default'}>{t('doc.drivingLicence')}</Tag>
    </>
  );
}

/** One vehicle, read fresh from the ledger; the edit button only where the role may write. */
function VehicleDrawer({
  enterpriseId,
  number,
  canEdit,
  onEdit,
  onClose,
}: {
  enterpriseId: string;
  number: string;
  canEdit: boolean;
  onEdit: (vehicle: InPlantVehicle) => void;
  onClose: () => void;
}) {
  const t = useMessages(messages);
  const query = useQuery({
    queryKey: ['in-plant', enterpriseId, 'one', number],
    queryFn: () => unwrap(api.GET(ONE_ROUTE, { params: { path: { enterpriseId, number } } })),
  });
  return (
    <Drawer
      open
      size={520}
      title={`${t('detail')} · ${number}`}
      onClose={onClose}
      extra={
        canEdit && query.data ? (
          <Button icon={<EditOutlined />} onClick={() => query.data && onEdit(query.data)}>
            {t('edit')}
          </Button>
        ) : null
      }
    >
      {query.isPending ? (
        <PageSkeleton />
      ) : query.isError ? (
        <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Descriptions
          column={1}
          size="small"
          bordered
          items={[
            { key: 'number', label: t('number'), children: query.data.number },
            {
              key: 'registrationDate',
              label: t('registrationDate'),
              children: query.data.registrationDate ?? '—',
            },
            { key: 'vin', label: t('vin'), children: query.data.vin ?? '—' },
            { key: 'engineNo', label: t('engineNo'), children: query.data.engineNo ?? '—' },
            {
              key: 'stage',
              label: t('stage'),
              children: <StageTag stage={query.data.emissionStage} source={query.data.stageSource} />,
            },
            {
              key: 'documents',
              label: t('documents'),
              children: <Documents vehicle={query.data} />,
            },
            {
              key: 'completeness',
              label: t('completeness'),
              children: (
                <CompletenessBar value={query.data.completeness} missing={query.data.missingFields} />
              ),
            },
            {
              key: 'missing',
              label: t('missing'),
              children: <MissingFields fields={query.data.missingFields} />,
            },
            { key: 'updated', label: t('updated'), children: formatInstant(query.data.updatedAt) },
          ]}
        />
      )}
    </Drawer>
  );
}

/** 厂内车辆台账 (ledger B): the enterprise's in-plant vehicles; enterprise admins add and edit them. */
export default function InPlantPage() {
  const { enterpriseId = '' } = useParams();
  const t = useMessages(messages);
  const account = useAccount();
  const [url, setUrl] = useUrlState(REGISTRY_URL_KEYS);
  const [editing, setEditing] = useState<{ vehicle?: InPlantVehicle } | null>(null);
  const canEdit = allows(account.role, 'PUT', ONE_ROUTE);
  const query = useQuery({
    queryKey: ['in-plant', enterpriseId, 'list'],
    queryFn: () => unwrap(api.GET(LIST_ROUTE, { params: { path: { enterpriseId } } })),
  });
  const rows = useMemo(
    () => filterRegistry(query.data ?? [], url, (row) => [row.number, row.vin, row.engineNo]),
    [query.data, url],
  );
  const columns: TableColumnsType<InPlantVehicle> = [
    { key: 'number', title: t('number'), dataIndex: 'number' },
    {
      key: 'registrationDate',
      title: t('registrationDate'),
      render: (_, row) => row.registrationDate ?? '—',
    },
    { key: 'vin', title: t('vin'), render: (_, row) => row.vin ?? '—' },
    { key: 'engineNo', title: t('engineNo'), render: (_, row) => row.engineNo ?? '—' },
    {
      key: 'stage',
      title: t('stage'),
      render: (_, row) => <StageTag stage={row.emissionStage} source={row.stageSource} />,
    },
    { key: 'documents', title: t('documents'), render: (_, row) => <Documents vehicle={row} /> },
    {
      key: 'completeness',
      title: t('completeness'),
      width: 150,
      render: (_, row) => <CompletenessBar value={row.completeness} missing={row.missingFields} />,
    },
  ];
  return (
    <Card
      title={t('title')}
      extra={
        canEdit ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
            {t('add')}
          </Button>
        ) : null
      }
    >
      <RegistryFilters url={url} onChange={setUrl} searchPlaceholder={t('search')} />
      <Loadable query={query} isEmpty={(all) => all.length === 0}>
        {() => (
          <Table<InPlantVehicle>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            scroll={{ x: 900 }}
            pagination={{
              current: pageOf(url, rows.length),
              pageSize: REGISTRY_PAGE_SIZE,
              total: rows.length,
              showSizeChanger: false,
              showTotal: (count) => t('count', { count }),
              onChange: (page) => setUrl({ page: page > 1 ? String(page) : undefined }),
            }}
            onRow={(row) => ({ onClick: () => setUrl({ open: row.number }), style: { cursor: 'pointer' } })}
          />
        )}
      </Loadable>
      {url.open ? (
        <VehicleDrawer
          enterpriseId={enterpriseId}
          number={url.open}
          canEdit={canEdit}
          onEdit={(vehicle) => setEditing({ vehicle })}
          onClose={() => setUrl({ open: undefined })}
        />
      ) : null}
      {editing ? (
        <InPlantForm
          enterpriseId={enterpriseId}
          vehicle={editing.vehicle}
          onClose={(saved) => {
            setEditing(null);
            if (saved) setUrl({ open: saved.number });
          }}
        />
      ) : null}
    </Card>
  );
}
