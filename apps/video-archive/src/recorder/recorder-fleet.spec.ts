import { type CameraRecorder } from './camera-recorder';
import { RecorderFleet } from './recorder-fleet';

describe('RecorderFleet', () => {
  function fake(enterpriseId: string, cameraId: string) {
    const calls: string[] = [];
    const recorder = {
      camera: { enterpriseId, cameraId },
      pause: () => (calls.push('pause'), Promise.resolve()),
      resume: () => void calls.push('resume'),
    } as unknown as CameraRecorder;
    return { recorder, calls };
  }

  it('pauses on offline, resumes on online/recovered, ignores tampered and unknown cameras', async () => {
    const a = fake('ent-1', 'gate-1');
    const b = fake('ent-2', 'gate-1');
    const fleet = new RecorderFleet([a.recorder, b.recorder]);
    expect(await fleet.onCameraStatus('ent-1', 'gate-1', 'offline')).toBe(true);
    expect(await fleet.onCameraStatus('ent-1', 'gate-1', 'tampered')).toBe(true);
    expect(await fleet.onCameraStatus('ent-1', 'gate-1', 'recovered')).toBe(true);
    expect(await fleet.onCameraStatus('ent-1', 'gate-1', 'online')).toBe(true);
    expect(await fleet.onCameraStatus('ent-3', 'gate-1', 'offline')).toBe(false);
    expect(a.calls).toEqual(['pause', 'resume', 'resume']);
    expect(b.calls).toEqual([]);
    expect(fleet.enterprises()).toEqual(['ent-1', 'ent-2']);
  });
});
