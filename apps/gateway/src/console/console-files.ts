import { type FileHandle, open, realpath } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';

/** Content types of what a Vite build holds; anything else is `application/octet-stream`. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** An opened regular file of the console, ready to stream; the caller closes it. */
export interface ConsoleFile {
  readonly handle: FileHandle;
  readonly size: number;
  readonly modifiedMs: number;
  readonly contentType: string;
}

/**
 * Decodes raw (percent-encoded) path segments; undefined for anything that could leave the folder or
 * name a hidden file: empty, `.`/`..` (also encoded), a leading dot, an encoded `/` or `\`, a NUL,
 * malformed percent-encoding.
 */
export function safeSegments(raw: string): string[] | undefined {
  const segments: string[] = [];
  for (const part of raw.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return undefined;
    }
    if (segment === '' || segment.startsWith('.') || /[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return segments;
}

/**
 * The built console (`CONSOLE_DIR`: Vite's `dist/`) as the gateway serves it: `index.html`, the
 * files directly in the folder (favicon, robots.txt) and everything under `assets/`. Nothing outside
 * the folder can be named: segments are checked (`safeSegments`) and the real path of what is opened
 * (symbolic links resolved) must still be inside the folder's real path.
 */
export class ConsoleFiles {
  private root: Promise<string> | undefined;

  constructor(private readonly dir: string) {}

  /** `index.html`, undefined while the console is not built. */
  index(): Promise<ConsoleFile | undefined> {
    return this.open(['index.html']);
  }

  /** A file under `assets/`, from the raw path after `/assets/`. */
  asset(rawRest: string): Promise<ConsoleFile | undefined> {
    const segments = safeSegments(rawRest);
    return segments ? this.open(['assets', ...segments]) : Promise.resolve(undefined);
  }

  /** A file directly in the folder, from one raw path segment. */
  topLevel(rawName: string): Promise<ConsoleFile | undefined> {
    const segments = safeSegments(rawName);
    return segments?.length === 1 ? this.open(segments) : Promise.resolve(undefined);
  }

  private async open(segments: readonly string[]): Promise<ConsoleFile | undefined> {
    const root = await this.realRoot();
    let real: string;
    try {
      real = await realpath(join(root, ...segments));
    } catch {
      return undefined;
    }
    if (!real.startsWith(`${root}${sep}`)) return undefined;
    let handle: FileHandle;
    try {
      handle = await open(real, 'r');
    } catch {
      return undefined;
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) {
        await handle.close();
        return undefined;
      }
      return { handle, size: stat.size, modifiedMs: stat.mtimeMs, contentType: contentTypeOf(real) };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  private realRoot(): Promise<string> {
    this.root ??= realpath(this.dir).catch((error: unknown) => {
      this.root = undefined;
      throw error;
    });
    return this.root;
  }
}
