import { useReducer } from 'react';
import { type StreamStatus, useEventStream } from '../shared/use-event-stream';
import { applyLive, emptyLiveState, type LiveMessage, type LiveState } from './live-state';

export { type StreamStatus };

const EVENTS = ['decision', 'barrier', 'camera'] as const;

/**
 * The enterprise's live lanes over Server-Sent Events from the gateway (no polling). EventSource
 * reconnects by itself; when the stream ends because the access token expired (≤ 5 min), the session
 * is renewed first and the stream opened again.
 */
export function useLiveLanes(enterpriseId: string): { state: LiveState; status: StreamStatus } {
  const [state, dispatch] = useReducer(applyLive, undefined, emptyLiveState);
  const status = useEventStream(
    `/api/live/v1/enterprises/${encodeURIComponent(enterpriseId)}/lanes`,
    Object.fromEntries(
      EVENTS.map((event) => [
        event,
        (data: string, id: string) => dispatch({ id, event, data: JSON.parse(data) } as LiveMessage),
      ]),
    ),
  );

  return { state, status };
}
