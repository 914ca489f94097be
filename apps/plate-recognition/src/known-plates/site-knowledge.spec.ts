import { createLogger } from '@ecogate/telemetry';
import { KnownPlatesCache } from './known-plates-cache';
import { SiteKnowledgeFrom } from './site-knowledge';

const cacheOf = (plates: readonly string[] | 'down') =>
  new KnownPlatesCache(
    { fetch: async () => (plates === 'down' ? Promise.reject(new Error('down')) : plates) },
    { ttlMs: 60_000, waitMs: 200, retryMs: 1_000, maxSites: 10, maxPlates: 1_000 },
    createLogger({ service: 't', level: 'silent' }),
  );

describe('SiteKnowledgeFrom', () => {
  it('gives the known plates and the province prior together', async () => {
    const site = await new SiteKnowledgeFrom(cacheOf(['冀B12345']), '冀').forSite('ent-1', 'site-1');
    expect(site?.provincePrior).toBe('冀');
    expect(site?.known.has('冀B12345')).toBe(true);
  });

  it('gives the province prior alone (no ledger, or no list), with no known plate', async () => {
    for (const source of [
      new SiteKnowledgeFrom(undefined, '冀'),
      new SiteKnowledgeFrom(cacheOf('down'), '冀'),
    ]) {
      const site = await source.forSite('ent-1', 'site-1');
      expect(site).toMatchObject({ provincePrior: '冀' });
      expect(site?.known.size).toBe(0);
    }
  });

  it('gives nothing when it knows nothing: the read is as without it', async () => {
    await expect(
      new SiteKnowledgeFrom(undefined, undefined).forSite('ent-1', 'site-1'),
    ).resolves.toBeUndefined();
    await expect(
      new SiteKnowledgeFrom(cacheOf('down'), undefined).forSite('ent-1', 'site-1'),
    ).resolves.toBeUndefined();
  });
});
