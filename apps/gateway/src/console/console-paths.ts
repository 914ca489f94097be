/**
 * Paths that are never the console's: the gateway's API and the services' behind it, sign-in,
 * signed links, health and the OpenAPI document. Everything else a browser GETs belongs to the
 * console (its shell, its assets, its client-side routes).
 */
export const RESERVED_PREFIXES = ['/api', '/auth', '/objects', '/health', '/openapi.json'] as const;

/** Where Vite puts the hashed, immutable build output. */
export const ASSETS_PREFIX = '/assets';

export function isReservedPath(path: string): boolean {
  return RESERVED_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * A request for the console: a GET outside the reserved paths. The console is code, not data, so
 * the authentication middleware looks up no session for it (an ended session or a pending action
 * must not stop the page that lets the person sign in again or change the password from loading).
 */
export function isConsoleRequest(method: string, path: string): boolean {
  return method === 'GET' && !isReservedPath(path);
}

/** Whether the client takes HTML: a browser navigating does (`Accept: text/html,…`), `fetch` by default does not. */
export function acceptsHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const [type = '', ...parameters] = part.split(';').map((p) => p.trim().toLowerCase());
    if (type !== 'text/html') return false;
    const q = parameters.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}
