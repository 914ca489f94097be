import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Input, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { useMessages } from '../i18n/messages';
import { type Inspection, markBody, ROUTES, type Verdict, verdictProblem } from './inspection-model';
import { messages } from './messages';

export function VerdictView({ verdict, note }: { verdict: Verdict | null; note: string | null }) {
  const t = useMessages(messages);
  if (!verdict) return <Tag>—</Tag>;
  return (
    <Space size={4} wrap>
      <Tag color={verdict === 'consistent' ? 'success' : 'error'}>{t(`verdict.${verdict}`)}</Tag>
      {note ? <Typography.Text type="secondary">{note}</Typography.Text> : null}
    </Space>
  );
}

/**
 * 一致/不一致 with a note for one item; the answer (the whole inspection) replaces the page's.
 * 一致 is saved on its click (the common case, a dozen times per inspection); 不一致 waits for the
 * note that says what is wrong, then 保存结论.
 */
export function VerdictEditor({
  enterpriseId,
  inspectionId,
  itemId,
  verdict,
  note,
  onSaved,
}: {
  enterpriseId: string;
  inspectionId: string;
  itemId: string;
  verdict: Verdict | null;
  note: string | null;
  onSaved: (inspection: Inspection) => void;
}) {
  const t = useMessages(messages);
  const [choice, setChoice] = useState<Verdict | undefined>(verdict ?? undefined);
  const [text, setText] = useState(note ?? '');
  const [tried, setTried] = useState(false);
  const problem = verdictProblem(choice, text);
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof markBody>) =>
      unwrap(api.PUT(ROUTES.item, { params: { path: { enterpriseId, inspectionId, itemId } }, body })),
    onSuccess: onSaved,
  });
  const submit = () => {
    setTried(true);
    if (choice && !problem) save.mutate(markBody(choice, text));
  };
  return (
    <Space orientation="vertical" size={4} style={{ minWidth: 220 }}>
      <Radio.Group
        size="small"
        optionType="button"
        value={choice}
        onChange={(e) => {
          const picked = e.target.value as Verdict;
          setChoice(picked);
          if (picked === 'consistent') save.mutate(markBody(picked, text));
        }}
        options={[
          { value: 'consistent', label: t('verdict.consistent') },
          { value: 'inconsistent', label: t('verdict.inconsistent') },
        ]}
      />
      <Input.TextArea
        aria-label={t('verdict.note')}
        placeholder={t('verdict.note')}
        autoSize={{ minRows: 1, maxRows: 3 }}
        value={text}
        onChange={(e) => setText(e.target.value)}
        status={tried && problem === 'note-required' ? 'error' : undefined}
      />
      {tried && problem ? <Typography.Text type="danger">{t(`verdict.${problem}`)}</Typography.Text> : null}
      {save.error ? (
        <Alert
          type="error"
          showIcon
          title={
            save.error instanceof ApiError ? `${save.error.reason} (${save.error.code})` : String(save.error)
          }
        />
      ) : null}
      <Button size="small" type="primary" loading={save.isPending} onClick={submit}>
        {t('verdict.save')}
      </Button>
    </Space>
  );
}
