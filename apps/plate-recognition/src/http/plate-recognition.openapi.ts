import {
  buildOpenApiDocument,
  type OpenApiDocument,
  type RouteDescriptor,
  type RouteResponse,
} from '@ecogate/http-edge';
import { drivingLicenceReadSchema, inventoryListReadSchema } from '@ecogate/contracts';
import { z } from 'zod';
import { IMAGE_MEDIA_TYPES } from './image-body';

// `HttpExceptionFilter`'s body for a refusal before recognition.
const rejected = z.object({ kind: z.literal('rejected'), code: z.string(), reason: z.string() });
const refusal = (description: string): RouteResponse => ({ description, schema: rejected });
const image = z.string().describe('The image bytes; the content decides the format (magic bytes)');

/** What a document reader answers besides its read (the photo taken as `POST /recognize` takes it). */
const documentReadErrors = {
  400: refusal('bad-request: multipart without an `image` file'),
  413: refusal('payload-too-large'),
  415: refusal('unsupported-media-type'),
  422: { description: '`{kind: unreadable-image, reason, message}`' },
  500: { description: '`{kind: failed}`' },
  503: { description: '`{kind: overloaded | timed-out}` with `Retry-After: 1`' },
} satisfies Record<number, RouteResponse>;

const routes: RouteDescriptor[] = [
  {
    method: 'post',
    path: '/recognize',
    summary: 'Read every plate in one image (raw JPEG/PNG/BMP body, or multipart field `image`)',
    tags: ['recognition'],
    query: z.object({
      mode: z
        .enum(['scene', 'crop'])
        .optional()
        .describe('`crop` when the image is a single plate crop (an ANPR camera’s); default `scene`'),
    }),
    body: image,
    bodyContentType: 'image/jpeg',
    responses: {
      200: {
        description:
          '`{kind: plates, plates: [...], image}` (crops as `cropJpegBase64`) or `{kind: no-plate}`',
      },
      400: refusal('bad-request: multipart without an `image` file, or an unknown mode'),
      413: refusal('payload-too-large'),
      415: refusal('unsupported-media-type'),
      422: { description: '`{kind: unreadable-image, reason}`' },
      500: { description: '`{kind: failed}` (an unexpected error also carries an `errorId`, logged)' },
      503: { description: '`{kind: overloaded | timed-out}` with `Retry-After: 1`' },
    },
  },
  {
    method: 'post',
    path: '/documents/driving-licence/read',
    summary:
      'Read a vehicle licence (行驶证) photo by OCR: plate, vehicle type, VIN, engine number, registration date',
    tags: ['documents'],
    body: image,
    bodyContentType: 'image/jpeg',
    responses: {
      200: {
        description:
          'The fields read, each with the confidence of its least confident character for a person to confirm; ' +
          'a field not read or failing validation is named in `unreadable`, never guessed; a photo with no ' +
          'licence is `found: false`',
        schema: drivingLicenceReadSchema,
      },
      ...documentReadErrors,
    },
  },
  {
    method: 'post',
    path: '/documents/inventory-list/read',
    summary:
      'Read the QR code of an environmental information list (随车清单) photo: disclosure number (信息公开编号) and VIN',
    tags: ['documents'],
    body: image,
    bodyContentType: 'image/jpeg',
    responses: {
      200: {
        description:
          'The code as decoded (`qrText`, kept as proof) and the fields it carries, normalised and validated; ' +
          'a field the code lacks or carries in an invalid form is named in `unreadable`, never guessed. ' +
          'A photo with no readable code is `found: false, reason: no-qr-code`, one whose codes carry neither ' +
          'field `not-an-inventory-list-code`, each with a `message` for the person who takes the record over',
        schema: inventoryListReadSchema,
      },
      ...documentReadErrors,
    },
  },
  {
    method: 'get',
    path: '/health',
    summary: 'Whether a worker has its models loaded, and the pool',
    tags: ['operations'],
    responses: {
      200: { description: '`{status: ok, pool: {workers, ready, busy, queued, queueLimit}}`' },
      503: { description: '`{status: unavailable, pool}`' },
    },
  },
];

/** The routes that take an image as `POST /recognize` does (`imageFrom`). */
const IMAGE_ROUTES = ['/recognize', '/documents/driving-licence/read', '/documents/inventory-list/read'];

/** The other ways the image routes take their image, beside the raw JPEG the descriptor names. */
function withEveryImageType(document: OpenApiDocument): OpenApiDocument {
  for (const path of IMAGE_ROUTES) {
    const content = document.paths[path]?.post?.requestBody?.content;
    const raw = content?.['image/jpeg'];
    if (!content || !raw) throw new Error(`POST ${path} has no image/jpeg body`);
    for (const type of IMAGE_MEDIA_TYPES) content[type] = raw;
    content['multipart/form-data'] = {
      schema: {
        type: 'object',
        required: ['image'],
        properties: { image: { type: 'string', format: 'binary' } },
      },
    };
  }
  return document;
}

/** plate-recognition's HTTP API, served at `GET /openapi.json`. */
export const plateRecognitionOpenApi = withEveryImageType(
  buildOpenApiDocument(
    {
      title: 'Ecogate plate recognition',
      version: '1',
      description: 'Licence plate reads from one image (the snapshot path runs on Kafka)',
    },
    routes,
  ),
);
