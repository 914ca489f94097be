import { Body, Controller, Get, Module, Param, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { type AddressInfo } from 'node:net';
import { z } from 'zod';
import { controllerRoutes } from './controller-routes';
import { buildOpenApiDocument, type RouteDescriptor } from './openapi-document';
import { registeredRoutes, undocumentedRoutes } from './registered-routes';
import { serveOpenApi } from './serve-openapi';

const noteSchema = z.strictObject({
  text: z.string().min(1).max(200),
  pinned: z.boolean().default(false),
});
const listQuery = z.strictObject({ limit: z.coerce.number().int().positive().max(100).optional() });

@Controller('tenants/:tenantId/notes')
class NotesController {
  @Post()
  create(@Param('tenantId') _tenant: string, @Body() body: unknown) {
    return noteSchema.parse(body);
  }

  @Get()
  list(@Query() _query: unknown) {
    return [];
  }

  @Get(':noteId')
  one() {
    return {};
  }

  @Get(':noteId/files/*path')
  file() {
    return {};
  }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

const routes: RouteDescriptor[] = [
  {
    method: 'post',
    path: '/tenants/:tenantId/notes',
    summary: 'Create a note',
    params: z.object({ tenantId: z.string().regex(/^t-\d+$/) }),
    body: noteSchema,
    responses: { 201: { description: 'created', schema: noteSchema }, 400: { description: 'bad input' } },
  },
  {
    method: 'get',
    path: '/tenants/:tenantId/notes',
    summary: 'List notes',
    query: listQuery,
    responses: { 200: { description: 'notes', schema: z.array(noteSchema) } },
  },
];

describe('OpenAPI documents from zod route descriptors', () => {
  const document = buildOpenApiDocument({ title: 'notes', version: '1' }, routes);

  it('documents bodies, path and query parameters from the validation schemas', () => {
    const post = document.paths['/tenants/{tenantId}/notes']?.post;
    expect(document.openapi).toBe('3.1.0');
    expect(post?.parameters).toEqual([
      { name: 'tenantId', in: 'path', required: true, schema: { type: 'string', pattern: '^t-\\d+$' } },
    ]);
    // Request side: a field with a default is optional; unknown fields are refused (strictObject).
    expect(post?.requestBody?.content['application/json']?.schema).toMatchObject({
      type: 'object',
      required: ['text'],
      additionalProperties: false,
      properties: { text: { type: 'string', minLength: 1, maxLength: 200 } },
    });
    // Response side: the default is always there.
    expect(post?.responses['201']?.content?.['application/json']?.schema).toMatchObject({
      required: ['text', 'pinned'],
    });
    expect(post?.responses['400']).toEqual({ description: 'bad input' });
    expect(document.paths['/tenants/{tenantId}/notes']?.get?.parameters).toEqual([
      { name: 'tenantId', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'limit', in: 'query', required: false, schema: expect.objectContaining({ type: 'integer' }) },
    ]);
  });

  it('refuses a route described twice', () => {
    expect(() => buildOpenApiDocument({ title: 't', version: '1' }, [routes[0]!, routes[0]!])).toThrow(
      /described twice/,
    );
  });

  it('serves /openapi.json and finds the routes a Nest app registers but the document misses', async () => {
    const app = await NestFactory.create<NestExpressApplication>(NotesModule, { logger: false });
    serveOpenApi(app, document);
    await app.listen(0, '127.0.0.1');
    try {
      const served = await fetch(
        `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/openapi.json`,
      );
      expect(served.status).toBe(200);
      expect(await served.json()).toEqual(JSON.parse(JSON.stringify(document)));
      const registered = registeredRoutes(app);
      expect(registered).toEqual(
        expect.arrayContaining([
          { method: 'post', path: '/tenants/{tenantId}/notes' },
          { method: 'get', path: '/tenants/{tenantId}/notes/{noteId}' },
          // A named wildcard (several segments) is a parameter too.
          { method: 'get', path: '/tenants/{tenantId}/notes/{noteId}/files/{path}' },
          { method: 'get', path: '/openapi.json' },
        ]),
      );
      expect(undocumentedRoutes(document, registered)).toEqual([
        'GET /tenants/{tenantId}/notes/{noteId}',
        'GET /tenants/{tenantId}/notes/{noteId}/files/{path}',
      ]);
      // The decorators tell the same routes as the running app (minus the document route).
      expect(controllerRoutes([NotesController]).sort(byRoute)).toEqual(
        registered.filter((r) => r.path !== '/openapi.json').sort(byRoute),
      );
    } finally {
      await app.close();
    }
  });
});

const byRoute = (a: { method: string; path: string }, b: { method: string; path: string }) =>
  `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`);
