import { createHash } from 'node:crypto';
import { type AlertView } from '@ecogate/contracts';
import { type SseMessage } from './sse-stream';

/** What a snapshot says, without the instant it was read: two reads alike are one message. */
export function snapshotKey(view: AlertView): string {
  const { at: _, ...content } = view;
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 16);
}

/** `event: snapshot`, `id:` the content's key (the same view is never sent twice in a row). */
export const snapshotMessage = (view: AlertView): SseMessage => ({
  id: snapshotKey(view),
  event: 'snapshot',
  data: view,
});

export interface AlertViewWatch {
  /** Read the view again (the caller's scope); a failure skips the tick. */
  readonly read: () => Promise<AlertView>;
  readonly send: (message: SseMessage) => void;
  readonly intervalMs: number;
  readonly onReadFailure: (error: unknown) => void;
}

/**
 * Re-reads the view every `intervalMs` and sends it when it changed since the last one sent, the
 * `first` one at once. One read at a time: a slow ledger delays the next tick rather than piling up.
 * Returns the stop.
 */
export function watchAlertView(first: AlertView, watch: AlertViewWatch): () => void {
  let last = snapshotKey(first);
  watch.send(snapshotMessage(first));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async (): Promise<void> => {
    try {
      const view = await watch.read();
      const key = snapshotKey(view);
      if (!stopped && key !== last) {
        last = key;
        watch.send(snapshotMessage(view));
      }
    } catch (error) {
      if (!stopped) watch.onReadFailure(error);
    }
    schedule();
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => void tick(), watch.intervalMs);
    timer.unref();
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
