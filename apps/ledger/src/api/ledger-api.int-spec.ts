import { createHash } from 'node:crypto';
import { buildDefaultEmergencyPlan } from '@ecogate/domain';
import sharp from 'sharp';
import { type LedgerHarness, startLedgerHarness } from '../testing/ledger-harness';
import { memberOf } from '../testing/ledger-test-kit';

jest.setTimeout(60_000);

/** The domain's default plan as a PUT body (JSON: dates become ISO strings). */
function planBody(enterpriseId: string, expectedRevision?: number) {
  const { enterpriseId: _e, ...plan } = buildDefaultEmergencyPlan({
    enterpriseId,
    cargoVolume: { band: '10-or-more' },
    exemptions: [
      {
        id: 'hazchem-1',
        kind: 'hazardous-chemicals',
        from: new Date('2026-11-01T00:00:00Z'),
        until: new Date('2027-03-01T00:00:00Z'),
        levels: ['orange', 'red'],
        approvedBy: 'bureau-officer',
      },
    ],
  });
  return JSON.parse(
    JSON.stringify({ ...plan, ...(expectedRevision !== undefined ? { expectedRevision } : {}) }),
  ) as Record<string, unknown>;
}

let ledger: LedgerHarness;
beforeAll(async () => {
  ledger = await startLedgerHarness();
});
afterAll(() => ledger?.close());

describe('emergency plan API against Postgres', () => {
  // The enterprise's own admin files its plan; the audit names the token's subject.
  const put = (enterprise: string, body: unknown, actor = 'env-officer') =>
    ledger.as(memberOf(enterprise, 'enterprise-admin', actor))(`/enterprises/${enterprise}/emergency-plan`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const get = (enterprise: string) => ledger.api(`/enterprises/${enterprise}/emergency-plan`);

  it('answers 404 until a plan is filed, then returns the domain plan as filed', async () => {
    expect(await get('ent-plan-a')).toMatchObject({
      status: 404,
      body: { code: 'emergency-plan-not-found' },
    });
    const body = planBody('ent-plan-a');
    const filed = await put('ent-plan-a', body);
    expect(filed).toMatchObject({ status: 200, body: { revision: 1, filedBy: 'env-officer' } });
    const read = await get('ent-plan-a');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ revision: 1, plan: { enterpriseId: 'ent-plan-a', ...body } });
    // Another enterprise sees nothing of it.
    expect((await get('ent-plan-b')).status).toBe(404);
  });

  it('revises with optimistic concurrency, keeps every revision and audits each filing', async () => {
    const revised = planBody('ent-plan-c');
    await put('ent-plan-c', revised);
    (revised['levels'] as { yellow: { unknownStage: string } }).yellow.unknownStage = 'needs-review';
    expect((await put('ent-plan-c', { ...revised, expectedRevision: 1 })).body).toMatchObject({
      revision: 2,
    });
    expect(await put('ent-plan-c', { ...revised, expectedRevision: 1 })).toMatchObject({
      status: 409,
      body: { code: 'revision-conflict' },
    });
    expect((await get('ent-plan-c')).body).toMatchObject({
      revision: 2,
      plan: { levels: { yellow: { unknownStage: 'needs-review' } } },
    });
    const audits: { action: string; revision: number }[] = await ledger.service.dataSource.query(
      `SELECT "action", ("after"->>'revision')::int AS revision FROM "audit_log"
        WHERE "enterprise_id" = $1 AND "entity_type" = 'emergency-plan' ORDER BY "at"`,
      ['ent-plan-c'],
    );
    expect(audits).toEqual([
      { action: 'file', revision: 1 },
      { action: 'revise', revision: 2 },
    ]);
    const rows: unknown[] = await ledger.service.dataSource.query(
      `SELECT 1 FROM "emergency_plans" WHERE "enterprise_id" = $1`,
      ['ent-plan-c'],
    );
    expect(rows).toHaveLength(2);
  });

  it('refuses a plan that breaks the domain rules or the shape, and a write without a token', async () => {
    const severeAllow = planBody('ent-plan-d');
    (severeAllow['levels'] as { red: { unknownStage: string } }).red.unknownStage = 'allow';
    expect(await put('ent-plan-d', severeAllow)).toMatchObject({
      status: 400,
      body: { code: 'invalid-request' },
    });

    const duplicate = planBody('ent-plan-d');
    const orange = (duplicate['levels'] as { orange: { requirements: unknown[] } }).orange;
    orange.requirements = [...orange.requirements, ...orange.requirements];
    const refused = await put('ent-plan-d', duplicate);
    expect(refused).toMatchObject({ status: 400, body: { code: 'invalid-plan' } });
    expect((refused.body as { reason: string }).reason).toContain('twice');

    const reversed = planBody('ent-plan-d');
    const [exemption] = reversed['exemptions'] as { from: string; until: string }[];
    [exemption!.from, exemption!.until] = [exemption!.until, exemption!.from];
    expect(await put('ent-plan-d', reversed)).toMatchObject({ status: 400, body: { code: 'invalid-plan' } });

    const noActor = await ledger.anonymous('/enterprises/ent-plan-d/emergency-plan', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(planBody('ent-plan-d')),
    });
    expect(noActor.status).toBe(401);
    expect((await get('ent-plan-d')).status).toBe(404);
  });
});

