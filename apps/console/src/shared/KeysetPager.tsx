import { LeftOutlined, RightOutlined, VerticalRightOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import { defineMessages, useMessages } from '../i18n/messages';
import { type KeysetPaging, PAGE_SIZES } from './keyset';

const messages = defineMessages({
  first: ['首页', 'First page'],
  previous: ['上一页', 'Previous'],
  next: ['下一页', 'Next'],
  page: ['第 {page} 页', 'Page {page}'],
  size: ['{size} 条/页', '{size} / page'],
});

/** Previous / next over a keyset-paged list (no total: the service never counts the whole ledger). */
export function KeysetPager({
  paging,
  nextCursor,
  loading,
  pageSize,
  onPageSize,
}: {
  paging: KeysetPaging;
  nextCursor: string | null | undefined;
  loading?: boolean;
  pageSize?: number;
  onPageSize?: (size: number) => void;
}) {
  const t = useMessages(messages);
  return (
    <Space style={{ marginTop: 16, justifyContent: 'flex-end', width: '100%' }} wrap>
      {paging.page === undefined || paging.page > 2 ? (
        <Button icon={<VerticalRightOutlined />} onClick={paging.first} disabled={loading}>
          {t('first')}
        </Button>
      ) : null}
      <Button icon={<LeftOutlined />} onClick={paging.previous} disabled={!paging.hasPrevious || loading}>
        {t('previous')}
      </Button>
      {paging.page !== undefined ? (
        <Typography.Text type="secondary">{t('page', { page: paging.page })}</Typography.Text>
      ) : null}
      <Button
        onClick={() => nextCursor && paging.next(nextCursor)}
        disabled={!nextCursor || loading}
        icon={<RightOutlined />}
        iconPlacement="end"
      >
        {t('next')}
      </Button>
      {onPageSize ? (
        <Select
          aria-label="page size"
          value={pageSize}
          onChange={onPageSize}
          options={PAGE_SIZES.map((size) => ({ value: size, label: t('size', { size }) }))}
          style={{ width: 110 }}
        />
      ) : null}
    </Space>
  );
}
