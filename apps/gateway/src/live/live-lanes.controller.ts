import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { type ServerResponse } from 'node:http';
import { type GatewayRequest } from '../edge/request-context';
import { EnterpriseError } from '../enterprises/enterprise.errors';
import { type LaneStreams, type LaneSubscriber } from './lane-streams';
import { LiveError } from './live.errors';
import { openSseStream, type SseSettings } from './sse-stream';
import { expiryOf } from './token-expiry';

export const LIVE_LANES_PATH = 'api/live/v1/enterprises/:enterpriseId/lanes';
export const LIVE_OPTIONS = Symbol('LiveOptions');

export interface LiveOptions {
  readonly streams: LaneStreams;
  readonly sse: SseSettings;
  /** Registered and active in the directory (answers cached briefly, as for the proxy). */
  readonly enterpriseExists: (enterpriseId: string) => Promise<boolean>;
}

/**
 * `GET /api/live/v1/enterprises/:enterpriseId/lanes`: the enterprise's barrier decisions, barrier
 * commands and camera status as Server-Sent Events, from now on. The policy guard has admitted the
 * caller for this enterprise (`gateway` section of the policy table); the stream ends when the
 * caller's access token expires, so the browser reconnects through a fresh session check.
 */
@Controller(LIVE_LANES_PATH)
export class LiveLanesController {
  constructor(@Inject(LIVE_OPTIONS) private readonly live: LiveOptions) {}

  @Get()
  async stream(
    @Param('enterpriseId') enterpriseId: string,
    @Req() req: GatewayRequest,
    @Res() res: ServerResponse,
  ): Promise<void> {
    let exists: boolean;
    try {
      exists = await this.live.enterpriseExists(enterpriseId);
    } catch {
      throw new LiveError('live-unavailable', 'the enterprise directory is unavailable; retry');
    }
    // The same answer as another tenant's enterprise: nothing is learnt about ids nobody registered.
    if (!exists) throw new EnterpriseError('enterprise-not-found', 'no such enterprise');
    // Subscribed before the stream opens (a refusal must still be able to answer 429), both in one
    // synchronous step, so no event can come in between.
    const stream: { opened?: LaneSubscriber } = {};
    const subscription = this.live.streams.subscribe(enterpriseId, {
      send: (message) => stream.opened?.send(message),
      end: () => stream.opened?.end(),
    });
    if (subscription.outcome !== 'subscribed')
      throw subscription.outcome === 'closed'
        ? new LiveError('live-unavailable', 'the gateway is shutting down; reconnect')
        : new LiveError('too-many-streams', 'too many live streams are open; close one or retry later');
    const { unsubscribe } = subscription;
    stream.opened = openSseStream(res, this.live.sse, expiryOf(req.caller?.token), unsubscribe);
  }
}
