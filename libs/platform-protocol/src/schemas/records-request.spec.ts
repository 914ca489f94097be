import { aRecord, aRecordsRequest, SAMPLE_IMAGE_BASE64 } from '../testing/record.builder';
import { ENTERPRISE_CODE_PATTERN } from './enterprise-code';
import { MAX_IMAGE_BYTES } from './field-formats';
import { formatIssues } from './issue-format';
import { type PlatformRecord } from './record.schema';
import { recordsRequestSchema, validateBatch } from './records-request.schema';

/** The rejection reason of a single-record batch, or `accepted`. */
function verdict(record: unknown): string {
  const result = validateBatch({ enterpriseCode: '91130200699229617X001P', records: [record] });
  if (!result.ok) return `400 ${result.reason}`;
  const item = result.items[0]!;
  return item.ok ? 'accepted' : item.reason;
}

const passage = () => aRecord('transport-passage');
const base64OfBytes = (n: number): string => Buffer.alloc(n, 1).toString('base64');

describe('records of each kind', () => {
  it.each(['transport-passage', 'vehicle', 'nrmm'] as const)('accepts a complete %s record', (kind) => {
    expect(verdict(aRecord(kind).build())).toBe('accepted');
  });

  it('accepts a passage without the optional cargo, tonnes and plate crop', () => {
    expect(verdict(passage().withPayload({ cargo: undefined, tonnes: undefined }).build())).toBe('accepted');
  });

  it('rejects an unknown kind', () => {
    expect(verdict({ ...passage().build(), kind: 'truck' })).toMatch(/^records\[0\]\.kind: /);
  });

  it('names an unknown field rather than dropping it', () => {
    expect(
      verdict(
        passage()
          .withPayload({ vinn: 'x' } as never)
          .build(),
      ),
    ).toBe('records[0].payload: unknown field vinn');
  });
});

describe('field widths (counted in characters)', () => {
  it.each([
    ['plate', '冀B123456789', 'must be 1-10 characters without spaces'],
    ['plate', '冀B 12345', 'must be 1-10 characters without spaces'],
    ['engineNo', 'E'.repeat(33), 'must be at most 32 characters'],
    ['cargo', '铁'.repeat(33), 'must be at most 32 characters'],
    ['fleet', '运'.repeat(101), 'must be at most 100 characters'],
    ['gate', '   ', 'must not be blank'],
    ['vin', 'LFWSRXRJ8M1E0000', 'must be 17 characters of A-H, J-N, P, R-Z, 0-9'],
    ['vin', 'LFWSRXRJ8M1E0000O', 'must be 17 characters of A-H, J-N, P, R-Z, 0-9'],
  ])('rejects %s = %p', (field, value, message) => {
    expect(
      verdict(
        passage()
          .withPayload({ [field]: value })
          .build(),
      ),
    ).toBe(`records[0].payload.${field}: ${message}`);
  });

  it('accepts the maximum widths, Chinese characters counting as one', () => {
    const record = passage()
      .withPayload({
        plate: '冀B1234567D',
        cargo: '铁'.repeat(32),
        fleet: '运'.repeat(100),
        engineNo: 'E'.repeat(32),
      })
      .build();
    expect(verdict(record)).toBe('accepted');
  });
});

describe('codes', () => {
  it.each(['7', 'X', 'x', '6b', ''])('rejects the road-vehicle stage %p', (stage) => {
    expect(verdict(passage().withPayload({ stage }).build())).toBe(
      'records[0].payload.stage: must be one of 0-6 or D (electric)',
    );
  });

  it('accepts X (no stage) for non-road machinery only', () => {
    expect(verdict(aRecord('nrmm').withPayload({ stage: 'X' }).build())).toBe('accepted');
    expect(verdict(aRecord('vehicle').withPayload({ stage: 'X' }).build())).toMatch(/payload\.stage/);
  });

  it.each(['6', 'blue', ''])('rejects the plate colour %p', (plateColour) => {
    expect(verdict(passage().withPayload({ plateColour }).build())).toMatch(
      /^records\[0\]\.payload\.plateColour: must be a GA\/T 16/,
    );
  });

  it('rejects a direction other than in/out', () => {
    expect(verdict(passage().withPayload({ direction: 'inbound' }).build())).toBe(
      'records[0].payload.direction: must be in or out',
    );
  });
});

describe('times and quantities', () => {
  it.each(['2024-01-15 08:30:00', '20240115083000', '20240230 083000', '20240115 250000', ''])(
    'rejects capturedAt %p',
    (capturedAt) => {
      expect(verdict(passage().withCapturedAt(capturedAt).build())).toBe(
        'records[0].capturedAt: must be a valid time as yyyyMMdd HHmmss',
      );
    },
  );

  it('rejects an impossible registration date', () => {
    expect(verdict(passage().withPayload({ registrationDate: '20211331' }).build())).toBe(
      'records[0].payload.registrationDate: must be a valid date as yyyyMMdd',
    );
  });

  it.each([
    [1000, 'must be at most 999.9 (numeric 4,1)'],
    [12.34, 'must have at most one decimal'],
    [-1, 'must be at least 0'],
    ['12.5', 'must be a number of tonnes'],
  ])('rejects tonnes %p', (tonnes, message) => {
    expect(verdict(passage().withPayload({ tonnes }).build())).toBe(`records[0].payload.tonnes: ${message}`);
  });

  it('accepts 999.9 and 0.1 tonnes', () => {
    expect(verdict(passage().withPayload({ tonnes: 999.9 }).build())).toBe('accepted');
    expect(verdict(passage().withPayload({ tonnes: 0.1 }).build())).toBe('accepted');
  });
});

