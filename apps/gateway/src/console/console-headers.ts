/**
 * The console's Content-Security-Policy: its own code only; Ant Design's runtime styles
 * (`'unsafe-inline'` for styles, never scripts); images and video from this origin, `data:`/`blob:`
 * URLs and the object store's origins (`CONSOLE_IMG_SRC`: where MinIO's presigned links point), which
 * hls.js also fetches playlists' segments from (so they are in `connect-src` too); its worker from a
 * `blob:` URL; no framing, no plugins, no foreign forms or base URL.
 */
export function consoleContentSecurityPolicy(objectOrigins: readonly string[]): string {
  const objects = objectOrigins.map((origin) => ` ${origin}`).join('');
  return [
    `default-src 'self'`,
    `script-src 'self'`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:${objects}`,
    `media-src 'self' blob:${objects}`,
    `connect-src 'self'${objects}`,
    `font-src 'self' data:`,
    `worker-src 'self' blob:`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

/** `Cache-Control` of Vite's hashed output: a changed file has a new name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** `Cache-Control` of the shell and the unhashed top-level files: revalidated every time (ETag). */
export const REVALIDATE = 'no-cache';
