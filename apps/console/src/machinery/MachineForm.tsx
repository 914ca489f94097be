import { FUEL_LABELS, FUELS, NON_ROAD_MACHINERY_CATEGORIES, VEHICLE_CATEGORY_LABELS } from '@ecogate/domain';
import { Alert, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import { RegistryForm, StageFields } from '../shared/RegistryForm';
import {
  type Machine,
  type MachineProblem,
  machineUpsert,
  type MachineValues,
  machineValuesOf,
  ONE_ROUTE,
} from './machinery-form';
import { messages } from './messages';

type FormValues = Omit<MachineValues, 'productionDate'> & { readonly productionDate?: Dayjs | null };

const FIELD: Record<MachineProblem, keyof FormValues | undefined> = {
  codeRequired: 'registrationCode',
  disclosureInvalid: 'disclosureNumber',
  stageSourceRequired: 'stageSource',
  needOne: undefined,
};

/** Add a machine to ledger C, or edit one (the registration code is its key). Audited by the ledger. */
export function MachineForm({
  enterpriseId,
  machine,
  onClose,
}: {
  enterpriseId: string;
  machine?: Machine;
  onClose: (saved?: Machine) => void;
}) {
  const t = useMessages(messages);
  const { language } = useI18n();
  const lang = language === 'en' ? 'en' : 'zh';
  const initial = machineValuesOf(machine);
  return (
    <RegistryForm
      t={t}
      title={machine ? `${t('edit')} · ${machine.registrationCode}` : t('add')}
      name="machine"
      initialValues={{
        ...initial,
        productionDate: initial.productionDate ? dayjs(initial.productionDate) : null,
      }}
      fieldOf={FIELD}
      check={(values: FormValues) =>
        machineUpsert({ ...values, productionDate: values.productionDate?.format('YYYY-MM-DD') })
      }
      save={({ code, body }) =>
        unwrap(api.PUT(ONE_ROUTE, { params: { path: { enterpriseId, code } }, body }))
      }
      invalidates={['machinery', enterpriseId]}
      onClose={onClose}
    >
      <Form.Item
        name="registrationCode"
        label={t('registrationCode')}
        rules={[{ required: true, whitespace: true, message: t('codeRequired') }]}
      >
        <Input maxLength={32} disabled={machine !== undefined} />
      </Form.Item>
      <Form.Item
        name="disclosureNumber"
        label={t('disclosureNumber')}
        extra={t('disclosureHint')}
        rules={[{ len: 24, message: t('disclosureInvalid') }]}
      >
        <Input maxLength={24} />
      </Form.Item>
      <Form.Item name="productionDate" label={t('productionDate')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <StageFields t={t} />
      <Form.Item name="machineCode" label={t('machineCode')}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="machineType" label={t('machineType')}>
        <Select
          allowClear
          options={NON_ROAD_MACHINERY_CATEGORIES.map((type) => ({
            value: type,
            label: VEHICLE_CATEGORY_LABELS[type][lang],
          }))}
        />
      </Form.Item>
      <Form.Item name="fuel" label={t('fuel')}>
        <Select allowClear options={FUELS.map((fuel) => ({ value: fuel, label: FUEL_LABELS[fuel][lang] }))} />
      </Form.Item>
      <Form.Item name="owner" label={t('owner')}>
        <Input maxLength={100} />
      </Form.Item>
      <Alert type="info" showIcon title={t('image.unsupported')} />
    </RegistryForm>
  );
}