describe('images', () => {
  const withImages = (images: Record<string, string>) => passage().withPayload({ images }).build();

  it('accepts base64 up to 150 kB decoded, and http(s) URLs', () => {
    expect(
      verdict(
        withImages({
          vehicle: base64OfBytes(MAX_IMAGE_BYTES),
          drivingLicence: 'https://img.example.cn/a.jpg',
        }),
      ),
    ).toBe('accepted');
  });

  it('rejects base64 over 150 kB with the decoded size', () => {
    expect(
      verdict(
        withImages({ vehicle: base64OfBytes(MAX_IMAGE_BYTES + 1), drivingLicence: SAMPLE_IMAGE_BASE64 }),
      ),
    ).toBe(
      `records[0].payload.images.vehicle: must be at most ${MAX_IMAGE_BYTES} bytes once decoded (got ${MAX_IMAGE_BYTES + 1})`,
    );
  });

  it('rejects a data: URL prefix and non-base64 text', () => {
    for (const vehicle of [`data:image/jpeg;base64,${SAMPLE_IMAGE_BASE64}`, 'not base64!']) {
      expect(verdict(withImages({ vehicle, drivingLicence: SAMPLE_IMAGE_BASE64 }))).toMatch(
        /^records\[0\]\.payload\.images\.vehicle: must be standard base64/,
      );
    }
  });

  it('requires the inventory list or the driving licence', () => {
    expect(verdict(withImages({ vehicle: SAMPLE_IMAGE_BASE64 }))).toBe(
      'records[0].payload.images: must include inventoryList or drivingLicence (at least one)',
    );
  });
});

describe('validateBatch', () => {
  it('acknowledges record by record: one bad record does not fail the others', () => {
    const good = passage().withSerial('S-1').build();
    const bad = passage().withSerial('S-2').withPayload({ vin: 'short' }).build();
    const result = validateBatch(aRecordsRequest([good, bad]));
    expect(result).toMatchObject({
      ok: true,
      items: [
        { serial: 'S-1', ok: true },
        { serial: 'S-2', ok: false, reason: expect.stringMatching(/^records\[1\]\.payload\.vin: /) },
      ],
    });
  });

  it('fails the whole request on a record without a usable serial', () => {
    const record: Partial<PlatformRecord> = passage().build();
    delete record.serial;
    expect(validateBatch(aRecordsRequest([record as PlatformRecord]))).toEqual({
      ok: false,
      reason: 'records[0].serial: must be a string',
    });
    expect(validateBatch(aRecordsRequest([passage().withSerial('a'.repeat(65)).build()]))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^records\[0\]\.serial: must be 1-64/),
    });
  });

  it('fails a batch of more than 100 records, and an empty one', () => {
    const records = Array.from({ length: 101 }, () => passage().build());
    expect(validateBatch(aRecordsRequest(records))).toEqual({
      ok: false,
      reason: 'records: must hold at most 100 records',
    });
    expect(validateBatch(aRecordsRequest([]))).toEqual({
      ok: false,
      reason: 'records: must hold at least 1 record',
    });
    expect(validateBatch(aRecordsRequest(records.slice(0, 100)))).toMatchObject({ ok: true });
  });

  it('fails a bad enterprise code, naming the field', () => {
    expect(validateBatch(aRecordsRequest([passage().build()], '91130200699229617X'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^enterpriseCode: must be an HJ 608/),
    });
  });

  it('fails a body that is not an object', () => {
    expect(validateBatch([])).toMatchObject({ ok: false });
  });
});

describe('enterprise code (HJ 608 shape)', () => {
  it.each([
    ['91130200699229617X001P', true],
    ['H9130200123456789a001P', true],
    ['H9130200000012345b002P', true],
    ['91130200699229617X001', false],
    ['91130200699229617I001P', false],
    ['91130200699229617X0A1P', false],
    ['91130200699229617x001p', false],
  ])('%s → %p', (code, valid) => {
    expect(ENTERPRISE_CODE_PATTERN.test(code)).toBe(valid);
  });
});

describe('recordsRequestSchema', () => {
  it('validates a whole request before sending', () => {
    expect(recordsRequestSchema.safeParse(aRecordsRequest([passage().build()])).success).toBe(true);
    const failed = recordsRequestSchema.safeParse(
      aRecordsRequest([passage().withPayload({ stage: '9' }).build()]),
    );
    expect(failed.success).toBe(false);
    expect(formatIssues(failed.error!.issues)).toContain('records[0].payload.stage');
  });
});
