import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ENTERPRISE, fakeGateway, me, refusal, renderPage } from '../shared/test-harness';
import { type Clip, orderClips, PassageClip } from './PassageClip';

const later = { timeout: 10_000 };
const CLIPS = `/api/video-archive/v1/enterprises/${ENTERPRISE}/passages/p-1/clips`;
const window = { from: '2026-12-01T00:00:00.000Z', to: '2026-12-01T00:00:20.000Z' };
const archived = (clipId: string, direction: 'in' | 'out', url: string): Clip => ({
  clipId,
  direction,
  cameraId: 'cam-1',
  status: 'archived',
  requested: window,
  actual: window,
  sha256: 'ab'.repeat(32),
  bytes: 3_145_728,
  url,
  expiresAt: '2026-12-01T00:05:00.000Z',
});
const pending: Clip = {
  clipId: 'c-pending',
  direction: 'out',
  cameraId: 'cam-2',
  status: 'pending',
  requested: window,
  reason: null,
};
const missing: Clip = {
  ...pending,
  clipId: 'c-missing',
  status: 'missing',
  reason: 'no video of the camera',
};

const show = () =>
  renderPage(<PassageClip enterpriseId={ENTERPRISE} passageId="p-1" />, {
    path: '/e/:enterpriseId/passages',
    url: `/e/${ENTERPRISE}/passages`,
  });

describe('PassageClip', () => {
  it('orders a passage’s clips entry first, then by camera', () => {
    const clips = [pending, archived('c-in', 'in', 'u'), { ...missing, cameraId: 'cam-0' }];
    expect(orderClips(clips).map((c) => c.clipId)).toEqual(['c-in', 'c-missing', 'c-pending']);
  });

  it('plays archived clips from their link and says why the others are not there', async () => {
    fakeGateway({
      'GET /auth/me': me('inspector'),
      [`GET ${CLIPS}`]: { body: [missing, archived('c-in', 'in', 'https://objects.example/in.mp4')] },
    });
    show();
    const video = (await screen.findByTestId('clip-c-in', {}, later)) as HTMLVideoElement;
    expect(video.src).toBe('https://objects.example/in.mp4');
    expect(screen.getByText(/3\.0 MB/)).toBeTruthy();
    expect(screen.getByText('无视频片段')).toBeTruthy();
    expect(screen.getByText('no video of the camera')).toBeTruthy();
  });

  it('asks for fresh links when a clip fails to load (its link expired)', async () => {
    let asked = 0;
    fakeGateway({
      'GET /auth/me': me('inspector'),
      [`GET ${CLIPS}`]: () => ({
        body: [archived('c-in', 'in', `https://objects.example/in.mp4?v=${++asked}`)],
      }),
    });
    show();
    const video = (await screen.findByTestId('clip-c-in', {}, later)) as HTMLVideoElement;
    fireEvent.error(video);
    await waitFor(() => expect(video.src).toBe('https://objects.example/in.mp4?v=2'), later);
    expect(asked).toBe(2);
  });

  it('shows an empty state for a passage without clips, and the reason of any other refusal', async () => {
    fakeGateway({
      'GET /auth/me': me('inspector'),
      [`GET ${CLIPS}`]: refusal(404, 'clips-not-found', 'no clip requested for passage p-1'),
    });
    show();
    expect(await screen.findByText('该通行记录没有视频片段', {}, later)).toBeTruthy();
  });

  it('shows the archive’s reason when it refuses', async () => {
    fakeGateway({
      'GET /auth/me': me('inspector'),
      [`GET ${CLIPS}`]: refusal(503, 'storage-unavailable', 'MinIO is down'),
    });
    show();
    expect(await screen.findByText('MinIO is down (storage-unavailable)', {}, later)).toBeTruthy();
  });
});
