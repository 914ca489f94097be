import { useEffect, useRef, useState } from 'react';
import { sessionFetch } from '../api/session-fetch';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'ended';

/** What to do with each named event of the stream: its data (JSON text) and its id. */
export type StreamListeners = Readonly<Record<string, (data: string, id: string) => void>>;

/**
 * A gateway stream (Server-Sent Events) kept open while the component lives. EventSource reconnects
 * by itself; when the stream ends because it was refused (the access token expired, ≤ 5 min; 429),
 * the session is renewed first and the stream opened again, or `ended` when the session is gone.
 * `url` changes reopen it; the listeners may change on every render.
 */
export function useEventStream(url: string, listeners: StreamListeners): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const current = useRef(listeners);
  useEffect(() => {
    current.current = listeners;
  });
  const names = Object.keys(listeners).sort().join(',');

  useEffect(() => {
    let source: EventSource | undefined;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      source = new EventSource(url);
      source.onopen = () => setStatus('open');
      for (const name of names.split(','))
        source.addEventListener(name, (event: MessageEvent<string>) =>
          current.current[name]?.(event.data, event.lastEventId),
        );
      source.onerror = () => {
        if (stopped || !source) return;
        if (source.readyState === EventSource.CONNECTING) {
          setStatus('reconnecting');
          return;
        }
        // Closed: refused. Renew the session, then try again.
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
  }, [url, names]);

  return status;
}
