import { useEffect, useReducer, useState } from 'react';
import { sessionFetch } from '../api/session-fetch';
import { applyLive, emptyLiveState, type LiveMessage, type LiveState } from './live-state';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'ended';

const EVENTS = ['decision', 'barrier', 'camera'] as const;

/**
 * The enterprise's live lanes over Server-Sent Events from the gateway (no polling). EventSource
 * reconnects by itself; when the stream ends because the access token expired (≤ 5 min), the session
 * is renewed first and the stream opened again.
 */
export function useLiveLanes(enterpriseId: string): { state: LiveState; status: StreamStatus } {
  const [state, dispatch] = useReducer(applyLive, undefined, emptyLiveState);
  const [status, setStatus] = useState<StreamStatus>('connecting');

  useEffect(() => {
    let source: EventSource | undefined;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const url = `/api/live/v1/enterprises/${encodeURIComponent(enterpriseId)}/lanes`;

    const open = () => {
      source = new EventSource(url);
      source.onopen = () => setStatus('open');
      for (const name of EVENTS)
        source.addEventListener(name, (event: MessageEvent<string>) =>
          dispatch({ id: event.lastEventId, event: name, data: JSON.parse(event.data) } as LiveMessage),
        );
      source.onerror = () => {
        if (stopped || !source) return;
        if (source.readyState === EventSource.CONNECTING) {
          setStatus('reconnecting');
          return;
        }
        // Closed: refused (401 after the token expired, 429…). Renew the session, then try again.
        source.close();
        setStatus('reconnecting');
        retry = setTimeout(() => {
          sessionFetch(new Request('/auth/me'))
            .then((response) => (response.ok ? open() : setStatus('ended')))
            .catch(() => (retry = setTimeout(open, 5_000)));
        }, 1_000);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [enterpriseId]);

  return { state, status };
}
