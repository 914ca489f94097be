import { type RouteDescriptor, type RouteResponse } from '@ecogate/http-edge';
import { z } from 'zod';

const errorSchema = z.object({ code: z.string(), reason: z.string() });
const refusal = (description: string): RouteResponse => ({ description, schema: errorSchema });
const html: RouteResponse = {
  description: 'The console shell, `index.html` (`Cache-Control: no-cache`)',
  contentType: 'text/html',
  schema: z.string(),
};

// For the gateway's OpenAPI document: the built console (only where `CONSOLE_DIR` is set).
export const consoleRoutes: readonly RouteDescriptor[] = [
  {
    method: 'get',
    path: '/',
    summary: 'The console (public: code, not data)',
    tags: ['console'],
    responses: {
      200: html,
      304: { description: 'Not modified (ETag)' },
      404: refusal('not-found (not built)'),
    },
  },
  {
    method: 'get',
    path: '/assets/*path',
    summary: "The console's hashed build output (`Cache-Control: public, max-age=31536000, immutable`)",
    tags: ['console'],
    params: z.object({ path: z.string().describe('The file under assets/') }),
    responses: {
      200: {
        description: 'The file, with its content type',
        contentType: 'application/octet-stream',
        schema: z.string(),
      },
      304: { description: 'Not modified (ETag)' },
      404: refusal('not-found (never the shell)'),
    },
  },
  {
    method: 'get',
    path: '/*path',
    summary:
      'A client-side route of the console (a request accepting text/html: the shell), or a file directly in the build folder; `/api`, `/auth`, `/objects`, `/health` and `/openapi.json` are never answered here',
    tags: ['console'],
    params: z.object({ path: z.string().describe('Any path outside the reserved ones') }),
    responses: {
      200: html,
      304: { description: 'Not modified (ETag)' },
      404: refusal('not-found, http-error (no such page or file, or HTML not accepted)'),
    },
  },
];
