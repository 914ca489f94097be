import { type CameraRecorder, type RecorderStatus } from './camera-recorder';

export type CameraStatus = 'online' | 'offline' | 'recovered' | 'tampered';

/** All recorders of the process, by enterprise and camera. */
export class RecorderFleet {
  private readonly recorders = new Map<string, CameraRecorder>();

  constructor(recorders: readonly CameraRecorder[]) {
    for (const recorder of recorders) {
      this.recorders.set(fleetKey(recorder.camera.enterpriseId, recorder.camera.cameraId), recorder);
    }
  }

  enterprises(): string[] {
    return [...new Set([...this.recorders.values()].map((r) => r.camera.enterpriseId))];
  }

  async start(): Promise<void> {
    for (const recorder of this.recorders.values()) await recorder.start();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.recorders.values()].map((recorder) => recorder.stop()));
  }

  /**
   * camera-ingest's view of a camera: offline pauses its ffmpeg (no reconnect storm), online or
   * recovered resumes it at once. Returns false for a camera this process does not record.
   */
  async onCameraStatus(enterpriseId: string, cameraId: string, status: CameraStatus): Promise<boolean> {
    const recorder = this.recorders.get(fleetKey(enterpriseId, cameraId));
    if (!recorder) return false;
    switch (status) {
      case 'offline':
        await recorder.pause();
        break;
      case 'online':
      case 'recovered':
        recorder.resume();
        break;
      case 'tampered':
        // Still streaming: keep recording; the tamper alert is camera-ingest's.
        break;
    }
    return true;
  }

  statuses(): RecorderStatus[] {
    return [...this.recorders.values()].map((recorder) => recorder.status());
  }
}

const fleetKey = (enterpriseId: string, cameraId: string): string => `${enterpriseId}/${cameraId}`;
