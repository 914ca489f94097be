import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useEventStream } from '../shared/use-event-stream';
import { ALERT_VIEW, ALERT_VIEW_STREAM, alertViewKey, snapshotOf } from './alert-view-model';

export { type StreamStatus } from '../shared/use-event-stream';

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
  const url = districtCode
    ? `${ALERT_VIEW_STREAM}?districtCode=${encodeURIComponent(districtCode)}`
    : ALERT_VIEW_STREAM;
  const status = useEventStream(url, {
    snapshot: (data) => {
      const view = snapshotOf(data);
      if (view) queries.setQueryData(key, view);
    },
  });

  return { query, status };
}
