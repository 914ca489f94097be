import { POLICY } from '@ecogate/auth';
import { ledgerOpenApi } from '../api/ledger.openapi';

const exportOperations = Object.entries(ledgerOpenApi.paths)
  .filter(([path]) => path.endsWith('/exports') || path.includes('/exports/'))
  .flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  );

describe('export routes in the ledger OpenAPI document', () => {
  it('lists the six export routes, each in the policy table', () => {
    expect(exportOperations.map(({ method, path }) => `${method.toUpperCase()} ${path}`).sort()).toEqual([
      'GET /api/v1/enterprises/{enterpriseId}/exports',
      'GET /api/v1/enterprises/{enterpriseId}/exports/{jobId}',
      'GET /api/v1/exports',
      'GET /api/v1/exports/{jobId}',
      'POST /api/v1/enterprises/{enterpriseId}/exports',
      'POST /api/v1/exports',
    ]);
    for (const { method, path } of exportOperations)
      expect(POLICY.ledger).toHaveProperty([`${method.toUpperCase()} ${path}`]);
  });

  it('declares every success body as a JSON schema the console generates its types from', () => {
    for (const { operation } of exportOperations) {
      const success = Object.entries(operation?.responses ?? {}).filter(([status]) => status.startsWith('2'));
      expect(success).toHaveLength(1);
      const schema = success[0]?.[1].content?.['application/json']?.schema;
      expect(schema).toMatchObject({ type: 'object' });
    }
    const job =
      ledgerOpenApi.paths['/api/v1/enterprises/{enterpriseId}/exports/{jobId}']?.get?.responses['200'];
    expect(job?.content?.['application/json']?.schema).toMatchObject({
      required: expect.arrayContaining(['jobId', 'state', 'rows', 'totalRows', 'progress', 'expiresAt']),
      properties: expect.objectContaining({
        state: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
        downloadUrl: expect.objectContaining({ type: 'string' }),
      }),
    });
  });

  it('documents the export body from its validation schema', () => {
    const body =
      ledgerOpenApi.paths['/api/v1/exports']?.post?.requestBody?.content['application/json']?.schema;
    expect(body).toMatchObject({
      required: expect.arrayContaining(['enterpriseIds', 'ledger']),
      properties: expect.objectContaining({
        ledger: { type: 'string', enum: ['passages', 'in-plant-vehicles', 'machinery'] },
      }),
    });
  });
});
