import { OnvifDeviceSimulator } from './onvif-device-simulator';

describe('OnvifDeviceSimulator view', () => {
  const jpeg = (n: number) => Buffer.from([0xff, 0xd8, n, 0xff, 0xd9]);

  it('serves the view a test shows, and the sample scene again once it is taken away', () => {
    const device = new OnvifDeviceSimulator();
    const sample = device.snapshot;
    device.showView(jpeg(1));
    expect(device.snapshot).toEqual(jpeg(1));
    device.showView(undefined);
    expect(device.snapshot).toEqual(sample);
    expect(sample.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('starts a list of frames from its first', () => {
    const device = new OnvifDeviceSimulator();
    device.showView([jpeg(1), jpeg(2)]);
    expect(device.snapshot).toEqual(jpeg(1));
    expect(device.snapshotsServed).toBe(0);
  });
});
