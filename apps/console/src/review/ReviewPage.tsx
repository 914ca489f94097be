import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Col, Empty, Row, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useMessages } from '../i18n/messages';
import { PassagePhoto } from '../passages/PassagePhoto';
import { ReadsTable } from '../passages/ReadsTable';
import { ReasonTags } from '../passages/ReasonTags';
import { PASSAGES_KEY } from '../passages/types';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { useKeysetPaging } from '../shared/keyset';
import { KeysetPager } from '../shared/KeysetPager';
import { Loadable } from '../shared/Loadable';
import { formatInstant } from '../shared/time';
import { useUrlState } from '../shared/url-state';
import { PlateChip, StageTag, VerdictTag } from '../shared/vehicle-tags';
import { messages } from './messages';
import { type ResolutionBody, RESOLUTION_ROUTE } from './review-form';
import { ReviewForm } from './ReviewForm';
import { QUEUE_ROUTE, type ReviewItem, REVIEW_KEY } from './types';

const STATES = ['open', 'resolved'] as const;
type QueueState = (typeof STATES)[number];

/** One item: both sides' photos (plate crop and scene) and reads side by side, and the form. */
function ReviewCard({
  enterpriseId,
  item,
  canResolve,
  submitting,
  conflict,
  onResolve,
}: {
  enterpriseId: string;
  item: ReviewItem;
  canResolve: boolean;
  submitting: boolean;
  conflict: string | undefined;
  onResolve: (body: ResolutionBody) => void;
}) {
  const t = useMessages(messages);
  const sides = (['entry', 'exit'] as const).filter((side) =>
    side === 'entry' ? item.entryCapturedAt : item.exitCapturedAt,
  );
  return (
    <Card
      size="small"
      data-testid={`review-item-${item.id}`}
      title={
        <Space wrap>
          <PlateChip text={item.plate} colour={item.plateColour} />
          <Typography.Text type="secondary">{formatInstant(item.capturedAt)}</Typography.Text>
          <StageTag stage={item.stage} source={item.stageSource} />
          <Tag>{t('item.revision', { revision: item.revision })}</Tag>
        </Space>
      }
      extra={<Link to={`/e/${enterpriseId}/passages/${item.id}`}>{t('item.open')}</Link>}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{t('item.reasons')}</Typography.Text>
          <ReasonTags reasons={item.reviewReasons} />
        </Space>
        <Row gutter={[16, 16]}>
          {sides.map((side) => {
            const reads = side === 'entry' ? item.entryReads : item.exitReads;
            const verdict = side === 'entry' ? item.entryVerdict : item.exitVerdict;
            return (
              <Col key={side} xs={24} xl={sides.length > 1 ? 12 : 24}>
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Space wrap align="start">
                    <PassagePhoto
                      enterpriseId={enterpriseId}
                      passageId={item.id}
                      side={side}
                      kind="plate"
                      width={200}
                    />
                    <PassagePhoto enterpriseId={enterpriseId} passageId={item.id} side={side} kind="scene" />
                  </Space>
                  <VerdictTag verdict={verdict} />
                  {reads && (reads.camera || reads.server) ? <ReadsTable reads={reads} /> : null}
                </Space>
              </Col>
            );
          })}
        </Row>
        {conflict ? <Alert type="warning" showIcon title={t('form.conflict', { reason: conflict })} /> : null}
        {item.reviewState !== 'open' ? null : canResolve ? (
          <ReviewForm key={item.revision} item={item} submitting={submitting} onSubmit={onResolve} />
        ) : (
          <Typography.Text type="secondary">{t('item.readOnly')}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}

/**
 * 待确认: passages whose read or stage needs a person, newest first. A reviewer confirms or
 * corrects each on its revision; the item then leaves the queue and the passage carries the new
 * revision. Roles that may not resolve (inspectors) see the same queue read-only.
 */
export default function ReviewPage() {
  const { enterpriseId = '' } = useParams();
  const t = useMessages(messages);
  const { t: common } = useI18n();
  const account = useAccount();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [url, setUrl] = useUrlState(['state', 'cursor'] as const);
  const state: QueueState = url.state === 'resolved' ? 'resolved' : 'open';
  const paging = useKeysetPaging(url.cursor, (cursor) => setUrl({ cursor }), state);
  const [conflicts, setConflicts] = useState<Record<string, string>>({});
  const canResolve = allows(account.role, 'POST', RESOLUTION_ROUTE);
  const key = [REVIEW_KEY, enterpriseId, state, url.cursor] as const;
  const query = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(
        api.GET(QUEUE_ROUTE, {
          params: {
            path: { enterpriseId },
            query: { state, ...(url.cursor ? { cursor: url.cursor } : {}), limit: 20 },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const resolve = useMutation({
    mutationFn: ({ passageId, body }: { passageId: string; body: ResolutionBody }) =>
      unwrap(api.POST(RESOLUTION_ROUTE, { params: { path: { enterpriseId, passageId } }, body })),
    onSuccess: (passage, { passageId }) => {
      setConflicts(({ [passageId]: _, ...rest }) => rest);
      // It leaves the queue now; the passage's page shows the new revision.
      queries.setQueryData(key, (page: typeof query.data) =>
        page ? { ...page, items: page.items.filter((item) => item.id !== passageId) } : page,
      );
      queries.setQueryData([PASSAGES_KEY, enterpriseId, 'one', passageId], passage);
      void queries.invalidateQueries({ queryKey: [REVIEW_KEY, enterpriseId] });
      void queries.invalidateQueries({ queryKey: [PASSAGES_KEY, enterpriseId], exact: false });
      void message.success(t('form.done', { plate: passage.plate, revision: passage.revision }));
    },
    onError: (error, { passageId }) => {
      if (error instanceof ApiError && error.status === 409) {
        setConflicts((current) => ({ ...current, [passageId]: error.reason }));
        void queries.invalidateQueries({ queryKey: [REVIEW_KEY, enterpriseId] });
      } else {
        void message.error(error instanceof ApiError ? `${error.reason} (${error.code})` : String(error));
      }
    },
  });
  return (
    <Card
      title={
        <Space>
          {t('title')}
          {!canResolve ? <Tag>{common('common.readOnly')}</Tag> : null}
        </Space>
      }
      extra={
        <Segmented<QueueState>
          value={state}
          onChange={(next) => setUrl({ state: next === 'open' ? undefined : next, cursor: undefined })}
          options={STATES.map((value) => ({ value, label: t(`state.${value}`) }))}
        />
      }
    >
      <Loadable
        query={query}
        isEmpty={(page) => page.items.length === 0 && !url.cursor}
        empty={<Empty description={t('empty')} />}
      >
        {(page) => (
          <>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              {page.items.map((item) => (
                <ReviewCard
                  key={item.id}
                  enterpriseId={enterpriseId}
                  item={item}
                  canResolve={canResolve}
                  submitting={resolve.isPending && resolve.variables.passageId === item.id}
                  conflict={conflicts[item.id]}
                  onResolve={(body) => resolve.mutate({ passageId: item.id, body })}
                />
              ))}
            </Space>
            <KeysetPager
              paging={paging}
              nextCursor={page.nextCursor}
              loading={query.isFetching && query.isPlaceholderData}
            />
          </>
        )}
      </Loadable>
    </Card>
  );
}
