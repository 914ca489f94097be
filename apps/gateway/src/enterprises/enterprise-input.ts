import { idSchema } from '@ecogate/contracts';
import {
  INDUSTRIES,
  isDistrictCode,
  parseCreditCode,
  PERFORMANCE_CLASSES,
  retentionPolicy,
  type Industry,
  type PerformanceClass,
  type RetentionDays,
} from '@ecogate/domain';
import { z } from 'zod';
import { EnterpriseError } from './enterprise.errors';

/** What a city-admin registers. `id` is optional: the directory generates one when absent. */
export interface EnterpriseFields {
  readonly creditCode: string;
  readonly name: string;
  readonly industry: Industry;
  readonly districtCode: string;
  readonly performanceClass: PerformanceClass;
  readonly retention: RetentionDays;
}
export interface Registration extends EnterpriseFields {
  readonly id?: string;
}
export interface EnterpriseChanges extends Partial<EnterpriseFields> {
  /** Optimistic concurrency: refused with `revision-conflict` when the record moved on. */
  readonly expectedRevision?: number;
}

const fields = {
  creditCode: z.string().max(40),
  name: z.string().trim().min(1).max(200),
  industry: z.enum(INDUSTRIES),
  districtCode: z.string().max(12),
  performanceClass: z.enum(PERFORMANCE_CLASSES),
  retention: z.object({ videoDays: z.number().int(), ledgerDays: z.number().int() }).strict(),
};
export const registrationSchema = z.object({ id: idSchema.optional(), ...fields }).strict();
export const changesSchema = z
  .object({
    creditCode: fields.creditCode.optional(),
    name: fields.name.optional(),
    industry: fields.industry.optional(),
    districtCode: fields.districtCode.optional(),
    performanceClass: fields.performanceClass.optional(),
    retention: fields.retention.optional(),
    expectedRevision: z.number().int().positive().optional(),
  })
  .strict();

function shape<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new EnterpriseError('invalid-request', z.prettifyError(parsed.error));
  return parsed.data;
}

/** The canonical code, or `invalid-credit-code` with the domain's reason (e.g. the wrong check character). */
export function creditCodeOf(input: string): string {
  const parsed = parseCreditCode(input);
  if (!parsed.ok) throw new EnterpriseError('invalid-credit-code', parsed.error.reason);
  return parsed.value;
}

export function districtOf(input: string): string {
  if (!isDistrictCode(input))
    throw new EnterpriseError(
      'invalid-district',
      `districtCode must be a 6-digit administrative division code, not "${input}"`,
    );
  return input;
}

/** Video and ledger retention at or above the floors (never clamped: refused). */
export function retentionOf(requested: RetentionDays, floors: RetentionDays): RetentionDays {
  const policy = retentionPolicy(requested, floors);
  if (!policy.ok) throw new EnterpriseError('below-retention-floor', policy.error.reason);
  return { videoDays: policy.value.videoDays, ledgerDays: policy.value.ledgerDays };
}

export function parseRegistration(body: unknown, floors: RetentionDays): Registration {
  const input = shape(registrationSchema, body);
  return {
    ...(input.id !== undefined ? { id: input.id } : {}),
    creditCode: creditCodeOf(input.creditCode),
    name: input.name,
    industry: input.industry,
    districtCode: districtOf(input.districtCode),
    performanceClass: input.performanceClass,
    retention: retentionOf(input.retention, floors),
  };
}

export function parseChanges(body: unknown, floors: RetentionDays): EnterpriseChanges {
  const input = shape(changesSchema, body);
  // An empty change would still bump the revision and announce an unchanged record.
  if (Object.keys(input).every((key) => key === 'expectedRevision'))
    throw new EnterpriseError('invalid-request', 'name at least one field to change');
  return {
    ...(input.creditCode !== undefined ? { creditCode: creditCodeOf(input.creditCode) } : {}),
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.industry !== undefined ? { industry: input.industry } : {}),
    ...(input.districtCode !== undefined ? { districtCode: districtOf(input.districtCode) } : {}),
    ...(input.performanceClass !== undefined ? { performanceClass: input.performanceClass } : {}),
    ...(input.retention !== undefined ? { retention: retentionOf(input.retention, floors) } : {}),
    ...(input.expectedRevision !== undefined ? { expectedRevision: input.expectedRevision } : {}),
  };
}

export interface EnterpriseFilter {
  readonly districtCode?: string;
  readonly industry?: Industry;
  readonly performanceClass?: PerformanceClass;
  readonly active?: boolean;
  /** Part of the name. */
  readonly name?: string;
}
export interface Paging {
  readonly page: number;
  readonly pageSize: number;
}

export const listQuerySchema = z
  .object({
    districtCode: z
      .string()
      .regex(/^\d{6}$/, 'must be 6 digits')
      .optional(),
    industry: z.enum(INDUSTRIES).optional(),
    performanceClass: z.enum(PERFORMANCE_CLASSES).optional(),
    active: z.enum(['true', 'false']).optional(),
    name: z.string().min(1).max(100).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export function parseListQuery(query: unknown): { filter: EnterpriseFilter; paging: Paging } {
  const q = shape(listQuerySchema, query ?? {});
  return {
    filter: {
      ...(q.districtCode !== undefined ? { districtCode: q.districtCode } : {}),
      ...(q.industry !== undefined ? { industry: q.industry } : {}),
      ...(q.performanceClass !== undefined ? { performanceClass: q.performanceClass } : {}),
      ...(q.active !== undefined ? { active: q.active === 'true' } : {}),
      ...(q.name !== undefined ? { name: q.name } : {}),
    },
    paging: { page: q.page, pageSize: q.pageSize },
  };
}
