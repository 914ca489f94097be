import { Table, Tag } from 'antd';
import { useMessages } from '../i18n/messages';
import { PlateChip } from '../shared/vehicle-tags';
import { messages } from './messages';
import { type Passage } from './types';

type Reads = NonNullable<Passage['entryReads']>;
type Read = NonNullable<Reads['camera']>;

/** The camera's and the server's reads of one side, side by side, with their confidence and what settled them. */
export function ReadsTable({ reads }: { reads: Reads }) {
  const t = useMessages(messages);
  const rows = (
    [
      ['camera', reads.camera],
      ['server', reads.server],
    ] as const
  ).flatMap(([who, read]) => (read ? [{ who, read }] : []));
  const disagree =
    reads.camera !== undefined && reads.server !== undefined && reads.camera.text !== reads.server.text;
  return (
    <Table<{ who: 'camera' | 'server'; read: Read }>
      size="small"
      pagination={false}
      rowKey="who"
      dataSource={rows}
      title={() => (
        <>
          {t('detail.reads')}
          {disagree ? (
            <Tag color="warning" style={{ marginInlineStart: 8 }}>
              ≠
            </Tag>
          ) : null}
        </>
      )}
      columns={[
        {
          key: 'who',
          title: '',
          render: (_, { who }) => t(who === 'camera' ? 'detail.read.camera' : 'detail.read.server'),
        },
        {
          key: 'plate',
          title: t('column.plate'),
          render: (_, { read }) => <PlateChip text={read.text} colour={read.colour ?? 'unknown'} />,
        },
        {
          key: 'confidence',
          title: t('detail.confidence'),
          render: (_, { read }) =>
            read.confidence === undefined ? '—' : `${Math.round(read.confidence * 100)}%`,
        },
        {
          // A read the site's registered plates (or its province) settled: say so, and what was read.
          key: 'settledBy',
          title: t('detail.settledBy'),
          render: (_, { read }) =>
            read.settledBy ? (
              <>
                <Tag color={read.settledBy === 'registry-corrected' ? 'orange' : 'blue'}>
                  {t(`settled.${read.settledBy}`)}
                </Tag>
                {read.rawText && read.rawText !== read.text ? t('settled.raw', { raw: read.rawText }) : null}
              </>
            ) : (
              '—'
            ),
        },
        {
          key: 'verdict',
          title: t('column.verdict'),
          render: (_, { read }) => (
            <Tag color={read.verdict === 'trusted' ? 'success' : 'warning'}>
              {read.verdict === 'trusted' ? t('read.trusted') : t('read.doubtful')}
            </Tag>
          ),
        },
      ]}
    />
  );
}
