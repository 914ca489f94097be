import { DEVICE_KINDS, DEVICE_VENDORS } from './device.entity';
import { issuesPushSecret } from './registry.service';

describe('issuesPushSecret', () => {
  it('gives every ANPR camera a push secret, and a loading-area camera only of a push vendor', () => {
    const issued = DEVICE_KINDS.flatMap((kind) =>
      DEVICE_VENDORS.filter((vendor) => issuesPushSecret({ kind, vendor })).map(
        (vendor) => `${kind}/${vendor}`,
      ),
    );
    expect(issued.sort()).toEqual(
      [
        ...DEVICE_VENDORS.map((vendor) => `anpr-camera/${vendor}`),
        'loading-area-camera/dahua',
        'loading-area-camera/hikvision',
        'loading-area-camera/vzenith',
      ].sort(),
    );
  });
});
