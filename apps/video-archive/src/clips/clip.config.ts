import { defineConfig, positiveInt } from '@ecogate/config';
import { z } from 'zod';

/** Passage clips and playback: read from the environment next to the service's own config. */
export const clipConfig = defineConfig(
  {
    /** JSON file `[{ enterpriseId, siteId, cameraId, lanes: [{ gateId, laneId }] }]`; unset: no clips. */
    VIDEO_CAMERA_LANES_FILE: z.string().min(1).optional(),
    VIDEO_CLIP_BEFORE_SECONDS: positiveInt(15),
    VIDEO_CLIP_AFTER_SECONDS: positiveInt(15),
    /** After the window end; must exceed the segment length plus upload time (60 s segments). */
    VIDEO_CLIP_MAX_WAIT_SECONDS: positiveInt(300),
    VIDEO_CLIP_POLL_MS: positiveInt(1_000),
    VIDEO_CLIP_MAX_ATTEMPTS: positiveInt(5),
    VIDEO_PLAYBACK_URL_TTL_SECONDS: z.coerce.number().int().min(10).max(3_600).default(300),
    VIDEO_PLAYBACK_MAX_WINDOW_HOURS: z.coerce.number().int().min(1).max(72).default(24),
  },
  (env) => ({
    ...(env.VIDEO_CAMERA_LANES_FILE ? { cameraLanesFile: env.VIDEO_CAMERA_LANES_FILE } : {}),
    window: {
      beforeSeconds: env.VIDEO_CLIP_BEFORE_SECONDS,
      afterSeconds: env.VIDEO_CLIP_AFTER_SECONDS,
      maxWaitMs: env.VIDEO_CLIP_MAX_WAIT_SECONDS * 1000,
    },
    worker: {
      pollMs: env.VIDEO_CLIP_POLL_MS,
      recheckMs: Math.max(env.VIDEO_CLIP_POLL_MS, 5_000),
      leaseMs: 5 * 60_000,
      batchSize: 10,
      maxAttempts: env.VIDEO_CLIP_MAX_ATTEMPTS,
    },
    playback: {
      urlTtlSeconds: env.VIDEO_PLAYBACK_URL_TTL_SECONDS,
      maxWindowHours: env.VIDEO_PLAYBACK_MAX_WINDOW_HOURS,
    },
  }),
);

export type ClipConfig = ReturnType<typeof clipConfig.load>;
