import { type LedgerHarness, startLedgerHarness } from '../testing/ledger-harness';
import { aDecision, memberOf } from '../testing/ledger-test-kit';
import { chainVerificationSchema } from './chain.openapi';

jest.setTimeout(60_000);

let ledger: LedgerHarness;
beforeAll(async () => {
  ledger = await startLedgerHarness();
});
afterAll(() => ledger?.close());

describe('GET /enterprises/:id/chain/verify', () => {
  const E = 'ent-chain-api';
  const verify = (
    query = '',
    caller = { role: 'inspector' as const, subject: 'inspector-1', enterprises: [E] },
  ) => ledger.as(caller)(`/enterprises/${E}/chain/verify${query}`);

  it('answers an inspector of the enterprise with the verification, and refuses others', async () => {
    // A manual passage, written through the API: one chain entry.
    const manual = await ledger.as(memberOf(E, 'enterprise-staff'))(`/enterprises/${E}/passages/manual`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        requestId: '6f1b1f8e-4a3c-4a8e-9a51-0c6a4f0b7d11',
        gateId: 'east-1',
        siteId: 'site-1',
        direction: 'in',
        plate: aDecision().plate.text,
        colour: 'yellow',
        capturedAt: new Date(Date.now() - 60_000).toISOString(),
        reason: 'camera down',
      }),
    });
    expect(manual.status).toBe(201);
    const answer = await verify();
    expect(answer.status).toBe(200);
    expect(chainVerificationSchema.parse(answer.body)).toMatchObject({ ok: true, entries: 1, first: null });

    const from = new Date(Date.now() + 3_600_000).toISOString();
    expect((await verify(`?from=${encodeURIComponent(from)}`)).body).toMatchObject({ ok: true, entries: 0 });
    expect((await verify(`?from=${encodeURIComponent(from)}&to=${encodeURIComponent(from)}`)).status).toBe(
      400,
    );
    expect((await verify('?from=yesterday')).status).toBe(400);
    // Each answered verification is audited as its caller, with the period and the outcome.
    const audited: { actor: string; after: Record<string, unknown> }[] =
      await ledger.service.dataSource.query(
        `SELECT "actor", "after" FROM "audit_log"
        WHERE "enterprise_id" = $1 AND "entity_type" = 'chain' AND "action" = 'verify' ORDER BY "at"`,
        [E],
      );
    expect(audited).toEqual([
      {
        actor: 'inspector-1',
        after: {
          enterpriseId: E,
          from: null,
          to: null,
          ok: true,
          entries: 1,
          findings: 0,
          firstFinding: null,
        },
      },
      {
        actor: 'inspector-1',
        after: expect.objectContaining({
          from: new Date(from).toISOString(),
          to: null,
          ok: true,
          entries: 0,
        }),
      },
    ]);
    // An inspector of other districts does not see the enterprise (404, as every tenant route); its own admin may not verify.
    expect(
      (await verify('', { role: 'inspector', subject: 'inspector-2', enterprises: ['ent-other'] })).status,
    ).toBe(404);
    expect((await ledger.as(memberOf(E, 'enterprise-admin'))(`/enterprises/${E}/chain/verify`)).status).toBe(
      403,
    );
  });
});
