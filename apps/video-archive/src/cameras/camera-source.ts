import { readFile } from 'node:fs/promises';
import { type ServiceToken } from '@ecogate/auth';
import { idSchema } from '@ecogate/contracts';
import { parseEnterpriseId } from '@ecogate/persistence';
import { z } from 'zod';
import { type CameraSettings } from '../recorder/camera-recorder';

const streamUrl = z.string().refine((value) => {
  try {
    return ['rtsp:', 'rtsps:', 'http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'must be an rtsp(s):// (or http(s):// MPEG-TS) URL');

const cameraFile = z.object({
  cameras: z
    .array(
      z.object({
        enterpriseId: idSchema,
        siteId: idSchema,
        cameraId: idSchema,
        recording: z.boolean(),
        sourceUrl: streamUrl.optional(),
        /** The ONVIF profile to record when the URI comes from camera-ingest; default: the first (main stream). */
        profileToken: z.string().min(1).max(64).optional(),
      }),
    )
    .max(1_000),
});

/**
 * camera-ingest's `GET /api/v1/enterprises/:e/devices/:id/media` answer (on its API listener): the camera's ONVIF media profiles
 * (only their tokens and stream URIs are used here).
 */
const mediaAnswer = z.object({
  profiles: z.array(z.object({ token: z.string(), streamUri: streamUrl })).min(1),
});

/** camera-ingest's API listener and video-archive's own token for it. */
export interface CameraIngestClient {
  readonly url: string;
  /** video-archive's `ServiceToken` (POLICY admits it on the media route). */
  readonly token: Pick<ServiceToken, 'header'>;
}

/**
 * The cameras to record: from the JSON file; a camera without `sourceUrl` gets its stream URI from
 * camera-ingest's registry when `ingest` is set (the URI may carry credentials: never logged).
 */
export async function loadCameras(
  file: string,
  ingest?: CameraIngestClient,
  fetchImpl: typeof fetch = fetch,
): Promise<CameraSettings[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`Camera file ${file} is not readable JSON: ${(error as Error).message}`);
  }
  const parsed = cameraFile.safeParse(raw);
  if (!parsed.success) throw new Error(`Camera file ${file}: ${z.prettifyError(parsed.error)}`);
  const out: CameraSettings[] = [];
  for (const camera of parsed.data.cameras) {
    const sourceUrl = camera.sourceUrl ?? (await fetchStreamUri(camera, ingest, fetchImpl));
    out.push({ ...camera, enterpriseId: parseEnterpriseId(camera.enterpriseId), sourceUrl });
  }
  return out;
}

async function fetchStreamUri(
  camera: { enterpriseId: string; cameraId: string; profileToken?: string | undefined },
  ingest: CameraIngestClient | undefined,
  fetchImpl: typeof fetch,
): Promise<string> {
  if (!ingest) {
    throw new Error(`Camera ${camera.cameraId} has no sourceUrl and CAMERA_INGEST_URL is not set`);
  }
  const url = new URL(
    `api/v1/enterprises/${encodeURIComponent(camera.enterpriseId)}/devices/${encodeURIComponent(camera.cameraId)}/media`,
    ingest.url.endsWith('/') ? ingest.url : `${ingest.url}/`,
  );
  const response = await fetchImpl(url, {
    headers: { authorization: await ingest.token.header(), accept: 'application/json' },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok)
    throw new Error(`camera-ingest answered ${response.status} for ${camera.cameraId}'s media`);
  const answer = mediaAnswer.safeParse(await response.json());
  if (!answer.success)
    throw new Error(`camera-ingest's media answer for ${camera.cameraId} has no valid stream URI`);
  const { profiles } = answer.data;
  const profile = camera.profileToken
    ? profiles.find((candidate) => candidate.token === camera.profileToken)
    : profiles[0];
  if (!profile) throw new Error(`Camera ${camera.cameraId} has no media profile ${camera.profileToken}`);
  return profile.streamUri;
}
