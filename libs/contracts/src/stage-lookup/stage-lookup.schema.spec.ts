import {
  authorizationHeader,
  describeCredentials,
  stageLookupCredentialsSchema,
} from './stage-lookup-credentials';
import { stageLookupRequestSchema, stageLookupResponseSchema } from './stage-lookup.schema';

describe('stage-lookup wire schemas', () => {
  it('takes exactly one key, VIN or disclosure number, and refuses both or a bad VIN', () => {
    expect(stageLookupRequestSchema.safeParse({ vin: 'LFWSRXRJ8M1E00001' }).success).toBe(true);
    expect(stageLookupRequestSchema.safeParse({ disclosureNumber: 'CNZXG6A0123456' }).success).toBe(true);
    expect(
      stageLookupRequestSchema.safeParse({ vin: 'LFWSRXRJ8M1E00001', disclosureNumber: 'CNZXG6A0123456' })
        .success,
    ).toBe(false);
    expect(stageLookupRequestSchema.safeParse({ vin: 'LFWSRXRJ8M1E0000O' }).success).toBe(false);
    expect(stageLookupRequestSchema.safeParse({}).success).toBe(false);
  });

  it('a conflict carries at least two records', () => {
    const record = {
      recordId: 'r1',
      stage: 'V',
      fuel: null,
      vehicleType: null,
      disclosureNumber: null,
      vin: null,
      updatedAt: '2026-01-01T00:00:00+08:00',
    };
    const answeredAt = '2026-01-02T00:00:00Z';
    expect(
      stageLookupResponseSchema.safeParse({ result: 'conflict', records: [record], answeredAt }).success,
    ).toBe(false);
    expect(
      stageLookupResponseSchema.safeParse({
        result: 'conflict',
        records: [record, { ...record, stage: 'IV' }],
        answeredAt,
      }).success,
    ).toBe(true);
  });

  it('a key pair goes as HTTP Basic, a token as Bearer; the description names no secret', () => {
    const pair = stageLookupCredentialsSchema.parse({ apiKey: 'city-3701', apiSecret: 's'.repeat(32) });
    expect(authorizationHeader(pair)).toBe(
      `Basic ${Buffer.from(`city-3701:${'s'.repeat(32)}`).toString('base64')}`,
    );
    expect(describeCredentials(pair)).toBe('api key city-3701');
    const token = stageLookupCredentialsSchema.parse({ token: 't'.repeat(40) });
    expect(authorizationHeader(token)).toBe(`Bearer ${'t'.repeat(40)}`);
    expect(describeCredentials(token)).not.toContain('t'.repeat(16));
  });
});
