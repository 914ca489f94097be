import { POLICY } from '@ecogate/auth';
import { type RefusedAttemptEntity } from '../passage/refused-attempt.entity';
import { ledgerOpenApi } from '../api/ledger.openapi';
import { aDecision } from '../testing/ledger-test-kit';
import { isManualRefusal, refusedAttemptOf } from './refused-attempt-row';
import { refusedAttemptPageSchema } from './refused-attempts.openapi';
import { refusedAttemptsQuery, refusedAttemptView } from './refused-attempts.service';

const PATH = '/api/v1/enterprises/{enterpriseId}/refused-attempts';

describe('refused attempt rows', () => {
  it('keep the operator and reason of a refusal by hand, with the stage, message, colour and alert level', () => {
    const decision = aDecision({
      verdict: 'deny',
      reasons: ['manual'],
      alertLevel: 'orange',
      plate: { text: '川JK0707', colour: 'yellow' },
      stage: { stage: 'V', source: 'document' },
      message: {
        zh: '川JK0707：人工拒绝（u-7）：无随车清单',
        en: '川JK0707: refused by u-7: no inventory list',
      },
      operator: { id: 'u-7', reason: '无随车清单' },
    });
    const row = refusedAttemptOf(decision);
    expect(row).toMatchObject({
      decisionId: decision.decisionId,
      gateId: 'east-1',
      laneId: 'lane-in',
      direction: 'in',
      plate: '川JK0707',
      plateColour: 'yellow',
      verdict: 'deny',
      reasons: ['manual'],
      stage: 'V',
      stageSource: 'document',
      alertLevel: 'orange',
      message: decision.message,
      manual: true,
      operatorId: 'u-7',
      operatorReason: '无随车清单',
      capturedAt: new Date(decision.capturedAt),
    });
    expect(row.photos).toEqual({ vehicle: decision.images.scene, plate: decision.images.plate });
  });

  it('keep no operator for barrier control’s own refusal; an unknown stage and a missing colour are null', () => {
    const { stage: _stage, ...noStage } = aDecision({
      verdict: 'needs-review',
      reasons: ['stage-unknown'],
      plate: { text: '冀B12345', colour: '' },
      images: {},
    });
    const row = refusedAttemptOf(noStage);
    expect(row).toMatchObject({
      manual: false,
      operatorId: null,
      operatorReason: null,
      stage: null,
      stageSource: null,
      plateColour: null,
      photos: {},
    });
    expect(isManualRefusal({ reasons: ['manual'] })).toBe(true);
  });

  it('answer the operator as one object, and nulls for a row recorded before the details were kept', () => {
    const old: RefusedAttemptEntity = {
      id: '00000000-0000-4000-8000-000000000001',
      enterpriseId: 'ent-a',
      decisionId: 'd-1',
      siteId: 'site-1',
      gateId: 'east-1',
      laneId: 'lane-in',
      direction: 'in',
      plate: '冀B12345',
      plateColour: null,
      verdict: 'deny',
      reasons: ['stage-below-minimum'],
      stage: null,
      stageSource: null,
      alertLevel: null,
      message: null,
      manual: false,
      operatorId: null,
      operatorReason: null,
      capturedAt: new Date('2025-01-02T01:00:00.000Z'),
      photos: null,
    };
    const view = refusedAttemptView(old);
    expect(view).not.toHaveProperty('operatorId');
    expect(view.operator).toBeNull();
    // As JSON, the body the OpenAPI document declares.
    const body = JSON.parse(JSON.stringify({ items: [view], nextCursor: null })) as unknown;
    expect(refusedAttemptPageSchema.parse(body)).toEqual(body);

    const manual = refusedAttemptView({
      ...old,
      manual: true,
      operatorId: 'u-7',
      operatorReason: '无随车清单',
    });
    expect(manual.operator).toEqual({ id: 'u-7', reason: '无随车清单' });
  });
});

describe('GET refused-attempts query', () => {
  const parse = (query: Record<string, string>) => refusedAttemptsQuery.safeParse(query);

  it('takes the window, a plate, a gate, manual and paging; 50 a page by default', () => {
    const parsed = parse({
      from: '2025-01-02T00:00:00+08:00',
      to: '2025-01-03T00:00:00+08:00',
      plate: ' 川JK0707 ',
      gateId: 'east-1',
      manual: 'true',
    });
    expect(parsed.success && parsed.data).toEqual({
      from: new Date('2025-01-01T16:00:00.000Z'),
      to: new Date('2025-01-02T16:00:00.000Z'),
      plate: '川JK0707',
      gateId: 'east-1',
      manual: true,
      limit: 50,
    });
    expect(parse({ manual: 'false' }).data?.manual).toBe(false);
  });

  it('refuses a backward window, an odd gate, a flag other than true/false, too large a page, unknown keys', () => {
    expect(parse({ from: '2025-01-03T00:00:00Z', to: '2025-01-02T00:00:00Z' }).success).toBe(false);
    expect(parse({ gateId: '../x' }).success).toBe(false);
    expect(parse({ manual: 'yes' }).success).toBe(false);
    expect(parse({ limit: '501' }).success).toBe(false);
    expect(parse({ stage: 'VI' }).success).toBe(false);
  });

  it('is declared in the OpenAPI document with its body, and read by the passages’ readers', () => {
    const route = ledgerOpenApi.paths[PATH]?.get;
    expect(route?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['enterpriseId', 'from', 'to', 'plate', 'gateId', 'manual', 'cursor', 'limit']),
    );
    expect(route?.responses['200']?.content?.['application/json']).toBeDefined();
    expect(POLICY.ledger[`GET ${PATH}`]).toEqual(
      POLICY.ledger['GET /api/v1/enterprises/{enterpriseId}/passages'],
    );
  });
});
