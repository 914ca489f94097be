import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { RegistryRepository, type PushDevice } from '../registry/registry.repository';
import { sourceMatcher } from '../registry/registry.dto';
import { PUSHING_KINDS, sha256 } from '../registry/registry.service';
import { type PushVendor } from './anpr-push.adapter';
import { IngestException } from './ingest.exception';

// Compared against when the device is unknown, so both paths cost the same.
const NO_SECRET = Buffer.alloc(32);

/** Cameras push without authentication of their own: we check the secret in the URL and the source address. */
@Injectable()
export class PushAuthService {
  constructor(@Inject(RegistryRepository) private readonly registry: RegistryRepository) {}

  async authenticate(
    vendor: PushVendor,
    deviceId: string,
    secret: string | undefined,
    sourceAddress: string,
  ): Promise<PushDevice> {
    const device = await this.registry.findDeviceForPush(deviceId);
    const expected = device?.pushSecretSha256 ?? NO_SECRET;
    const given = sha256(secret ?? '');
    const secretMatches = expected.length === given.length && timingSafeEqual(expected, given);
    if (
      !device ||
      !secretMatches ||
      device.pushSecretSha256 === null ||
      !device.enabled ||
      device.vendor !== vendor ||
      !PUSHING_KINDS.has(device.kind)
    ) {
      // One answer for every case: a caller learns nothing about which device ids exist.
      throw new IngestException('unauthorised', 'unknown device, wrong vendor or bad secret');
    }
    if (!sourceMatcher(device.allowedSources)(sourceAddress)) {
      throw new IngestException(
        'source-not-allowed',
        `source ${sourceAddress} is not allowed for this device`,
      );
    }
    return device;
  }
}
