import { type Arrival, type CameraSimulator, type Capture } from '@ecogate/camera-simulator';
import { setTimeout as sleep } from 'node:timers/promises';

/** A push counts as delivered once camera-ingest answered 200 (`accepted` or `duplicate`). */
export interface Delivery {
  readonly capture: Capture;
  readonly attempts: number;
}

/**
 * A vehicle arrives and the camera keeps re-sending the same capture until the platform answers
 * 200, as ANPR cameras do with their upload retry. Calls on one camera must not overlap.
 */
export async function arriveUntilDelivered(
  camera: CameraSimulator,
  arrival: Arrival,
  { retryDelayMs = 250, maxAttempts = 200 } = {},
): Promise<Delivery> {
  let attempts = 1;
  let status = await camera.arrive(arrival).then(
    (result) => result.status,
    () => undefined,
  );
  const capture = camera.sent.findLast((c) => c.plate === arrival.plate);
  if (!capture) throw new Error(`the camera kept no capture of ${arrival.plate}`);
  while (status !== 200) {
    if (attempts >= maxAttempts)
      throw new Error(`${arrival.plate}: not delivered after ${attempts} attempts`);
    await sleep(retryDelayMs);
    attempts += 1;
    status = await camera.rePush(capture).then(
      (result) => result.status,
      () => undefined,
    );
  }
  return { capture, attempts };
}
