import { KnownPlates, type Province } from '@ecogate/domain';
import { type SiteKnowledge } from '@ecogate/lpr';
import { type SiteKnowledgeSource } from '../snapshots/snapshot-reader';
import { type KnownPlatesCache } from './known-plates-cache';

const NO_PLATES = new KnownPlates([]);

/**
 * What a lane's site knows when its snapshot is read: the ledger's known plates for the site (when
 * `LEDGER_URL` is set and a list is at hand) and the deployment's province (`PLATE_PROVINCE_PRIOR`).
 * Neither: `undefined`, and the read is exactly as without them.
 */
export class SiteKnowledgeFrom implements SiteKnowledgeSource {
  constructor(
    private readonly plates: KnownPlatesCache | undefined,
    private readonly provincePrior: Province | undefined,
  ) {}

  async forSite(enterpriseId: string, siteId: string): Promise<SiteKnowledge | undefined> {
    const known = await this.plates?.forSite(enterpriseId, siteId);
    if (!known && !this.provincePrior) return undefined;
    return {
      known: known ?? NO_PLATES,
      ...(this.provincePrior ? { provincePrior: this.provincePrior } : {}),
    };
  }
}
