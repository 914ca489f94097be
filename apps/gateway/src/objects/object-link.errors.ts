/** Refusals of `GET /objects/...`; mapped to HTTP at the edge (`OBJECT_LINK_ERROR_STATUS`). */
export type ObjectLinkErrorCode =
  'invalid-link' | 'invalid-link-signature' | 'link-expired' | 'not-found' | 'range-not-satisfiable';

export class ObjectLinkError extends Error {
  constructor(
    readonly code: ObjectLinkErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ObjectLinkError';
  }
}

/**
 * A malformed link is the client's mistake (400); a signature that does not match is refused
 * (403); an expired one is gone for good (410, not 403: the link was genuine, asking the service
 * again for a fresh one is the remedy, and a player can tell the two apart).
 */
export const OBJECT_LINK_ERROR_STATUS: Readonly<Record<ObjectLinkErrorCode, number>> = {
  'invalid-link': 400,
  'invalid-link-signature': 403,
  'link-expired': 410,
  'not-found': 404,
  'range-not-satisfiable': 416,
};
