import { CITIES, type City, MEASURED, size } from './sizing';

const city = (name: City['name']) => {
  const found = CITIES.find((c) => c.name === name);
  if (!found) throw new Error(name);
  return size(found);
};

describe('city sizing (charts/ecogate/profiles/SIZING.md)', () => {
  it('sizes the snapshot path from the measured 10 images/s per instance at 60 %', () => {
    expect([city('small'), city('medium'), city('large')].map((s) => s.plateRecognition)).toEqual([
      { min: 2, max: 4 },
      { min: 6, max: 12 },
      { min: 23, max: 46 },
    ]);
  });

  it('gives every scaled consumer group at least one partition per consumer, with room to grow', () => {
    for (const c of CITIES) {
      const s = size(c);
      expect(s.scaledPartitions).toBeGreaterThanOrEqual(2 * s.plateRecognition.max);
      expect(s.scaledPartitions).toBeGreaterThanOrEqual(s.ledgerReplicas * 3);
      expect(s.scaledPartitions % 6).toBe(0);
    }
  });

  it('gives every recorded camera a shard of at most the planned 40', () => {
    for (const c of CITIES) {
      const s = size(c);
      expect(s.shards * MEASURED.camerasPerShard).toBeGreaterThanOrEqual(s.cameras);
      expect((s.shards - 1) * MEASURED.camerasPerShard).toBeLessThan(s.cameras);
    }
    expect(city('large').cameras).toBe(6_000);
  });

  it('plans the push receivers at 60 % of their requests and keeps two at least', () => {
    expect(city('small').push).toMatchObject({ cpuRequest: '250m', min: 2, max: 4 });
    expect(city('medium').push).toMatchObject({ cpuRequest: '500m', min: 5, max: 10 });
    expect(city('large').push).toMatchObject({ cpuRequest: '1', min: 9, max: 18 });
  });

  it('holds 180 days of continuous video and a year of captures in the MinIO pool it proposes', () => {
    for (const c of CITIES) {
      const s = size(c);
      const usable = s.minio.servers * s.minio.volumesPerServer * s.minio.volumeTi * 1024 ** 4 * 0.75;
      expect(usable).toBeGreaterThanOrEqual(s.objectStorage.videoBytes + s.objectStorage.captureBytes);
    }
    expect(Math.round(city('small').objectStorage.videoBytes / 1e12)).toBe(1_208);
  });

  it('leaves PostgreSQL room for every pool at the HPA maxima', () => {
    expect([city('small'), city('medium'), city('large')].map((s) => s.postgres.maxConnections)).toEqual([
      300, 700, 2_000,
    ]);
  });
});
