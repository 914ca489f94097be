import { Space, Tag } from 'antd';
import { defineMessages, useMessages } from '../i18n/messages';

/** The ledgers' required fields (libs/domain's completeness) as the guide words them. */
export const fieldMessages = defineMessages({
  'entry-time': ['进厂时间', 'entry time'],
  'entry-photo': ['进厂照片', 'entry photo'],
  'exit-time': ['出厂时间', 'exit time'],
  'exit-photo': ['出厂照片', 'exit photo'],
  'plate-image': ['车牌照片', 'plate image'],
  'plate-number': ['车牌号', 'plate number'],
  'registration-date': ['注册登记日期', 'registration date'],
  vin: ['车辆识别代号（VIN）', 'VIN'],
  'engine-number': ['发动机号码', 'engine number'],
  'emission-stage': ['排放阶段', 'emission stage'],
  'vehicle-document': ['随车清单或行驶证', 'inventory list or driving licence'],
  'cargo-name': ['运输货物名称', 'cargo'],
  'cargo-quantity': ['运输量', 'cargo quantity'],
  'fleet-name': ['车队名称', 'fleet'],
  'registration-or-internal-number': ['号牌号码或内部编号', 'plate or internal number'],
  'environmental-registration-code': ['环保登记编码', 'environmental registration code'],
  'production-date': ['生产日期', 'production date'],
  'machine-code': ['机械编码', 'machine code'],
  'engine-nameplate-image': ['发动机铭牌照片', 'engine nameplate image'],
  'machine-nameplate-image': ['机械铭牌照片', 'machine nameplate image'],
  'environmental-label-image': ['环保信息标签照片', 'environmental label image'],
  'machine-type': ['机械种类', 'machine type'],
  fuel: ['燃料类型', 'fuel'],
  owner: ['所属单位', 'owner'],
});

/** What a record lacks for its ledger, in words (an unknown field name as itself). */
export function MissingFields({ fields }: { fields: readonly string[] }) {
  const t = useMessages(fieldMessages);
  if (fields.length === 0) return <>—</>;
  return (
    <Space size={[4, 4]} wrap>
      {fields.map((field) => (
        <Tag key={field} color="orange">
          {field in fieldMessages ? t(field as keyof typeof fieldMessages) : field}
        </Tag>
      ))}
    </Space>
  );
}