describe('retention policy API', () => {
  const put = (enterprise: string, body: unknown) =>
    ledger.as({ role: 'city-admin', subject: 'env-officer' })(`/enterprises/${enterprise}/retention-policy`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('starts at the default, refuses anything below the floor and keeps a longer one', async () => {
    expect((await ledger.api('/enterprises/ent-ret-a/retention-policy')).body).toEqual({
      ledgerDays: 365,
      floorDays: 365,
      source: 'default',
    });
    const below = await put('ent-ret-a', { ledgerDays: 364 });
    expect(below).toMatchObject({ status: 400, body: { code: 'below-retention-floor' } });
    expect((await put('ent-ret-a', { ledgerDays: 730 })).body).toMatchObject({
      ledgerDays: 730,
      source: 'enterprise',
    });
    expect((await put('ent-ret-a', { ledgerDays: 800 })).body).toMatchObject({ ledgerDays: 800 });
    expect((await ledger.api('/enterprises/ent-ret-b/retention-policy')).body).toMatchObject({
      source: 'default',
    });
    const audits: unknown[] = await ledger.service.dataSource.query(
      `SELECT 1 FROM "audit_log" WHERE "enterprise_id" = 'ent-ret-a' AND "entity_type" = 'retention-policy'`,
    );
    expect(audits).toHaveLength(2);
  });

  it('refuses a policy above the ten-year ceiling, so one enterprise cannot pin shared partitions', async () => {
    const century = await put('ent-ret-c', { ledgerDays: 36_500 });
    expect(century.status).toBe(400);
    expect(century.body).toEqual({
      code: 'above-retention-ceiling',
      reason: expect.stringContaining('3650'),
    });
    expect((await ledger.api('/enterprises/ent-ret-c/retention-policy')).body).toMatchObject({
      source: 'default',
    });
    expect((await put('ent-ret-c', { ledgerDays: 3_650 })).body).toMatchObject({ ledgerDays: 3_650 });
  });
});

describe('vehicle documents against MinIO', () => {
  const plate = '冀B20001';
  const documentPath = (enterprise: string, kind: string) =>
    `/enterprises/${enterprise}/vehicles/${encodeURIComponent(plate)}/documents/${kind}`;
  const upload = (enterprise: string, kind: string, bytes: Buffer, contentType = 'image/jpeg') =>
    ledger.as(memberOf(enterprise, 'enterprise-staff', 'clerk-3'))(documentPath(enterprise, kind), {
      method: 'PUT',
      headers: { 'content-type': contentType },
      body: new Uint8Array(bytes),
    });

  it('stores a 随车清单 photo by its hash under the enterprise and links to it briefly', async () => {
    const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#c00' } })
      .jpeg()
      .toBuffer();
    expect(await upload('ent-doc-a', 'inventory-list', jpeg)).toMatchObject({
      status: 404,
      body: { code: 'vehicle-not-found' },
    });
    await ledger.as(memberOf('ent-doc-a', 'enterprise-admin', 'clerk-3'))(
      `/enterprises/ent-doc-a/vehicles/${encodeURIComponent(plate)}`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ plateColour: 'yellow' }),
      },
    );

    const sha256 = createHash('sha256').update(jpeg).digest('hex');
    const stored = await upload('ent-doc-a', 'inventory-list', jpeg, 'application/octet-stream');
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ sha256, contentType: 'image/jpeg', bytes: jpeg.length });
    expect((stored.body as { key: string }).key).toMatch(
      new RegExp(`^ent-doc-a/vehicle-registry/\\d{4}/\\d{2}/\\d{2}/inventory-list/${sha256}\\.jpg$`),
    );

    const link = await ledger.api(documentPath('ent-doc-a', 'inventory-list'));
    expect(link.status).toBe(200);
    const { url, expiresAt } = link.body as { url: string; expiresAt: string };
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    const fetched = await fetch(url);
    expect(fetched.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await fetched.arrayBuffer()).equals(jpeg)).toBe(true);

    const vehicle = await ledger.api(`/enterprises/ent-doc-a/vehicles/${encodeURIComponent(plate)}`);
    expect(vehicle.body).toMatchObject({ vehicle: { inventoryList: { sha256 }, drivingLicence: null } });
    const audits: { action: string }[] = await ledger.service.dataSource.query(
      `SELECT "action" FROM "audit_log" WHERE "enterprise_id" = 'ent-doc-a' AND "action" LIKE 'attach-%'`,
    );
    expect(audits).toEqual([{ action: 'attach-inventory-list' }]);
  });

  it('takes a PDF 行驶证, and refuses other files, oversized ones and other enterprises', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    expect((await upload('ent-doc-a', 'driving-licence', pdf, 'application/pdf')).body).toMatchObject({
      contentType: 'application/pdf',
    });
    expect(
      await upload('ent-doc-a', 'driving-licence', Buffer.from('GIF89a\x01\x00\x01\x00'), 'image/jpeg'),
    ).toMatchObject({
      status: 415,
      body: { code: 'unsupported-document-type' },
    });
    const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(64 * 1024)]);
    expect(await upload('ent-doc-a', 'driving-licence', huge)).toMatchObject({
      status: 413,
      body: { code: 'document-too-large' },
    });
    expect((await upload('ent-doc-a', 'passport', pdf)).status).toBe(400);
    // The PDF is still the one on file.
    const link = await ledger.api(documentPath('ent-doc-a', 'driving-licence'));
    expect(link.body).toMatchObject({ document: { contentType: 'application/pdf', bytes: pdf.length } });

    expect((await ledger.api(documentPath('ent-doc-b', 'driving-licence'))).status).toBe(404);
    expect((await upload('ent-doc-b', 'driving-licence', pdf)).status).toBe(404);
  });
});

