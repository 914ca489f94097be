import { type INestApplication } from '@nestjs/common';
import { type OpenApiDocument } from './openapi-document';
import { OPENAPI_PATH } from './registered-routes';

interface JsonReply {
  status(code: number): unknown;
  json(body: unknown): unknown;
}

/** Serves the document at `GET /openapi.json` (before `listen`/`init`, outside any module). */
export function serveOpenApi(app: INestApplication, document: OpenApiDocument): void {
  const body = JSON.parse(JSON.stringify(document)) as unknown;
  app.getHttpAdapter().get(OPENAPI_PATH, (_req: unknown, res: JsonReply) => {
    res.status(200);
    res.json(body);
  });
}
