import { Image, Skeleton } from 'antd';
import { useState } from 'react';
import { useMessages } from '../i18n/messages';
import { messages } from './messages';

const ATTEMPTS = 4;
const HEIGHT = 150;

/**
 * A decision's snapshot, through the ledger (a link to the object store, as the session allows).
 * The live event can arrive before the ledger has recorded the passage: try again a few times,
 * showing a placeholder meanwhile rather than a broken image. Keyed by the decision where it is
 * used, so a new vehicle starts with fresh attempts.
 */
export function DecisionPhoto({ enterpriseId, decisionId }: { enterpriseId: string; decisionId: string }) {
  const t = useMessages(messages);
  const [attempt, setAttempt] = useState(0);
  const [waiting, setWaiting] = useState(false);
  const [failed, setFailed] = useState(false);
  const src = `/api/ledger/v1/enterprises/${encodeURIComponent(enterpriseId)}/decisions/${encodeURIComponent(decisionId)}/photos/scene?attempt=${attempt}`;
  if (failed)
    return (
      <div
        style={{
          height: HEIGHT,
          display: 'grid',
          placeItems: 'center',
          background: '#fafafa',
          color: '#999',
        }}
      >
        {t('photo.missing')}
      </div>
    );
  if (waiting) return <Skeleton.Node active style={{ width: '100%', height: HEIGHT }} />;
  return (
    <Image
      src={src}
      alt={t('photo')}
      height={HEIGHT}
      width="100%"
      style={{ objectFit: 'cover' }}
      onError={() => {
        if (attempt + 1 >= ATTEMPTS) {
          setFailed(true);
          return;
        }
        setWaiting(true);
        setTimeout(
          () => {
            setAttempt((n) => n + 1);
            setWaiting(false);
          },
          1_000 * (attempt + 1),
        );
      }}
    />
  );
}
