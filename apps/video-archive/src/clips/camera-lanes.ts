import { idSchema } from '@ecogate/contracts';
import { z } from 'zod';

/** Which cameras film which lanes (configuration): a passage on a lane gets a clip from each. */
export const cameraLanesSchema = z
  .array(
    z.object({
      enterpriseId: idSchema,
      siteId: idSchema,
      cameraId: idSchema,
      lanes: z.array(z.object({ gateId: idSchema, laneId: idSchema })).min(1),
    }),
  )
  .refine(
    (cameras) => new Set(cameras.map((c) => `${c.enterpriseId}/${c.cameraId}`)).size === cameras.length,
    'a camera is listed twice for one enterprise',
  );
export type CameraLanes = z.infer<typeof cameraLanesSchema>;

export interface LaneOfPassage {
  readonly enterpriseId: string;
  readonly siteId: string;
  readonly gateId: string;
  readonly laneId: string;
}

/** The cameras of the passage's enterprise and site that film its lane, in configuration order. */
export function camerasFilming(map: CameraLanes, lane: LaneOfPassage): string[] {
  return map
    .filter(
      (camera) =>
        camera.enterpriseId === lane.enterpriseId &&
        camera.siteId === lane.siteId &&
        camera.lanes.some((l) => l.gateId === lane.gateId && l.laneId === lane.laneId),
    )
    .map((camera) => camera.cameraId);
}
