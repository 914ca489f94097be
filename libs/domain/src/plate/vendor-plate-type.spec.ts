import { normaliseVendorPlateType } from './vendor-plate-type';

describe('normaliseVendorPlateType', () => {
  it.each([
    ['hikvision', '92TypeCivil', 'ordinary', false],
    ['hikvision', 'yellowTwoLine', 'large', true],
    ['hikvision', 'arm', 'police', false],
    ['hikvision', '92TypeArm', 'armed-police', false],
    ['hikvision', 'twoLineArm', 'armed-police', true],
    ['hikvision', 'upDownMilitay', 'military', true],
    ['hikvision', 'embassy', 'embassy', false],
    ['hikvision', 'consulate', 'consulate', false],
    ['hikvision', 'newEnergy', 'new-energy', false],
    ['hikvision', 'trailer', 'trailer', false],
    ['hikvision', 'coach', 'coach', false],
    ['hikvision', 'hongKongMacao', 'hong-kong-macau', false],
    ['hikvision', 'motorola', 'motorcycle', false],
    ['hikvision', 'civilAviation', 'civil-aviation', false],
    ['hikvision', 'tempTravl', 'temporary', false],
    ['hikvision', 0, 'ordinary', false],
    ['hikvision', 4, 'large', true],
    ['dahua', 'Normal', 'small', false],
    ['dahua', 'Yellow', 'large', false],
    ['dahua', 'DoubleYellow', 'large', true],
    ['dahua', 'Police', 'police', false],
    ['dahua', 'Armed', 'armed-police', false],
    ['dahua', 'DoubleMilitary', 'military', true],
    ['dahua', 'SAR', 'hong-kong-macau', false],
    ['dahua', 'Trainning', 'coach', false],
    ['dahua', 'Embassy', 'embassy', false],
    ['dahua', 'PureNewEnergyMicroCar', 'new-energy-small', false],
    ['dahua', 'MixedNewEnergyLargeCar', 'new-energy-large', false],
    ['dahua', 'Emergency', 'emergency', false],
    ['dahua', 'Civilaviation', 'civil-aviation', false],
    ['dahua', 'Unknown', 'unknown', false],
    ['vzenith', 1, 'small', false],
    ['vzenith', 3, 'large', false],
    ['vzenith', 4, 'large', true],
    ['vzenith', '5', 'police', false],
    ['vzenith', 11, 'hong-kong', false],
    ['vzenith', 13, 'coach', false],
  ] as const)('%s %p → %s (double row: %s)', (vendor, token, type, doubleRow) => {
    expect(normaliseVendorPlateType(vendor, token)).toEqual({
      type,
      doubleRow,
      raw: String(token),
      recognised: true,
    });
  });

  it.each([
    ['hikvision', 'spaceship'],
    ['dahua', 3],
    ['vzenith', 'Normal'],
    ['vzenith', 99],
    ['dahua', 'toString'],
  ] as const)('%s %p is unknown, raw kept', (vendor, token) => {
    expect(normaliseVendorPlateType(vendor, token)).toEqual({
      type: 'unknown',
      doubleRow: false,
      raw: String(token),
      recognised: false,
    });
  });
});
