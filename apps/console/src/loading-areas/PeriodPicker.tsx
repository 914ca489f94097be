import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { type Period } from './loading-areas';

/** A period of Shanghai days (both ends included), as the URL keeps it. */
export function PeriodPicker({
  period,
  label,
  onChange,
}: {
  period: Period;
  label: string;
  onChange: (period: Period) => void;
}) {
  return (
    <DatePicker.RangePicker
      aria-label={label}
      allowClear={false}
      value={[dayjs(period.from), dayjs(period.to)]}
      onChange={(range) => {
        const [from, to] = range ?? [];
        if (from && to) onChange({ from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') });
      }}
    />
  );
}
