import { Image } from 'antd';
import { useState } from 'react';
import { useMessages } from '../i18n/messages';
import { messages } from './messages';

const ATTEMPTS = 4;

/**
 * A decision's snapshot, through the ledger (a link to the object store, as the session allows).
 * The live event can arrive before the ledger has recorded the passage: try again a few times.
 * Keyed by the decision where it is used, so a new vehicle starts with fresh attempts.
 */
export function DecisionPhoto({ enterpriseId, decisionId }: { enterpriseId: string; decisionId: string }) {
  const t = useMessages(messages);
  const [attempt, setAttempt] = useState(0);
  const [failed, setFailed] = useState(false);
  const src = `/api/ledger/v1/enterprises/${encodeURIComponent(enterpriseId)}/decisions/${encodeURIComponent(decisionId)}/photos/scene?attempt=${attempt}`;
  if (failed)
    return (
      <div
        style={{ height: 150, display: 'grid', placeItems: 'center', background: '#fafafa', color: '#999' }}
      >
        {t('photo.missing')}
      </div>
    );
  return (
    <Image
      src={src}
      alt={t('photo')}
      height={150}
      width="100%"
      style={{ objectFit: 'cover' }}
      onError={() =>
        attempt + 1 < ATTEMPTS
          ? setTimeout(() => setAttempt((n) => n + 1), 1_000 * (attempt + 1))
          : setFailed(true)
      }
    />
  );
}
