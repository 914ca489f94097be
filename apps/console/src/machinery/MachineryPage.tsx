import { FUEL_LABELS, isFuel, isVehicleCategory, VEHICLE_CATEGORY_LABELS } from '@ecogate/domain';
import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { RegistryPage, stageOf } from '../shared/RegistryPage';
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

const searchOf = (row: Machine) => [row.registrationCode, row.machineCode, row.owner];

/** 非道路移动机械台账 (ledger C): the enterprise's machinery; enterprise admins add and edit it. */
export default function MachineryPage() {
  const { enterpriseId = '' } = useParams();
  const t = useMessages(messages);
  const label = useLabels();
  const account = useAccount();
  const list = useQuery({
    queryKey: ['machinery', enterpriseId, 'list'],
    queryFn: () => unwrap(api.GET(LIST_ROUTE, { params: { path: { enterpriseId } } })),
  });
  return (
    <RegistryPage<Machine>
      t={t}
      canEdit={allows(account.role, 'PUT', ONE_ROUTE)}
      list={list}
      search={searchOf}
      idOf={(row) => row.registrationCode}
      columns={[
        { key: 'code', title: t('registrationCode'), dataIndex: 'registrationCode' },
        { key: 'type', title: t('machineType'), render: (_, row) => label.type(row.machineType) },
        { key: 'fuel', title: t('fuel'), render: (_, row) => label.fuel(row.fuel) },
        { key: 'owner', title: t('owner'), render: (_, row) => row.owner ?? '—' },
        { key: 'productionDate', title: t('productionDate'), render: (_, row) => row.productionDate ?? '—' },
        { key: 'stage', title: t('stage'), render: (_, row) => stageOf(row) },
      ]}
      detail={{
        size: 560,
        load: (code) => ({
          queryKey: ['machinery', enterpriseId, 'one', code],
          queryFn: () => unwrap(api.GET(ONE_ROUTE, { params: { path: { enterpriseId, code } } })),
        }),
        items: (row) => [
          { key: 'registrationCode', label: t('registrationCode'), children: row.registrationCode },
          { key: 'disclosureNumber', label: t('disclosureNumber'), children: row.disclosureNumber ?? '—' },
          { key: 'productionDate', label: t('productionDate'), children: row.productionDate ?? '—' },
          { key: 'stage', label: t('stage'), children: stageOf(row) },
          { key: 'machineCode', label: t('machineCode'), children: row.machineCode ?? '—' },
          { key: 'machineType', label: t('machineType'), children: label.type(row.machineType) },
          { key: 'fuel', label: t('fuel'), children: label.fuel(row.fuel) },
          { key: 'owner', label: t('owner'), children: row.owner ?? '—' },
          { key: 'images', label: t('images'), children: <Images machine={row} /> },
        ],
      }}
      form={(machine, onClose) => (
        <MachineForm enterpriseId={enterpriseId} machine={machine} onClose={onClose} />
      )}
    />
  );
}
