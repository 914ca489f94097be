import { EditOutlined } from '@ant-design/icons';
import { Progress, Tag, Tooltip, Typography } from 'antd';
import { useMessages } from '../i18n/messages';
import { formatInstant } from '../shared/time';
import { fieldMessages } from './fields';
import { messages } from './messages';

/** One direction of a passage: 进/出, gate and lane, and when (only the side that was recorded). */
export function SideCell({
  side,
  gate,
  lane,
  at,
}: {
  side: 'entry' | 'exit';
  gate: string | null | undefined;
  lane: string | null | undefined;
  at?: string | null;
}) {
  const t = useMessages(messages);
  if (!gate && !lane && !at) return null;
  return (
    <Typography.Text>
      <Tag color={side === 'entry' ? 'geekblue' : 'purple'} style={{ marginInlineEnd: 6 }}>
        {t(side === 'entry' ? 'direction.in' : 'direction.out')}
      </Tag>
      {gate ?? '—'}
      {lane ? ` / ${lane}` : ''}
      {at ? (
        <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
          {formatInstant(at).slice(11)}
        </Typography.Text>
      ) : null}
    </Typography.Text>
  );
}

/** Share of the ledger's required fields present; the missing ones on hover. */
export function CompletenessBar({ value, missing }: { value: number; missing?: readonly string[] | null }) {
  const t = useMessages(messages);
  const field = useMessages(fieldMessages);
  const percent = Math.round(value * 100);
  const bar = (
    <Progress
      percent={percent}
      size="small"
      status={percent >= 100 ? 'success' : 'normal'}
      aria-label={`${t('column.completeness')} ${percent}%`}
    />
  );
  return missing && missing.length > 0 ? (
    <Tooltip
      title={`${t('detail.missing')}: ${missing
        .map((name) => (name in fieldMessages ? field(name as keyof typeof fieldMessages) : name))
        .join('、')}`}
    >
      {bar}
    </Tooltip>
  ) : (
    bar
  );
}

/** 人工录入: a passage a person entered because no camera recorded it. */
export function ManualMark({ manual }: { manual: boolean | null | undefined }) {
  const t = useMessages(messages);
  return manual ? (
    <Tag icon={<EditOutlined />} color="orange">
      {t('manual.yes')}
    </Tag>
  ) : null;
}
