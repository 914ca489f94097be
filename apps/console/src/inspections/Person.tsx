import { Tooltip, Typography } from 'antd';

/**
 * Who did something: the display name the ledger kept from their token, the account id on hover
 * (the id is the record; older rows have no name, so the id shows).
 */
export function Person({ id, name }: { id: string | null; name: string | null }) {
  if (!id) return <>—</>;
  if (!name) return <Typography.Text code>{id}</Typography.Text>;
  return (
    <Tooltip title={id}>
      <span data-account-id={id} style={{ borderBottom: '1px dotted', cursor: 'help' }}>
        {name}
      </span>
    </Tooltip>
  );
}
