import { idSchema } from '@ecogate/contracts';
import { PersistenceError } from '../errors/persistence-error';

declare const enterpriseIdBrand: unique symbol;

/**
 * A validated tenant id. The brand means a plain string does not type-check where an
 * `EnterpriseId` is expected: it has to come through `parseEnterpriseId` (at the edge: JWT claim,
 * event envelope, route parameter), which is what makes tenant scoping impossible to forget.
 */
export type EnterpriseId = string & { readonly [enterpriseIdBrand]: true };

/** Same format as every id in events (`idSchema`), so an id from an envelope always parses. */
export function isEnterpriseId(value: unknown): value is EnterpriseId {
  return idSchema.safeParse(value).success;
}

export function parseEnterpriseId(value: unknown): EnterpriseId {
  if (!isEnterpriseId(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
    throw new PersistenceError(
      'invalid-enterprise-id',
      `Invalid enterprise id ${shown}: expected 1-64 letters, digits, _ or -, starting with a letter or digit`,
    );
  }
  return value;
}
