import { Controller, Get, Inject, Next, Req, Res } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { GatewayError } from '../http/gateway-error';
import { IMMUTABLE, REVALIDATE } from './console-headers';
import { type ConsoleFile, type ConsoleFiles } from './console-files';
import { acceptsHtml, ASSETS_PREFIX, isReservedPath } from './console-paths';

export const CONSOLE_OPTIONS = Symbol('ConsoleOptions');

export interface ConsoleOptions {
  readonly files: ConsoleFiles;
  /** `consoleContentSecurityPolicy(CONSOLE_IMG_SRC)`. */
  readonly contentSecurityPolicy: string;
}

/**
 * The built console (a Vite `dist/` in `CONSOLE_DIR`): `GET /` and any client-side route that asks
 * for HTML answer `index.html` (revalidated every time); `/assets/*` the hashed files (cached for a
 * year, 404 when missing, never the shell); a file directly in the folder (favicon) itself. Public in
 * the policy table: the console is code, every data route it calls stays authenticated. Reserved
 * paths (`/api`, `/auth`, `/objects`, `/health`, `/openapi.json`) are passed on, never answered here.
 */
@Controller()
export class ConsoleController {
  constructor(@Inject(CONSOLE_OPTIONS) private readonly options: ConsoleOptions) {}

  @Get()
  async shell(@Req() req: Request, @Res() res: Response): Promise<void> {
    const index = await this.options.files.index();
    if (!index) throw new GatewayError('not-found', 'the console is not built (no index.html)');
    await this.send(req, res, index, REVALIDATE);
  }

  @Get(`${ASSETS_PREFIX.slice(1)}/*path`)
  async asset(@Req() req: Request, @Res() res: Response): Promise<void> {
    const file = await this.options.files.asset(rawPathOf(req).slice(`${ASSETS_PREFIX}/`.length));
    if (!file) throw new GatewayError('not-found', 'no such asset');
    await this.send(req, res, file, IMMUTABLE);
  }

  @Get('*path')
  async page(@Req() req: Request, @Res() res: Response, @Next() next: () => void): Promise<void> {
    const path = rawPathOf(req);
    if (isReservedPath(path)) return next();
    if (path === ASSETS_PREFIX || path.startsWith(`${ASSETS_PREFIX}/`))
      throw new GatewayError('not-found', 'no such asset');
    const topLevel = /^\/[^/]+$/.test(path) ? await this.options.files.topLevel(path.slice(1)) : undefined;
    if (topLevel) return this.send(req, res, topLevel, REVALIDATE);
    // A client-side route (a bookmark, a reload): the shell, whose router shows the page.
    if (acceptsHtml(req.headers.accept)) return this.shell(req, res);
    next();
  }

  private async send(req: Request, res: Response, file: ConsoleFile, cacheControl: string): Promise<void> {
    try {
      const etag = `W/"${file.size.toString(16)}-${Math.floor(file.modifiedMs).toString(16)}"`;
      res.setHeader('Content-Security-Policy', this.options.contentSecurityPolicy);
      res.setHeader('X-Frame-Options', 'DENY');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', cacheControl);
      res.setHeader('ETag', etag);
      if (matches(req.headers['if-none-match'], etag)) {
        res.status(304).end();
        return;
      }
      res.status(200);
      res.setHeader('Content-Type', file.contentType);
      res.setHeader('Content-Length', String(file.size));
      // A client that leaves mid-way ends the pipeline; nothing else to do.
      await pipeline(file.handle.createReadStream({ autoClose: false }), res).catch(() => undefined);
    } finally {
      await file.handle.close();
    }
  }
}

/** The request's path as sent (percent-encoded), without the query. */
function rawPathOf(req: Request): string {
  const url = req.originalUrl;
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || weak(tag) === weak(etag));
}
