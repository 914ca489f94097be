import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Tag } from 'antd';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { Loadable } from '../shared/Loadable';
import { formatInstant } from '../shared/time';
import { PlateChip, StageTag, VerdictTag } from '../shared/vehicle-tags';
import { CompletePassageForm } from './CompletePassageForm';
import { MissingFields } from './fields';
import { messages } from './messages';
import { CompletenessBar, ManualMark } from './passage-cells';
import { PassagePhoto, type PhotoSide } from './PassagePhoto';
import { ReadsTable } from './ReadsTable';
import { ReasonTags } from './ReasonTags';
import { type Passage, PASSAGES_KEY } from './types';
import { CLIPS, PassageClip } from '../video/PassageClip';
import { VehicleDocuments } from './VehicleDocuments';
import { VEHICLE } from '../vehicle-stage/api';
import { VehicleStagePanel } from '../vehicle-stage/VehicleStagePanel';

const ONE = '/api/ledger/v1/enterprises/{enterpriseId}/passages/{passageId}';
const DOCUMENTS = '/api/ledger/v1/enterprises/{enterpriseId}/vehicles/{plate}/documents/{kind}';

/** One direction of the passage: when, where, the decision with its reasons, the reads, the photos. */
function SideCard({
  enterpriseId,
  passage,
  side,
}: {
  enterpriseId: string;
  passage: Passage;
  side: PhotoSide;
}) {
  const t = useMessages(messages);
  const entry = side === 'entry';
  const at = entry ? passage.entryCapturedAt : passage.exitCapturedAt;
  const gate = entry ? passage.entryGateId : passage.exitGateId;
  const lane = entry ? passage.entryLaneId : passage.exitLaneId;
  const verdict = entry ? passage.entryVerdict : passage.exitVerdict;
  const reasons = entry ? passage.entryReasons : passage.exitReasons;
  const reads = entry ? passage.entryReads : passage.exitReads;
  const manual = entry ? passage.entryManual : passage.exitManual;
  return (
    <Card size="small" title={t(entry ? 'side.entry' : 'side.exit')} style={{ height: '100%' }}>
      {!at ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('side.none')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'column.time', label: t('column.time'), children: formatInstant(at) },
              {
                key: 'column.gate',
                label: t('column.gate'),
                children: (
                  <>
                    {gate ?? '—'}
                    {lane ? ` / ${lane}` : ''}
                  </>
                ),
              },
              {
                key: 'column.verdict',
                label: t('column.verdict'),
                children: <VerdictTag verdict={verdict} />,
              },
              {
                key: 'detail.reasons',
                label: t('detail.reasons'),
                children: <ReasonTags reasons={reasons} />,
              },
            ]}
          />
          {manual ? (
            <Alert
              type="warning"
              showIcon
              title={t('detail.manualBy', {
                by: manual.by,
                at: formatInstant(manual.at),
                reason: manual.reason,
              })}
              description={manual.note}
            />
          ) : null}
          {reads && (reads.camera || reads.server) ? <ReadsTable reads={reads} /> : null}
          <Space wrap align="start">
            <PassagePhoto enterpriseId={enterpriseId} passageId={passage.id} side={side} kind="scene" />
            <PassagePhoto
              enterpriseId={enterpriseId}
              passageId={passage.id}
              side={side}
              kind="plate"
              width={180}
            />
          </Space>
        </Space>
      )}
    </Card>
  );
}

