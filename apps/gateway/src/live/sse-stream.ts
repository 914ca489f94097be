import { type ServerResponse } from 'node:http';

export interface SseSettings {
  /** A comment line this often keeps proxies and the browser from timing the stream out. */
  readonly heartbeatMs: number;
  /** The browser's reconnection delay after the stream ends (`retry:`). */
  readonly retryMs: number;
  /** A client this far behind (bytes queued, not yet taken by the socket) is cut off. */
  readonly maxBufferedBytes: number;
}

/** One message of a stream: the live lanes' events, the alert view's snapshots. */
export interface SseMessage {
  readonly id: string;
  readonly event: string;
  readonly data: unknown;
}

export interface SseStream {
  send(message: SseMessage): void;
  end(): void;
}

/** The epoch milliseconds when the stream ends (the caller's access token expires). */
export type StreamDeadline = number;

/**
 * Turns a response into a Server-Sent Events stream: headers flushed at once with buffering off
 * (`X-Accel-Buffering: no` for nginx ingresses, `no-transform` against compressing proxies), one
 * `id:`/`event:`/`data:` block per message, a comment heartbeat, and an end at `deadline` so the
 * browser reconnects through a fresh session check. `onEnd` runs once, however the stream ends.
 */
export function openSseStream(
  res: ServerResponse,
  settings: SseSettings,
  deadline: StreamDeadline,
  onEnd: () => void,
): SseStream {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'X-Accel-Buffering': 'no',
    Connection: 'keep-alive',
  });
  res.flushHeaders();
  res.socket?.setNoDelay(true);
  let ended = false;
  const finish = (): void => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    clearTimeout(expiry);
    onEnd();
  };
  const write = (chunk: string): void => {
    if (ended) return;
    res.write(chunk);
    // A reader that does not keep up is cut off rather than buffered for without limit.
    if (res.writableLength > settings.maxBufferedBytes) {
      finish();
      res.destroy();
    }
  };
  const end = (): void => {
    if (ended) return;
    finish();
    res.end();
  };
  const heartbeat = setInterval(() => write(': heartbeat\n\n'), settings.heartbeatMs);
  heartbeat.unref();
  const expiry = setTimeout(end, Math.min(Math.max(0, deadline - Date.now()), 2 ** 31 - 1));
  expiry.unref();
  res.on('close', finish);
  // The browser may have left while the caller was being checked: 'close' has come and gone.
  if (res.destroyed || res.socket === null || res.socket.destroyed) finish();
  write(`retry: ${settings.retryMs}\n: connected\n\n`);
  return {
    send: (message: SseMessage) =>
      write(`id: ${message.id}\nevent: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`),
    end,
  };
}
