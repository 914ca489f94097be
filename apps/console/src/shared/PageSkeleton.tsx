import { Card, Skeleton } from 'antd';

/** What a page shows while its code or first data loads. */
export function PageSkeleton() {
  return (
    <Card variant="borderless">
      <Skeleton active paragraph={{ rows: 8 }} />
    </Card>
  );
}
