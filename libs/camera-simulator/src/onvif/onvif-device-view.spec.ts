import { OnvifDeviceSimulator } from './onvif-device-simulator';

describe('OnvifDeviceSimulator view', () => {
  it('serves the view a test shows, and the sample scene again once it is taken away', () => {
    const device = new OnvifDeviceSimulator();
    const sample = device.snapshot;
    const covered = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);

    device.showView(covered);
    expect(device.snapshot.equals(covered)).toBe(true);

    device.showView(undefined);
    expect(device.snapshot.equals(sample)).toBe(true);
    expect(sample.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });
});
