import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Input } from 'antd';
import { api, unwrap } from '../api/client';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';

const GATES = '/api/camera-ingest/v1/enterprises/{enterpriseId}/gates';

/**
 * A gate id: typed, or picked from the enterprise's gates where the role may list them (camera
 * ingest's registry; gate staff may not, and type the id the lane's sign shows).
 */
export function GateInput({
  enterpriseId,
  id,
  value,
  onChange,
  onPick,
  onPressEnter,
  width,
}: {
  enterpriseId: string;
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  /** A gate chosen from the list (the filter applies it at once). */
  onPick?: (value: string) => void;
  onPressEnter?: () => void;
  width?: number | string;
}) {
  const account = useAccount();
  const canList = allows(account.role, 'GET', GATES);
  const gates = useQuery({
    queryKey: ['gates', enterpriseId],
    queryFn: () => unwrap(api.GET(GATES, { params: { path: { enterpriseId } } })),
    enabled: canList,
    staleTime: 300_000,
  });
  const typed = (value ?? '').toLowerCase();
  const options = (gates.data ?? [])
    .filter(
      (gate) => !typed || gate.id.toLowerCase().includes(typed) || gate.name.toLowerCase().includes(typed),
    )
    .map((gate) => ({ value: gate.id, label: `${gate.name} (${gate.id})` }));
  return (
    <AutoComplete
      id={id}
      value={value}
      options={options}
      onChange={(next: string) => onChange?.(next)}
      onSelect={(picked: string) => {
        onChange?.(picked);
        onPick?.(picked);
      }}
      style={{ width }}
    >
      <Input allowClear onPressEnter={onPressEnter} />
    </AutoComplete>
  );
}
