import { type ObjectStorage } from '@ecogate/storage';
import { setUpVideoBucket, VideoRetentionRefusedError } from './video-bucket';

describe('setUpVideoBucket', () => {
  const fake = () => {
    const calls: string[] = [];
    const storage = {
      ensureBucket: (b: string, o: { objectLock: boolean }) => (
        calls.push(`ensure ${b} lock=${o.objectLock}`),
        Promise.resolve({ created: true })
      ),
      setExpiryDays: (b: string, p: string, d: number) => (
        calls.push(`expire ${b} ${p} ${d}`),
        Promise.resolve()
      ),
      setDefaultRetention: (b: string, r: { mode: string; days: number }) => (
        calls.push(`retain ${b} ${r.mode} ${r.days}`),
        Promise.resolve()
      ),
    } as unknown as ObjectStorage;
    return { storage, calls };
  };

  it('refuses below the 180-day floor and touches nothing', async () => {
    const { storage, calls } = fake();
    const refused = setUpVideoBucket(storage, { bucket: 'v', enterpriseId: 'ent-1', videoDays: 90 });
    await expect(refused).rejects.toBeInstanceOf(VideoRetentionRefusedError);
    await expect(refused).rejects.toMatchObject({
      code: 'video-retention-below-floor',
      requestedDays: 90,
      floorDays: 180,
    });
    expect(calls).toEqual([]);
  });

  it("refuses below a city's raised floor", async () => {
    const { storage } = fake();
    await expect(
      setUpVideoBucket(storage, {
        bucket: 'v',
        enterpriseId: 'e',
        videoDays: 200,
        floors: { videoDays: 365, ledgerDays: 730 },
      }),
    ).rejects.toThrow(/at least 365 days/);
  });

  it('sets the expiry on the enterprise prefix and a GOVERNANCE default retention with object lock', async () => {
    const { storage, calls } = fake();
    await setUpVideoBucket(storage, { bucket: 'v', enterpriseId: 'ent-1', videoDays: 365, objectLock: true });
    expect(calls).toEqual(['ensure v lock=true', 'expire v ent-1/ 365', 'retain v GOVERNANCE 365']);
  });
});
