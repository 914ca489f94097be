import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Segmented, Space, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { Loadable } from '../shared/Loadable';
import { formatInstant } from '../shared/time';
import { useUrlState } from '../shared/url-state';
import { READS, REVIEWS, REVIEWS_KEY, type StageReview } from './api';
import { BackfillButton, BackfillProgress } from './BackfillButton';
import { messages } from './messages';
import { ResolveReviewButton, ReviewSources } from './StageReviewAlert';

const STATES = ['open', 'resolved'] as const;
type ReviewState = (typeof STATES)[number];
const isState = (value: string | undefined): value is ReviewState => STATES.includes(value as ReviewState);

/** 车辆排放阶段待复核: vehicles whose stage evidence disagrees between sources, and the backfill of reads. */
export default function VehicleReviewsPage() {
  const { enterpriseId = '' } = useParams();
  const t = useMessages(messages);
  const account = useAccount();
  const [url, setUrl] = useUrlState(['state', 'batch'] as const);
  const state: ReviewState = isState(url.state) ? url.state : 'open';
  const reviews = useQuery({
    queryKey: [REVIEWS_KEY, enterpriseId, state],
    queryFn: () => unwrap(api.GET(REVIEWS, { params: { path: { enterpriseId }, query: { state } } })),
    placeholderData: keepPreviousData,
  });
  const canBackfill = allows(account.role, 'POST', READS);
  const canResolve = allows(
    account.role,
    'POST',
    '/api/ledger/v1/enterprises/{enterpriseId}/vehicle-reviews/{plate}/resolution',
  );
  return (
    <Card
      title={t('page.title')}
      extra={
        canBackfill ? (
          <Space wrap>
            {url.batch ? <BackfillProgress enterpriseId={enterpriseId} batchId={url.batch} /> : null}
            <BackfillButton enterpriseId={enterpriseId} onStarted={(batch) => setUrl({ batch })} />
          </Space>
        ) : null
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Segmented<ReviewState>
          value={state}
          onChange={(next) => setUrl({ state: next === 'open' ? undefined : next })}
          options={STATES.map((value) => ({ value, label: t(`page.state.${value}`) }))}
        />
        <Loadable
          query={reviews}
          isEmpty={(data) => data.items.length === 0}
          empty={<Typography.Text type="secondary">{t('page.empty')}</Typography.Text>}
        >
          {(data) => (
            <Table<StageReview>
              size="small"
              rowKey="plate"
              dataSource={data.items}
              pagination={false}
              columns={[
                {
                  key: 'plate',
                  title: t('page.plate'),
                  render: (_, review) => <Typography.Text strong>{review.plate}</Typography.Text>,
                },
                {
                  key: 'sources',
                  title: t('page.sources'),
                  render: (_, review) => <ReviewSources review={review} />,
                },
                {
                  key: 'flagged',
                  title: t('page.flaggedAt'),
                  render: (_, review) => formatInstant(review.flaggedAt),
                },
                {
                  key: 'resolution',
                  title: t('page.resolution'),
                  render: (_, review) =>
                    review.state === 'resolved' ? (
                      <Typography.Text type="secondary">
                        {[
                          review.resolvedBy,
                          review.resolvedAt ? formatInstant(review.resolvedAt) : null,
                          review.note,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </Typography.Text>
                    ) : canResolve ? (
                      <ResolveReviewButton enterpriseId={enterpriseId} plate={review.plate} />
                    ) : (
                      '—'
                    ),
                },
                {
                  key: 'passages',
                  title: '',
                  render: (_, review) => (
                    // The passages list filtered by plate: each passage opens the vehicle's documents and stage check.
                    <Link to={`/e/${enterpriseId}/passages?plate=${encodeURIComponent(review.plate)}`}>
                      {t('page.passages')}
                    </Link>
                  ),
                },
              ]}
            />
          )}
        </Loadable>
      </Space>
    </Card>
  );
}
