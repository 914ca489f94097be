import { ENTERPRISE_ERROR_STATUS } from '../enterprises';
import { LIVE_ERROR_STATUS } from '../live';
import { OBJECT_LINK_ERROR_STATUS } from '../objects';
import { SIGN_ON_ERROR_STATUS } from '../oidc';
import { GATEWAY_ERROR_STATUS } from './gateway-error';

/** One table from several; a code two tables answer differently is a bug, refused at boot. */
export function mergeErrorStatus(
  ...tables: readonly Readonly<Record<string, number>>[]
): Readonly<Record<string, number>> {
  const merged: Record<string, number> = {};
  for (const table of tables)
    for (const [code, status] of Object.entries(table)) {
      if (merged[code] !== undefined && merged[code] !== status)
        throw new Error(`error code ${code} is answered with both ${merged[code]} and ${status}`);
      merged[code] = status;
    }
  return merged;
}

/** The `CodedErrorFilter` table of the whole gateway: its own codes, the directory's, sign-on's, signed links', the live stream's. */
export const ALL_ERROR_STATUS = mergeErrorStatus(
  GATEWAY_ERROR_STATUS,
  ENTERPRISE_ERROR_STATUS,
  SIGN_ON_ERROR_STATUS,
  OBJECT_LINK_ERROR_STATUS,
  LIVE_ERROR_STATUS,
);
