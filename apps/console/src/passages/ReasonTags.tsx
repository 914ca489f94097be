import { Space, Tag } from 'antd';
import { useMessages } from '../i18n/messages';
import { isKnownReason, reasonMessages } from './reasons';

/** Reason codes as words, the code itself on hover (and for a code the console does not know yet). */
export function ReasonTags({ reasons }: { reasons: readonly string[] | null | undefined }) {
  const t = useMessages(reasonMessages);
  if (!reasons || reasons.length === 0) return <>—</>;
  return (
    <Space size={[4, 4]} wrap>
      {reasons.map((code) => (
        <Tag key={code} title={code}>
          {isKnownReason(code) ? t(code) : code}
        </Tag>
      ))}
    </Space>
  );
}
