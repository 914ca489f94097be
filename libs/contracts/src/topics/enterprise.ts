import { INDUSTRIES, PERFORMANCE_CLASSES } from '@ecogate/domain';
import { z } from 'zod';
import { idSchema, instantSchema } from '../common';

/**
 * An enterprise as the city registered it in the gateway's directory: published on registration,
 * on every update and on deactivation, always with the full record (keyed per enterprise, so the
 * last message of a key is its current state). Services learn which enterprises exist from this
 * topic instead of trusting an id in a path.
 */
export const enterpriseRegisteredV1 = z.object({
  enterpriseId: idSchema,
  /** 统一社会信用代码 (GB 32100-2015), validated with its check character. */
  creditCode: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/),
  name: z.string().min(1).max(200),
  industry: z.enum(INDUSTRIES),
  /** Administrative division code (6 digits) of the district the enterprise belongs to. */
  districtCode: z.string().regex(/^\d{6}$/),
  performanceClass: z.enum(PERFORMANCE_CLASSES),
  retention: z.object({
    videoDays: z.number().int().min(180),
    ledgerDays: z.number().int().min(365),
  }),
  active: z.boolean(),
  change: z.enum(['registered', 'updated', 'deactivated']),
  /** Increases with every change of this enterprise; a consumer ignores a revision it has passed. */
  revision: z.number().int().positive(),
  changedAt: instantSchema,
});
export type EnterpriseRegisteredV1 = z.infer<typeof enterpriseRegisteredV1>;
