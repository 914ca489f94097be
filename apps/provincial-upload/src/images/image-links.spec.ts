import { MinioObjectStorage, StorageUnavailableError } from '@ecogate/storage';
import { aPassage } from '../testing/upload-test-kit';
import { mapPassageToRecord } from '../mapping/passage-record.mapper';
import { type ImageLinkSigner, PresignedImageLinks } from './image-links';

describe('PresignedImageLinks', () => {
  const fakeSigner = () => {
    const calls: [string, string, number][] = [];
    const signer: ImageLinkSigner = {
      presignedGetUrl: (bucket, key, ttl) => {
        calls.push([bucket, key, ttl]);
        return Promise.resolve(`https://s3.example.test/${bucket}/${key}?X-Amz-Expires=${ttl}`);
      },
    };
    return { signer, calls };
  };

  it('presigns every image of the batch once, with the configured TTL, for the mapper to look up', async () => {
    const { signer, calls } = fakeSigner();
    const passage = aPassage({ passageId: 'p-1' });
    const resolve = await new PresignedImageLinks(signer, 86_400).resolverFor([passage, passage]);

    expect(calls).toHaveLength(3); // vehicle, plate, driving licence; the repeated passage is not re-signed
    expect(calls.every(([, , ttl]) => ttl === 86_400)).toBe(true);
    const mapped = mapPassageToRecord('s-1', passage, resolve);
    expect(mapped.ok && mapped.record.kind === 'transport-passage' && mapped.record.payload.images).toEqual({
      vehicle: 'https://s3.example.test/ecogate-photos/passages/p-1/vehicle.jpg?X-Amz-Expires=86400',
      plate: 'https://s3.example.test/ecogate-photos/passages/p-1/plate.jpg?X-Amz-Expires=86400',
      drivingLicence: 'https://s3.example.test/ecogate-photos/passages/p-1/dl.jpg?X-Amz-Expires=86400',
    });
  });

  it('leaves an unknown reference unresolved, so the schema reports the missing image', async () => {
    const { signer } = fakeSigner();
    const resolve = await new PresignedImageLinks(signer, 60).resolverFor([]);
    const mapped = mapPassageToRecord('s', aPassage(), resolve);
    expect(!mapped.ok && mapped.reason).toMatch(/payload\.images\.vehicle/);
  });

  it('fails the whole call when storage cannot sign, instead of sending records without images', async () => {
    const signer: ImageLinkSigner = {
      presignedGetUrl: () => Promise.reject(new StorageUnavailableError('object storage unreachable')),
    };
    await expect(new PresignedImageLinks(signer, 60).resolverFor([aPassage()])).rejects.toBeInstanceOf(
      StorageUnavailableError,
    );
  });

  it('gets real SigV4 links from MinioObjectStorage, signed locally (no request to the store)', async () => {
    const storage = new MinioObjectStorage({
      endpoint: 'https://images.example.test',
      accessKey: 'upload-reader',
      secretKey: 'not-a-real-secret',
      region: 'us-east-1',
      maxPresignedTtlSeconds: 7 * 24 * 3600,
    });
    const passage = aPassage({ passageId: 'p-2' });
    const resolve = await new PresignedImageLinks(storage, 86_400).resolverFor([passage]);
    const vehicle = passage.photos.vehicle;
    if (!vehicle) throw new Error('the test passage has a vehicle photo');
    const link = new URL(resolve(vehicle) ?? '');
    expect(link.origin).toBe('https://images.example.test');
    expect(link.pathname).toBe('/ecogate-photos/passages/p-2/vehicle.jpg');
    expect(link.searchParams.get('X-Amz-Expires')).toBe('86400');
    expect(link.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(link.toString().length).toBeLessThanOrEqual(1024);
  });
});
