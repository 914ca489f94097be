import { Controller, Headers, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { BodyTooLargeError, readLimitedBody } from '@ecogate/http-edge';
import { LOADING_AREA_CAMERA } from '../loading-area/loading-area-camera.repository';
import { type DeviceLane, hasLane } from '../registry/device-lane';
import { type PushDevice } from '../registry/registry.repository';
import { type Request, type Response } from 'express';
import { ANPR_PUSH_ADAPTERS, type AnprPushAdapter, isPushVendor } from './anpr-push.adapter';
import { ClientAddressResolver } from './client-address';
import { IngestException } from './ingest.exception';
import { IngestPushService } from './ingest-push.service';
import { LoadingAreaPushService } from './loading-area-push.service';
import { PushAuthService } from './push-auth.service';
import { PUSH_SETTINGS, type PushSettings } from './push-settings';

export const SECRET_HEADER = 'x-ecogate-device-secret';

/**
 * Where cameras push plate reads: `/push/:vendor/:deviceId/:secret` for cameras that only take a
 * URL, or the secret in a header. An ANPR camera's push is a lane read; a loading-area camera's,
 * a loading-area frame. The app has no global body parser: the camera is authenticated
 * before a byte of the body is read, and the body is read under a size limit.
 */
@Controller('push')
export class PushController {
  private readonly clientAddress: ClientAddressResolver;

  constructor(
    @Inject(ANPR_PUSH_ADAPTERS) private readonly adapters: readonly AnprPushAdapter[],
    @Inject(PushAuthService) private readonly auth: PushAuthService,
    @Inject(IngestPushService) private readonly ingest: IngestPushService,
    @Inject(LoadingAreaPushService) private readonly loadingAreaPush: LoadingAreaPushService,
    @Inject(PUSH_SETTINGS) private readonly settings: PushSettings,
  ) {
    this.clientAddress = new ClientAddressResolver(settings.trustedProxies);
  }

  @Post(':vendor/:deviceId/:secret')
  withPathSecret(
    @Param('vendor') vendor: string,
    @Param('deviceId') deviceId: string,
    @Param('secret') secret: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.handle(vendor, deviceId, secret, req, res);
  }

  @Post(':vendor/:deviceId')
  withHeaderSecret(
    @Param('vendor') vendor: string,
    @Param('deviceId') deviceId: string,
    @Headers(SECRET_HEADER) secret: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.handle(vendor, deviceId, secret, req, res);
  }

  private async handle(
    vendor: string,
    deviceId: string,
    secret: string | undefined,
    req: Request,
    res: Response,
  ): Promise<void> {
    const adapter = isPushVendor(vendor) ? this.adapters.find((a) => a.vendor === vendor) : undefined;
    if (!adapter) throw new IngestException('unknown-vendor', `no push receiver for vendor ${vendor}`);
    const device = await this.auth.authenticate(
      adapter.vendor,
      deviceId,
      secret,
      this.clientAddress.resolve(req.socket.remoteAddress ?? '', req.headers['x-forwarded-for']),
    );
    const body = await readLimitedBody(req, this.settings.maxBodyBytes, req.headers['content-length']).catch(
      refusedBody,
    );
    const push = await adapter.parse(req.headers['content-type'] ?? '', body, this.settings);
    // A loading-area camera's push is a frame for server-side recognition, never a lane read.
    const ingesting =
      device.kind === LOADING_AREA_CAMERA
        ? this.loadingAreaPush.ingest(device, push)
        : this.ingest.ingest(laneDevice(device), push);
    const outcome = await ingesting.catch((error: unknown) => {
      if (error instanceof IngestException && error.retryAfterSeconds !== undefined)
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    });
    const reply = adapter.reply(outcome);
    res.status(reply.status).type(reply.contentType).send(reply.body);
  }
}

/** Every pushing kind but a loading-area camera stands on a lane (`CHK_devices_place`). */
function laneDevice(device: PushDevice): PushDevice & { readonly lane: DeviceLane } {
  if (!hasLane(device)) throw new Error(`device ${device.id} (${device.kind}) has no lane`);
  return device;
}

/** A body that was too large or never arrived whole, as the push receivers' refusal. */
function refusedBody(error: unknown): never {
  if (error instanceof BodyTooLargeError) throw new IngestException('payload-too-large', error.message);
  throw new IngestException('malformed-payload', `request body aborted: ${(error as Error).message}`);
}
