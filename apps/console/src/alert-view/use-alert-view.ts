import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import { sessionFetch } from '../api/session-fetch';
import { ALERT_VIEW, ALERT_VIEW_STREAM, alertViewKey, snapshotOf } from './alert-view-model';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'ended';

/**
 * The alert view: read once, then kept current by the gateway's stream, whose every `snapshot`
 * replaces the query's data (a reconnect starts with a fresh one, so nothing is missed). When the
 * stream is refused (the access token expired), the session is renewed first and it is opened again.
 */
export function useAlertView(districtCode: string | undefined) {
  const queries = useQueryClient();
  const key = alertViewKey(districtCode);
  const query = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET(ALERT_VIEW, { params: { query: districtCode ? { districtCode } : {} } })),
  });
  const [status, setStatus] = useState<StreamStatus>('connecting');

  useEffect(() => {
    let source: EventSource | undefined;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const url = districtCode
      ? `${ALERT_VIEW_STREAM}?districtCode=${encodeURIComponent(districtCode)}`
      : ALERT_VIEW_STREAM;
    const open = () => {
      source = new EventSource(url);
      source.onopen = () => setStatus('open');
      source.addEventListener('snapshot', (event: MessageEvent<string>) => {
        const view = snapshotOf(event.data);
        if (view) queries.setQueryData(alertViewKey(districtCode), view);
      });
      source.onerror = () => {
        if (stopped || !source) return;
        if (source.readyState === EventSource.CONNECTING) {
          setStatus('reconnecting');
          return;
        }
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
  }, [districtCode, queries]);

  return { query, status };
}
