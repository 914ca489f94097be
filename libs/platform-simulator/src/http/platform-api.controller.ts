import { Controller, HttpCode, Inject, Post, Req, UseInterceptors } from '@nestjs/common';
import { type HeartbeatAck, type RecordsAck } from '@ecogate/platform-protocol';
import type { IncomingMessage } from 'node:http';
import { RequestAuthenticator } from '../auth/request-authenticator';
import { HeartbeatService } from '../ingest/heartbeat.service';
import { RecordIngestService } from '../ingest/record-ingest.service';
import { credentialsFromHeaders } from './header-credentials';
import { MalformedAckInterceptor } from './malformed-ack.interceptor';
import { readRawBody } from './raw-body';
import { SimulatorLimits } from './simulator-limits';

// Explicit @Inject tokens everywhere: the app also runs under tsx (esbuild), which emits no
// decorator type metadata for Nest to resolve constructor parameters by.

/** The reference platform's HTTP API: signed record batches and heartbeats. */
@Controller('api/v1')
@UseInterceptors(MalformedAckInterceptor)
export class PlatformApiController {
  constructor(
    @Inject(RequestAuthenticator) private readonly authenticator: RequestAuthenticator,
    @Inject(RecordIngestService) private readonly ingest: RecordIngestService,
    @Inject(HeartbeatService) private readonly heartbeats: HeartbeatService,
    @Inject(SimulatorLimits) private readonly limits: SimulatorLimits,
  ) {}

  @Post('records')
  @HttpCode(200)
  async records(@Req() req: IncomingMessage): Promise<RecordsAck> {
    const body = await readRawBody(req, this.limits.maxBodyBytes);
    const nowMs = Date.now();
    const appId = this.authenticator.authenticate('http', credentialsFromHeaders(req.headers), body, nowMs);
    return this.ingest.ingest(body, { appId, via: 'http', nowMs });
  }

  @Post('heartbeat')
  @HttpCode(200)
  async heartbeat(@Req() req: IncomingMessage): Promise<HeartbeatAck> {
    const body = await readRawBody(req, this.limits.maxBodyBytes);
    const nowMs = Date.now();
    this.authenticator.authenticate('http', credentialsFromHeaders(req.headers), body, nowMs);
    return this.heartbeats.beat(body, 'http', nowMs);
  }
}
