import { z } from 'zod';
import { idSchema, instantSchema } from '../common';

/**
 * A camera stopped recording (offline, power loss) for longer than the tolerance and no outage
 * had been filed (备案) with the bureau in advance for that window: a violation. Filed outages
 * are recorded by video-archive and not published. Published once per outage; keyed per camera.
 */
export const videoOutageUnfiledV1 = z.object({
  outageId: z.uuid(),
  enterpriseId: idSchema,
  cameraId: idSchema,
  /** End of the last segment before the gap. */
  from: instantSchema,
  /** Start of the first segment after it. */
  to: instantSchema,
  durationSeconds: z.number().nonnegative(),
  detectedAt: instantSchema,
});
export type VideoOutageUnfiledV1 = z.infer<typeof videoOutageUnfiledV1>;