describe('in-plant vehicle and machinery registries', () => {
  const put = (path: string, body: unknown) =>
    ledger.as(memberOf('ent-reg-a', 'enterprise-admin', 'clerk-4'))(path, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const photo = (key: string) => ({
    bucket: 'ecogate-documents',
    key,
    sha256: 'b'.repeat(64),
    contentType: 'image/jpeg',
    bytes: 2048,
  });

  it('scores an in-plant vehicle by ledger B and completes it field by field', async () => {
    const path = '/enterprises/ent-reg-a/in-plant-vehicles/FORK-07';
    const first = await put(path, { engineNo: 'E123456', stage: { stage: 'IV', source: 'document' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      number: 'FORK-07',
      emissionStage: 'IV',
      missingFields: ['registration-date', 'vin', 'vehicle-document'],
    });
    expect((first.body as { completeness: number }).completeness).toBeCloseTo(0.5);
    const done = await put(path, {
      registrationDate: '2019-05-01',
      vin: 'LFWADRJF011002346',
      drivingLicence: photo('ent-reg-a/vehicle-registry/2026/11/28/vehicle-licence/x.jpg'),
    });
    expect(done.body).toMatchObject({ completeness: 1, missingFields: [], engineNo: 'E123456' });
    expect((await put(path, { vin: 'not-a-vin' })).status).toBe(400);
    expect((await ledger.api('/enterprises/ent-reg-a/in-plant-vehicles')).body).toHaveLength(1);
    expect((await ledger.api('/enterprises/ent-reg-b/in-plant-vehicles')).body).toEqual([]);
    expect((await ledger.api('/enterprises/ent-reg-b/in-plant-vehicles/FORK-07')).status).toBe(404);
  });

  it('reads a machine’s stage from its disclosure number and refuses a contradicting one', async () => {
    const path = '/enterprises/ent-reg-a/machinery/HB-NRMM-0001';
    const filed = await put(path, {
      disclosureNumber: 'CN11G3000000000000000001',
      machineType: 'loader',
      fuel: 'diesel',
      owner: '自有',
    });
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({
      emissionStage: 'III',
      stageSource: 'document',
      machineType: 'loader',
    });
    expect((filed.body as { missingFields: string[] }).missingFields).toEqual([
      'production-date',
      'machine-code',
      'engine-nameplate-image',
      'machine-nameplate-image',
      'environmental-label-image',
    ]);
    expect(
      await put(path, {
        disclosureNumber: 'CN11G3000000000000000001',
        stage: { stage: 'IV', source: 'manual' },
      }),
    ).toMatchObject({ status: 400, body: { code: 'invalid-request' } });
    expect((await put(path, { disclosureNumber: 'CN11X3000000000000000001' })).status).toBe(400);
    expect((await ledger.api(path)).body).toMatchObject({ emissionStage: 'III' });
    expect((await ledger.api('/enterprises/ent-reg-b/machinery/HB-NRMM-0001')).status).toBe(404);
  });
});
