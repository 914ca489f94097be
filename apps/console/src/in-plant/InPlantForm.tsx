import { DatePicker, Form, Input, Alert } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { RegistryForm, StageFields } from '../shared/RegistryForm';
import {
  type InPlantProblem,
  inPlantUpsert,
  type InPlantValues,
  inPlantValuesOf,
  type InPlantVehicle,
  ONE_ROUTE,
} from './in-plant-form';
import { messages } from './messages';

type FormValues = Omit<InPlantValues, 'registrationDate'> & { readonly registrationDate?: Dayjs | null };

const FIELD: Record<InPlantProblem, keyof FormValues | undefined> = {
  numberRequired: 'number',
  vinInvalid: 'vin',
  stageSourceRequired: 'stageSource',
  needOne: undefined,
};

/** Add a vehicle to ledger B, or edit one (the number is its key and stays). Audited by the ledger. */
export function InPlantForm({
  enterpriseId,
  vehicle,
  onClose,
}: {
  enterpriseId: string;
  vehicle?: InPlantVehicle;
  onClose: (saved?: InPlantVehicle) => void;
}) {
  const t = useMessages(messages);
  const initial = inPlantValuesOf(vehicle);
  return (
    <RegistryForm
      t={t}
      title={vehicle ? `${t('edit')} · ${vehicle.number}` : t('add')}
      name="in-plant-vehicle"
      initialValues={{
        ...initial,
        registrationDate: initial.registrationDate ? dayjs(initial.registrationDate) : null,
      }}
      fieldOf={FIELD}
      check={(values: FormValues) =>
        inPlantUpsert({ ...values, registrationDate: values.registrationDate?.format('YYYY-MM-DD') })
      }
      save={({ number, body }) =>
        unwrap(api.PUT(ONE_ROUTE, { params: { path: { enterpriseId, number } }, body }))
      }
      invalidates={['in-plant', enterpriseId]}
      onClose={onClose}
    >
      <Form.Item
        name="number"
        label={t('number')}
        rules={[{ required: true, whitespace: true, message: t('numberRequired') }]}
      >
        <Input maxLength={32} disabled={vehicle !== undefined} />
      </Form.Item>
      <Form.Item name="registrationDate" label={t('registrationDate')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="vin"
        label={t('vin')}
        normalize={(value: string) => value.toUpperCase()}
        rules={[{ pattern: /^[A-HJ-NPR-Z0-9]{17}$/, message: t('vinInvalid') }]}
      >
        <Input maxLength={17} />
      </Form.Item>
      <Form.Item name="engineNo" label={t('engineNo')}>
        <Input maxLength={32} />
      </Form.Item>
      <StageFields t={t} />
      <Alert type="info" showIcon title={t('doc.unsupported')} />
    </RegistryForm>
  );
}