/** One passage of 运输车辆台账: both directions with photos and decisions, completion, documents. */
export default function PassagePage() {
  const { enterpriseId = '', passageId = '' } = useParams();
  const t = useMessages(messages);
  const account = useAccount();
  const navigate = useNavigate();
  const location = useLocation();
  const back = (location.state as { from?: string } | null)?.from ?? `/e/${enterpriseId}/passages`;
  const query = useQuery({
    queryKey: [PASSAGES_KEY, enterpriseId, 'one', passageId],
    queryFn: () => unwrap(api.GET(ONE, { params: { path: { enterpriseId, passageId } } })),
  });
  const canComplete = allows(account.role, 'PATCH', ONE);
  const seesDocuments = allows(account.role, 'GET', DOCUMENTS);
  const seesClips = allows(account.role, 'GET', CLIPS);
  const seesVehicleStage = allows(account.role, 'GET', VEHICLE);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(back)}>
        {t('detail.back')}
      </Button>
      <Loadable query={query}>
        {(passage) => (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card
              title={
                <Space wrap>
                  {t('detail.title')}
                  <PlateChip text={passage.plate} colour={passage.plateColour} />
                  <Tag>{t(`state.${passage.state}`)}</Tag>
                  <ManualMark manual={passage.manual} />
                  {passage.reviewState ? (
                    <Tag color={passage.reviewState === 'open' ? 'warning' : 'success'}>
                      {t(`review.${passage.reviewState}`)}
                    </Tag>
                  ) : null}
                </Space>
              }
            >
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2, xl: 3 }}
                items={[
                  {
                    key: 'column.stage',
                    label: t('column.stage'),
                    children: <StageTag stage={passage.stage} source={passage.stageSource} />,
                  },
                  {
                    key: 'column.completeness',
                    label: t('column.completeness'),
                    children: (
                      <div style={{ width: 160 }}>
                        <CompletenessBar value={passage.completeness} missing={passage.missingFields} />
                      </div>
                    ),
                  },
                  {
                    key: 'detail.missing',
                    label: t('detail.missing'),
                    children: <MissingFields fields={passage.missingFields} />,
                  },
                  { key: 'detail.cargo', label: t('detail.cargo'), children: passage.cargoName ?? '—' },
                  { key: 'detail.tonnes', label: t('detail.tonnes'), children: passage.cargoTonnes ?? '—' },
                  { key: 'detail.fleet', label: t('detail.fleet'), children: passage.fleet ?? '—' },
                  { key: 'detail.revision', label: t('detail.revision'), children: passage.revision },
                  {
                    key: 'detail.updated',
                    label: t('detail.updated'),
                    children: formatInstant(passage.updatedAt),
                  },
                ]}
              />
              {passage.reviewState ? (
                <Descriptions
                  size="small"
                  title={t('detail.review')}
                  column={{ xs: 1, md: 2 }}
                  items={[
                    {
                      key: 'reasons',
                      label: t('detail.reasons'),
                      children: <ReasonTags reasons={passage.reviewReasons} />,
                    },
                    ...(passage.reviewedAt
                      ? [
                          {
                            key: 'resolved',
                            label: t('review.resolved'),
                            children: [
                              passage.reviewedBy ?? '',
                              formatInstant(passage.reviewedAt),
                              ...(passage.reviewNote ? [passage.reviewNote] : []),
                            ].join(' · '),
                          },
                        ]
                      : []),
                  ]}
                />
              ) : null}
            </Card>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <SideCard enterpriseId={enterpriseId} passage={passage} side="entry" />
              </Col>
              <Col xs={24} xl={12}>
                <SideCard enterpriseId={enterpriseId} passage={passage} side="exit" />
              </Col>
            </Row>
            {canComplete ? (
              <Card size="small" title={t('complete.title')}>
                <CompletePassageForm
                  key={passage.revision}
                  enterpriseId={enterpriseId}
                  passage={passage}
                  onReload={() => void query.refetch()}
                />
              </Card>
            ) : null}
            {seesDocuments ? (
              <Card size="small" title={t('doc.title')}>
                <VehicleDocuments enterpriseId={enterpriseId} plate={passage.plate} />
              </Card>
            ) : null}
            {seesVehicleStage ? (
              <Card size="small" title={t('doc.stageCheck')}>
                <VehicleStagePanel enterpriseId={enterpriseId} plate={passage.plate} />
              </Card>
            ) : null}
            {seesClips ? (
              <Card size="small" title={t('detail.clip')}>
                <PassageClip enterpriseId={enterpriseId} passageId={passage.id} />
              </Card>
            ) : null}
          </Space>
        )}
      </Loadable>
    </Space>
  );
}
