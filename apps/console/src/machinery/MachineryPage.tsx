import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { FUEL_LABELS, isFuel, isVehicleCategory, VEHICLE_CATEGORY_LABELS } from '@ecogate/domain';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Drawer, Table, type TableColumnsType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
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
import { LIST_ROUTE, type Machine, ONE_ROUTE } from './machinery-form';
import { MachineForm } from './MachineForm';
import { messages } from './messages';

function useLabels() {
  const { language } = useI18n();
  const lang = language === 'en' ? 'en' : 'zh';
  return {
    type: (value: string | null) =>
      value && isVehicleCategory(value) ? VEHICLE_CATEGORY_LABELS[value][lang] : (value ?? '—'),
    fuel: (value: string | null) => (value && isFuel(value) ? FUEL_LABELS[value][lang] : (value ?? '—')),
  };
}

function Images({ machine }: { machine: Machine }) {
  const t = useMessages(messages);
  return (
    <>
      <Tag color={machine.engineNameplate ? 'success' : 'default'}>{t('image.engine')}</Tag>
      <Tag color={machine.machineNameplate ? 'success' : 'default'}>{t('image.machine')}</Tag>
      <Tag color={machine.environmentalLabel ? 'success' : 'default'}>{t('image.label')}</Tag>
    </>
  );
}

function MachineDrawer({
  enterpriseId,
  code,
  canEdit,
  onEdit,
  onClose,
}: {
  enterpriseId: string;
  code: string;
  canEdit: boolean;
  onEdit: (machine: Machine) => void;
  onClose: () => void;
}) {
  const t = useMessages(messages);
  const label = useLabels();
  const query = useQuery({
    queryKey: ['machinery', enterpriseId, 'one', code],
    queryFn: () => unwrap(api.GET(ONE_ROUTE, { params: { path: { enterpriseId, code } } })),
  });
  return (
    <Drawer
      open
      size={560}
      title={`${t('detail')} · ${code}`}
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
            { key: 'registrationCode', label: t('registrationCode'), children: query.data.registrationCode },
            {
              key: 'disclosureNumber',
              label: t('disclosureNumber'),
              children: query.data.disclosureNumber ?? '—',
            },
            { key: 'productionDate', label: t('productionDate'), children: query.data.productionDate ?? '—' },
            {
              key: 'stage',
              label: t('stage'),
              children: <StageTag stage={query.data.emissionStage} source={query.data.stageSource} />,
            },
            { key: 'machineCode', label: t('machineCode'), children: query.data.machineCode ?? '—' },
            { key: 'machineType', label: t('machineType'), children: label.type(query.data.machineType) },
            { key: 'fuel', label: t('fuel'), children: label.fuel(query.data.fuel) },
            { key: 'owner', label: t('owner'), children: query.data.owner ?? '—' },
            {
              key: 'images',
              label: t('images'),
              children: <Images machine={query.data} />,
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

/** 非道路移动机械台账 (ledger C): the enterprise's machinery; enterprise admins add and edit it. */
export default function MachineryPage() {
  const { enterpriseId = '' } = useParams();
  const t = useMessages(messages);
  const label = useLabels();
  const account = useAccount();
  const [url, setUrl] = useUrlState(REGISTRY_URL_KEYS);
  const [editing, setEditing] = useState<{ machine?: Machine } | null>(null);
  const canEdit = allows(account.role, 'PUT', ONE_ROUTE);
  const query = useQuery({
    queryKey: ['machinery', enterpriseId, 'list'],
    queryFn: () => unwrap(api.GET(LIST_ROUTE, { params: { path: { enterpriseId } } })),
  });
  const rows = useMemo(
    () => filterRegistry(query.data ?? [], url, (row) => [row.registrationCode, row.machineCode, row.owner]),
    [query.data, url],
  );
  const columns: TableColumnsType<Machine> = [
    { key: 'code', title: t('registrationCode'), dataIndex: 'registrationCode' },
    { key: 'type', title: t('machineType'), render: (_, row) => label.type(row.machineType) },
    { key: 'fuel', title: t('fuel'), render: (_, row) => label.fuel(row.fuel) },
    { key: 'owner', title: t('owner'), render: (_, row) => row.owner ?? '—' },
    { key: 'productionDate', title: t('productionDate'), render: (_, row) => row.productionDate ?? '—' },
    {
      key: 'stage',
      title: t('stage'),
      render: (_, row) => <StageTag stage={row.emissionStage} source={row.stageSource} />,
    },
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
          <Table<Machine>
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
            onRow={(row) => ({
              onClick: () => setUrl({ open: row.registrationCode }),
              style: { cursor: 'pointer' },
            })}
          />
        )}
      </Loadable>
      {url.open ? (
        <MachineDrawer
          enterpriseId={enterpriseId}
          code={url.open}
          canEdit={canEdit}
          onEdit={(machine) => setEditing({ machine })}
          onClose={() => setUrl({ open: undefined })}
        />
      ) : null}
      {editing ? (
        <MachineForm
          enterpriseId={enterpriseId}
          machine={editing.machine}
          onClose={(saved) => {
            setEditing(null);
            if (saved) setUrl({ open: saved.registrationCode });
          }}
        />
      ) : null}
    </Card>
  );
}
