import { type PlanError } from '@ecogate/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Empty, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, ApiError, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { allows } from '../session/permissions';
import { useAccount } from '../session/session';
import { Loadable } from '../shared/Loadable';
import { formatInstant } from '../shared/time';
import { messages } from './messages';
import { PlanDetails } from './PlanDetails';
import { PlanEditor } from './PlanEditor';
import { checkDraft, defaultDraft, domainPlanOf, draftOf, type PlanBody, type PlanDraft } from './plan-draft';

const ROUTE = '/api/ledger/v1/enterprises/{enterpriseId}/emergency-plan';

/** 应急预案: the plan in force; its enterprise's administrator files a new revision. */
export default function EmergencyPlanPage() {
  const t = useMessages(messages);
  const { modal, message } = App.useApp();
  const { enterpriseId = '' } = useParams();
  const account = useAccount();
  const queries = useQueryClient();
  const canEdit = allows(account.role, 'PUT', ROUTE);
  const [draft, setDraft] = useState<PlanDraft | null>(null);
  const [problems, setProblems] = useState<readonly PlanError[]>([]);
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  const key = ['emergency-plan', enterpriseId];
  const plan = useQuery({
    queryKey: key,
    queryFn: async () => {
      try {
        return await unwrap(api.GET(ROUTE, { params: { path: { enterpriseId } } }));
      } catch (error) {
        // None filed yet: the gates run the default plan (barrier control reads the same 404).
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
  const current = useMemo(() => (plan.data ? domainPlanOf(plan.data.plan) : null), [plan.data]);

  const file = useMutation({
    mutationFn: (body: PlanBody) => unwrap(api.PUT(ROUTE, { params: { path: { enterpriseId } }, body })),
    onSuccess: (filed) => {
      queries.setQueryData(key, filed);
      setDraft(null);
      void message.success(t('plan.saved', { revision: filed.revision }));
    },
    onError: (error) =>
      setRefusal(error instanceof ApiError ? error : new ApiError(0, 'network', String(error))),
  });

  const submit = (edited: PlanDraft) => {
    setRefusal(null);
    const checked = checkDraft(enterpriseId, edited, plan.data?.revision ?? 0);
    setProblems(checked.ok ? [] : checked.problems);
    if (!checked.ok) return;
    modal.confirm({
      title: t('plan.confirmTitle'),
      content: t('plan.confirmBody'),
      onOk: () => file.mutateAsync(checked.body).catch(() => undefined),
    });
  };
  const startEditing = (start: PlanDraft) => {
    setProblems([]);
    setRefusal(null);
    setDraft(start);
  };

  return (
    <Card title={t('plan.title')}>
      <Loadable query={plan}>
        {(view) =>
          draft ? (
            <PlanEditor
              initial={draft}
              problems={problems}
              refusal={refusal}
              saving={file.isPending}
              onSubmit={submit}
              onCancel={() => setDraft(null)}
            />
          ) : view && current ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Descriptions size="small" column={3}>
                <Descriptions.Item label={t('plan.revision')}>{view.revision}</Descriptions.Item>
                <Descriptions.Item label={t('plan.filedBy')}>{view.filedBy}</Descriptions.Item>
                <Descriptions.Item label={t('plan.filedAt')}>{formatInstant(view.filedAt)}</Descriptions.Item>
              </Descriptions>
              {canEdit ? (
                <Button type="primary" onClick={() => startEditing(draftOf(current))}>
                  {t('plan.edit')}
                </Button>
              ) : null}
              <PlanDetails plan={current} />
            </Space>
          ) : (
            <Empty description={t('plan.none')}>
              <Typography.Paragraph type="secondary">{t('plan.noneHelp')}</Typography.Paragraph>
              {canEdit ? (
                <Button type="primary" onClick={() => startEditing(defaultDraft(enterpriseId))}>
                  {t('plan.startDefault')}
                </Button>
              ) : null}
            </Empty>
          )
        }
      </Loadable>
    </Card>
  );
}
