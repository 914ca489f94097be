import { type RouteDescriptor, type RouteResponse } from '@ecogate/http-edge';
import { z } from 'zod';
import { OBJECTS_PATH } from './objects.controller';

// For the gateway's OpenAPI document: signed links to filesystem objects (embedded profile only).
const errorSchema = z.object({ code: z.string(), reason: z.string() });
const refusal = (description: string): RouteResponse => ({ description, schema: errorSchema });

export const objectRoutes: readonly RouteDescriptor[] = [
  {
    method: 'get',
    path: `${OBJECTS_PATH}/:bucket/*key`,
    summary:
      'A signed link to an object version (embedded profile: filesystem object storage); the signature is the credential',
    tags: ['objects'],
    params: z.object({
      bucket: z.string(),
      key: z.string().describe('The object key: its segments, each percent-encoded, joined by /'),
    }),
    query: z.object({
      expires: z.string().describe('Unix seconds'),
      versionId: z.string().optional(),
      signature: z.string().describe('base64url HMAC-SHA256, as the service signed it'),
    }),
    headers: z.object({
      range: z
        .string()
        .optional()
        .describe('One range, `bytes=first-last`, `bytes=first-` or `bytes=-suffix`'),
      'if-range': z.string().optional(),
      'if-none-match': z.string().optional(),
    }),
    responses: {
      200: { description: 'The body, with its content type, Content-Length and ETag' },
      206: { description: 'The range asked for, with Content-Range' },
      304: { description: 'If-None-Match matched' },
      400: refusal('invalid-link'),
      403: refusal('invalid-link-signature'),
      404: refusal('not-found (also: no such route where objects live on MinIO)'),
      410: refusal('link-expired'),
      416: refusal('range-not-satisfiable (Content-Range: bytes */size)'),
    },
  },
];
