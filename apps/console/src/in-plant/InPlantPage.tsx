import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { RegistryPage, stageOf } from '../shared/RegistryPage';
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

const searchOf = (row: InPlantVehicle) => [row.number, row.vin, row.engineNo];

/** 厂内车辆台账 (ledger B): the enterprise's in-plant vehicles; enterprise admins add and edit them. */
export default function InPlantPage() {
  const { enterpriseId = '' } = useParams();
  const t = useMessages(messages);
  const account = useAccount();
  const list = useQuery({
    queryKey: ['in-plant', enterpriseId, 'list'],
    queryFn: () => unwrap(api.GET(LIST_ROUTE, { params: { path: { enterpriseId } } })),
  });
  return (
    <RegistryPage<InPlantVehicle>
      t={t}
      canEdit={allows(account.role, 'PUT', ONE_ROUTE)}
      list={list}
      search={searchOf}
      idOf={(row) => row.number}
      columns={[
        { key: 'number', title: t('number'), dataIndex: 'number' },
        {
          key: 'registrationDate',
          title: t('registrationDate'),
          render: (_, row) => row.registrationDate ?? '—',
        },
        { key: 'vin', title: t('vin'), render: (_, row) => row.vin ?? '—' },
        { key: 'engineNo', title: t('engineNo'), render: (_, row) => row.engineNo ?? '—' },
        { key: 'stage', title: t('stage'), render: (_, row) => stageOf(row) },
        { key: 'documents', title: t('documents'), render: (_, row) => <Documents vehicle={row} /> },
      ]}
      detail={{
        size: 520,
        load: (number) => ({
          queryKey: ['in-plant', enterpriseId, 'one', number],
          queryFn: () => unwrap(api.GET(ONE_ROUTE, { params: { path: { enterpriseId, number } } })),
        }),
        items: (row) => [
          { key: 'number', label: t('number'), children: row.number },
          { key: 'registrationDate', label: t('registrationDate'), children: row.registrationDate ?? '—' },
          { key: 'vin', label: t('vin'), children: row.vin ?? '—' },
          { key: 'engineNo', label: t('engineNo'), children: row.engineNo ?? '—' },
          { key: 'stage', label: t('stage'), children: stageOf(row) },
          { key: 'documents', label: t('documents'), children: <Documents vehicle={row} /> },
        ],
      }}
      form={(vehicle, onClose) => (
        <InPlantForm enterpriseId={enterpriseId} vehicle={vehicle} onClose={onClose} />
      )}
    />
  );
}
