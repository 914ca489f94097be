import { Space, Tag, Tooltip, Typography } from 'antd';
import { useMessages } from '../i18n/messages';
import {
  CHAIN_STATE_COLOUR,
  chainProofState,
  latestHash,
  type PassageChainProof,
  shortHash,
} from './chain-proof-model';
import { messages } from './messages';

function Details({ proof }: { proof: PassageChainProof }) {
  const t = useMessages(messages);
  return (
    <div style={{ fontSize: 12 }}>
      {proof.entries.map((entry) => (
        <div key={entry.seq} style={{ wordBreak: 'break-all' }}>
          #{entry.seq} {t(`chainKind.${entry.kind}`)} {entry.hash}
        </div>
      ))}
      <div>{t('proof.linksChecked', { count: proof.linksChecked })}</div>
      {proof.root ? (
        <div style={{ wordBreak: 'break-all' }}>
          {t('proof.root', {
            day: proof.root.day,
            seq: proof.root.lastSeq,
            key: proof.root.keyId,
            hash: proof.root.lastHash,
          })}
        </div>
      ) : (
        <div>{t('proof.unsignedHelp')}</div>
      )}
      {proof.problems.map((problem) => (
        <div key={problem}>{problem}</div>
      ))}
    </div>
  );
}

/** 链上校验 of one sampled passage: its state, the signed root's day and its latest link's hash, the details on hover. */
export function ChainProofTag({ proof }: { proof: PassageChainProof }) {
  const t = useMessages(messages);
  const state = chainProofState(proof);
  const hash = latestHash(proof);
  const label =
    state === 'signed' || state === 'unchecked'
      ? t(`proof.${state}`, { day: proof.root?.day ?? '' })
      : t(`proof.${state}`);
  return (
    <Tooltip title={state === 'unchained' ? t('proof.unchainedHelp') : <Details proof={proof} />}>
      <Space orientation="vertical" size={0} data-testid="chain-proof">
        <Tag color={CHAIN_STATE_COLOUR[state]} style={{ whiteSpace: 'nowrap' }}>
          {label}
        </Tag>
        {hash ? (
          <Typography.Text type="secondary" code style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {shortHash(hash)}
          </Typography.Text>
        ) : null}
      </Space>
    </Tooltip>
  );
}
