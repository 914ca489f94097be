import { type ObjectRef } from '@ecogate/contracts';
import { z } from 'zod';
import { type ReferenceView } from './reference-view.repository';

/** `POST …/devices/:deviceId/reference-view`: why the view is taken (commissioning, the camera moved on purpose, …). */
export const takeReferenceViewSchema = z.strictObject({
  reason: z.string().trim().min(3).max(500),
});
export type TakeReferenceView = z.infer<typeof takeReferenceViewSchema>;

/** A take as the API shows it (the signature stays inside: it is what the check compares with). */
export interface ReferenceViewView {
  readonly id: string;
  readonly cameraId: string;
  readonly image: ObjectRef;
  readonly takenBy: string;
  readonly takenByRole: string;
  readonly reason: string;
  readonly takenAt: string;
  readonly replacedAt: string | null;
}

/** `GET …/devices/:deviceId/reference-view`: the current view (null before commissioning) and every take. */
export interface ReferenceViewHistory {
  readonly current: ReferenceViewView | null;
  readonly history: readonly ReferenceViewView[];
}

export const referenceViewView = (view: ReferenceView): ReferenceViewView => ({
  id: view.id,
  cameraId: view.cameraId,
  image: view.image,
  takenBy: view.takenBy,
  takenByRole: view.takenByRole,
  reason: view.reason,
  takenAt: view.takenAt.toISOString(),
  replacedAt: view.replacedAt?.toISOString() ?? null,
});
