import { idSchema, KNOWN_PLATES_LIMIT, type KnownPlatesAnswer } from '@ecogate/contracts';
import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { z } from 'zod';
import { type KnownPlatesSettings } from './known-plates.config';

export const knownPlatesQuery = z.strictObject({ siteId: idSchema });

/** Reasons barrier control gives a side whose read itself was doubtful (`decisionDoubts`). */
const DOUBTFUL_READ = ['readers-disagree', 'read-needs-review'];

/**
 * The plates a site already knows, for plate recognition (docs/ledger.md, "Known plates"): the
 * enterprise's registry (every vehicle, fleets included, newest change first), then the plates of
 * the site's trusted passages of the last `windowDays`, most recently seen first. A passage counts
 * when no side's read was doubtful, or a person resolved its review; never one entered by hand (a
 * typo there would pull reads towards it). At most `KNOWN_PLATES_LIMIT` plates, each once.
 */
export class KnownPlatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: KnownPlatesSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async forSite(enterpriseId: EnterpriseId, siteId: string): Promise<KnownPlatesAnswer> {
    const { windowDays } = this.settings;
    // One more than the limit, to tell a full list from a truncated one.
    const registry: { plate: string }[] = await this.dataSource.query(
      `SELECT "plate" FROM "vehicles" WHERE "enterprise_id" = $1
        ORDER BY "updated_at" DESC, "plate" LIMIT $2`,
      [enterpriseId, KNOWN_PLATES_LIMIT + 1],
    );
    const since = new Date(this.now().getTime() - windowDays * 86_400_000);
    const seen: { plate: string }[] = await this.dataSource.query(
      `SELECT "plate" FROM "passages"
        WHERE "enterprise_id" = $1 AND "site_id" = $2 AND "captured_at" >= $3 AND NOT "manual"
          AND ("review_state" = 'resolved' OR NOT (
            COALESCE("entry_reasons", '[]'::jsonb) ?| $4::text[]
            OR COALESCE("exit_reasons", '[]'::jsonb) ?| $4::text[]))
        GROUP BY "plate" ORDER BY max("captured_at") DESC, "plate" LIMIT $5`,
      [enterpriseId, siteId, since, DOUBTFUL_READ, KNOWN_PLATES_LIMIT + 1],
    );
    const registered = registry.map((r) => r.plate);
    const known = new Set(registered);
    const recent = seen.map((r) => r.plate).filter((plate) => !known.has(plate));
    const all = [...registered, ...recent];
    const plates = all.slice(0, KNOWN_PLATES_LIMIT);
    return {
      enterpriseId,
      siteId,
      windowDays,
      plates,
      registered: Math.min(registered.length, KNOWN_PLATES_LIMIT),
      recent: plates.length - Math.min(registered.length, KNOWN_PLATES_LIMIT),
      truncated: all.length > KNOWN_PLATES_LIMIT,
    };
  }
}
