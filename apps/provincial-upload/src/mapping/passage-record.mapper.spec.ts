import { aPassage } from '../testing/upload-test-kit';
import { type ImageResolver, mapPassageToRecord } from './passage-record.mapper';

// Stands in for the presigned links (images/image-links.ts): the mapper only looks them up.
const images: ImageResolver = (ref) =>
  `https://img.example.test/o/${ref.bucket}/${ref.key}?X-Amz-Expires=86400`;

describe('mapPassageToRecord', () => {
  it('maps a passage to a valid transport-passage record with domain codes and CST time', () => {
    const passage = aPassage({
      passageId: 'p-42',
      capturedAt: '2024-01-15T00:30:00.000Z',
      emissionStage: 'VIb',
      plate: { text: '冀B12345', colour: 'yellow' },
      cargo: { name: '铁矿石', tonnes: 32.46 },
    });
    const mapped = mapPassageToRecord('eg-1-r1', passage, images);
    expect(mapped).toEqual({
      ok: true,
      record: {
        serial: 'eg-1-r1',
        kind: 'transport-passage',
        capturedAt: '20240115 083000',
        payload: {
          plate: '冀B12345',
          plateColour: '1',
          direction: 'in',
          gate: 'east-1',
          registrationDate: '20210315',
          vin: 'LFWSRXRJ8M1E00001',
          engineNo: 'CA6DM3-46E61',
          stage: '6',
          cargo: '铁矿石',
          tonnes: 32.5,
          fleet: '自有',
          images: {
            vehicle:
              'https://img.example.test/o/ecogate-photos/passages/p-42/vehicle.jpg?X-Amz-Expires=86400',
            plate: 'https://img.example.test/o/ecogate-photos/passages/p-42/plate.jpg?X-Amz-Expires=86400',
            drivingLicence:
              'https://img.example.test/o/ecogate-photos/passages/p-42/dl.jpg?X-Amz-Expires=86400',
          },
        },
      },
    });
  });

  it.each([
    ['electric', 'D'],
    ['0', '0'],
    ['IV', '4'],
    ['VI', '6'],
  ] as const)('maps stage %s to export code %s', (emissionStage, code) => {
    const mapped = mapPassageToRecord('s', aPassage({ emissionStage }), images);
    expect(mapped.ok && mapped.record.kind === 'transport-passage' && mapped.record.payload.stage).toBe(code);
  });

  it.each([
    ['blue', '2'],
    ['green', '4'],
    ['white', '0'],
  ] as const)('maps plate colour %s to GA code %s', (colour, code) => {
    const mapped = mapPassageToRecord('s', aPassage({ plate: { text: '京A12345', colour } }), images);
    expect(mapped.ok && mapped.record.kind === 'transport-passage' && mapped.record.payload.plateColour).toBe(
      code,
    );
  });

  it('says which fields are missing or wrong instead of sending a record the platform must refuse', () => {
    const passage = aPassage({ vin: 'OIQ', fleet: undefined, documents: undefined });
    const mapped = mapPassageToRecord('s', passage, images);
    expect(mapped.ok).toBe(false);
    expect(!mapped.ok && mapped.reason).toMatch(/payload\.vin: must be 17 characters/);
    expect(!mapped.ok && mapped.reason).toMatch(/payload\.fleet/);
    expect(!mapped.ok && mapped.reason).toMatch(/inventoryList or drivingLicence/);
  });

  it('cannot send without photos: the protocol requires the vehicle image', () => {
    const mapped = mapPassageToRecord('s', aPassage(), undefined);
    expect(!mapped.ok && mapped.reason).toMatch(/payload\.images\.vehicle/);
  });

  it("applies an operator's corrections over the mapped payload", () => {
    const mapped = mapPassageToRecord('s', aPassage({ vin: 'OIQ' }), images, { vin: 'LFWSRXRJ8M1E00009' });
    expect(mapped.ok && mapped.record.kind === 'transport-passage' && mapped.record.payload.vin).toBe(
      'LFWSRXRJ8M1E00009',
    );
  });
});
