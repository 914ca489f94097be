import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import { DeviceAddressRefused, OnvifError, type OnvifErrorCode } from '@ecogate/onvif';
import { type Logger, LOGGER } from '@ecogate/telemetry';
import { type Response } from 'express';

const CODE_OF: Readonly<Record<OnvifErrorCode, string>> = {
  unreachable: 'device-unreachable',
  unauthorised: 'device-unauthorised',
  unsupported: 'device-unsupported',
  protocol: 'device-protocol-error',
};

/** The camera, not the caller, failed: 502 with `{code, reason}` (the rest goes to the app's filter). */
@Catch(OnvifError)
export class OnvifErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: OnvifError, host: ArgumentsHost): void {
    // A URI the camera reported on another host (or a redirect): refused, nothing sent there.
    const code =
      exception instanceof DeviceAddressRefused ? 'device-address-refused' : CODE_OF[exception.code];
    this.logger.warn({ code, reason: exception.message }, 'ONVIF device request failed');
    host.switchToHttp().getResponse<Response>().status(502).json({ code, reason: exception.message });
  }
}
