import { type ServerResponse } from 'node:http';
import { alertViewQuerySchema } from '@ecogate/contracts';
import { type Logger } from '@ecogate/telemetry';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { type GatewayRequest } from '../edge/request-context';
import { parseBody } from '../http/parse';
import { type AlertViewSource } from './alert-view-source';
import { watchAlertView } from './alert-view-watch';
import { type LaneStreams } from './lane-streams';
import { LiveError } from './live.errors';
import { expiryOf } from './token-expiry';
import { openSseStream, type SseSettings, type SseStream } from './sse-stream';

export const ALERT_VIEW_STREAM_PATH = 'api/live/v1/alert-view';
export const ALERT_VIEW_STREAM_OPTIONS = Symbol('AlertViewStreamOptions');

export interface AlertViewStreamOptions {
  /** The ledger's view, read as the caller; absent where no ledger is configured (503). */
  readonly source?: AlertViewSource;
  /** Open streams per caller (keyed by subject) and in all. */
  readonly streams: LaneStreams;
  readonly sse: SseSettings;
  /** How often the view is read again (15 s: a passage shows within a minute). */
  readonly intervalMs: number;
  readonly log: Logger;
}

/**
 * `GET /api/live/v1/alert-view[?districtCode]`: the ledger's alert view (`GET /api/v1/alert-view`)
 * for the caller, pushed as Server-Sent Events. Not a relay of topic events: every connection
 * starts with a fresh full `snapshot`, then the view is read again every `intervalMs` and sent
 * whenever it changed, so a reconnect (after the token's expiry, a network cut, another replica)
 * needs no `Last-Event-ID` and misses nothing. The ledger scopes each read to the caller's token.
 */
@Controller(ALERT_VIEW_STREAM_PATH)
export class AlertViewStreamController {
  constructor(@Inject(ALERT_VIEW_STREAM_OPTIONS) private readonly options: AlertViewStreamOptions) {}

  @Get()
  async stream(
    @Query() rawQuery: unknown,
    @Req() req: GatewayRequest,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const query = parseBody(alertViewQuerySchema, rawQuery);
    const { source, streams } = this.options;
    const caller = req.caller;
    if (!source) throw new LiveError('live-unavailable', 'no ledger is configured for the alert view');
    if (!caller) throw new LiveError('live-unavailable', 'no caller');
    const read = () => source(caller.token, query);
    // The first snapshot before the stream opens: a ledger that cannot answer is a 503, not an empty stream.
    const first = await read().catch((error: unknown) => {
      this.options.log.warn({ err: error }, 'alert view: the ledger did not answer the first read');
      throw new LiveError('live-unavailable', 'the ledger is unavailable; retry');
    });
    const stream: { opened?: SseStream; stop?: () => void } = {};
    const subscription = streams.subscribe(caller.principal.subject, {
      send: () => undefined,
      end: () => stream.opened?.end(),
    });
    if (subscription.outcome !== 'subscribed')
      throw subscription.outcome === 'closed'
        ? new LiveError('live-unavailable', 'the gateway is shutting down; reconnect')
        : new LiveError('too-many-streams', 'too many live streams are open; close one or retry later');
    stream.opened = openSseStream(res, this.options.sse, expiryOf(caller.token), () => {
      stream.stop?.();
      subscription.unsubscribe();
    });
    const opened = stream.opened;
    stream.stop = watchAlertView(first, {
      read,
      send: (message) => opened.send(message),
      intervalMs: this.options.intervalMs,
      onReadFailure: (error) => this.options.log.warn({ err: error }, 'alert view: a read failed; next tick'),
    });
  }
}
