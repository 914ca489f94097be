import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { ENTERPRISE, fakeGateway, me, refusal, renderPage } from '../shared/test-harness';
import { HlsPlayer } from './HlsPlayer';
import VideoPage from './VideoPage';

// hls.js drives Media Source Extensions, which happy-dom lacks: the test stands in for it.
const fake = vi.hoisted(() => {
  type Listener = (event: string, data: unknown) => void;
  class FakeHls {
    static supported = true;
    static instances: FakeHls[] = [];
    static isSupported = () => FakeHls.supported;
    static Events = { ERROR: 'hlsError' };
    static ErrorTypes = { NETWORK_ERROR: 'networkError', MEDIA_ERROR: 'mediaError' };
    readonly listeners = new Map<string, Listener>();
    source?: string;
    media?: HTMLMediaElement;
    destroyed = false;
    playingDate: Date | null = null;
    constructor(readonly config: { startPosition: number }) {
      FakeHls.instances.push(this);
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
    }
    loadSource(source: string) {
      this.source = source;
    }
    attachMedia(media: HTMLMediaElement) {
      this.media = media;
    }
    recovered = 0;
    recoverMediaError() {
      this.recovered += 1;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return { FakeHls };
});
vi.mock('hls.js', () => ({ default: fake.FakeHls }));
const { FakeHls } = fake;

const later = { timeout: 10_000 };
const PLAYLIST_PATH = `/api/video-archive/v1/enterprises/${ENTERPRISE}/cameras/cam-1/playlist.m3u8`;
const window = { from: '2026-12-01T08:00:00+08:00', to: '2026-12-01T08:30:00+08:00' };
let playlists = 0;
const playlist = () => ({
  text: `#EXTM3U\n#EXTINF:60.000,\nhttps://objects.example/seg-${++playlists}.ts\n#EXT-X-ENDLIST\n`,
  contentType: 'application/vnd.apple.mpegurl',
});

beforeEach(() => {
  FakeHls.instances = [];
  FakeHls.supported = true;
  playlists = 0;
  let blobs = 0;
  URL.createObjectURL = vi.fn(() => `blob:playlist-${++blobs}`);
  URL.revokeObjectURL = vi.fn();
});

const player = () => <HlsPlayer enterpriseId={ENTERPRISE} cameraId="cam-1" window={window} />;

describe('HlsPlayer', () => {
  it('hands hls.js the playlist it fetched, attached to the video, and destroys it on unmount', async () => {
    const calls = fakeGateway({ 'GET /auth/me': me('enterprise-staff'), [`GET ${PLAYLIST_PATH}`]: playlist });
    const view = renderPage(player(), { path: '/e/:enterpriseId/video', url: `/e/${ENTERPRISE}/video` });
    await waitFor(() => expect(FakeHls.instances).toHaveLength(1), later);
    const hls = FakeHls.instances[0]!;
    expect(hls.source).toBe('blob:playlist-1');
    expect(hls.media).toBe(screen.getByTestId('hls-video'));
    const request = calls.find((c) => c.path === PLAYLIST_PATH);
    expect(Object.fromEntries(request!.query)).toEqual(window);
    const blob = vi.mocked(URL.createObjectURL).mock.calls[0]![0] as Blob;
    expect(await blob.text()).toContain('seg-1.ts');

    view.unmount();
    expect(hls.destroyed).toBe(true);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:playlist-1');
  });

  it('fetches the playlist again when a segment link has expired, resuming where it was', async () => {
    fakeGateway({ 'GET /auth/me': me('enterprise-staff'), [`GET ${PLAYLIST_PATH}`]: playlist });
    renderPage(player(), { path: '/e/:enterpriseId/video', url: `/e/${ENTERPRISE}/video` });
    await waitFor(() => expect(FakeHls.instances).toHaveLength(1), later);
    const first = FakeHls.instances[0]!;
    Object.defineProperty(first.media!, 'currentTime', { value: 42, configurable: true });
    act(() =>
      first.listeners.get('hlsError')!('hlsError', {
        fatal: true,
        type: 'networkError',
        details: 'fragLoadError',
        response: { code: 410 },
      }),
    );
    await waitFor(() => expect(FakeHls.instances).toHaveLength(2), later);
    expect(first.destroyed).toBe(true);
    expect(FakeHls.instances[1]!.config.startPosition).toBe(42);
    expect(FakeHls.instances[1]!.source).toBe('blob:playlist-2');
  });

  it('lets a browser with native HLS fetch the playlist itself', async () => {
    FakeHls.supported = false;
    const canPlay = vi.spyOn(HTMLMediaElement.prototype, 'canPlayType').mockReturnValue('maybe');
    fakeGateway({ 'GET /auth/me': me('enterprise-staff'), [`GET ${PLAYLIST_PATH}`]: playlist });
    const view = renderPage(player(), { path: '/e/:enterpriseId/video', url: `/e/${ENTERPRISE}/video` });
    const video = (await screen.findByTestId('hls-video', {}, later)) as HTMLVideoElement;
    await waitFor(() => expect(video.getAttribute('src')).toContain('playlist.m3u8?from='), later);
    expect(new URL(video.src).searchParams.get('to')).toBe(window.to);
    expect(FakeHls.instances).toHaveLength(0);
    view.unmount();
    canPlay.mockRestore();
  });

  it("shows the archive's reason when there is no video in the window", async () => {
    fakeGateway({
      'GET /auth/me': me('enterprise-staff'),
      [`GET ${PLAYLIST_PATH}`]: refusal(404, 'no-video-in-window', 'no video of camera cam-1 between …'),
    });
    renderPage(player(), { path: '/e/:enterpriseId/video', url: `/e/${ENTERPRISE}/video` });
    expect(
      await screen.findByText(/no video of camera cam-1 between … \(no-video-in-window\)/, {}, later),
    ).toBeTruthy();
    expect(FakeHls.instances).toHaveLength(0);
  });
});

describe('VideoPage', () => {
  it('plays the camera and window the URL names, and moves the window in the URL', async () => {
    const calls = fakeGateway({
      'GET /auth/me': me('enterprise-staff'),
      [`GET ${PLAYLIST_PATH}`]: playlist,
      [`GET /api/video-archive/v1/enterprises/${ENTERPRISE}/retention-report`]: {
        body: { enterpriseId: ENTERPRISE, retentionDays: 180, generatedAt: window.to, cameras: [] },
      },
    });
    const query = new URLSearchParams({ camera: 'cam-1', ...window });
    const { router } = renderPage(<VideoPage />, {
      path: '/e/:enterpriseId/video',
      url: `/e/${ENTERPRISE}/video?${query.toString()}`,
    });
    await waitFor(() => expect(FakeHls.instances).toHaveLength(1), later);
    // Gate staff may not read the registry: the page does not ask for it.
    expect(calls.some((c) => c.path.includes('/camera-ingest/'))).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: /上一时段/ }));
    await waitFor(() =>
      expect(router.state.location.search).toContain('from=2026-12-01T07%3A30%3A00%2B08%3A00'),
    );
    const moved = new URLSearchParams(router.state.location.search);
    expect([moved.get('camera'), moved.get('to')]).toEqual(['cam-1', window.from]);
    await waitFor(() => expect(FakeHls.instances).toHaveLength(2), later);
    expect(FakeHls.instances[0]!.destroyed).toBe(true);
    const requested = calls.filter((c) => c.path === PLAYLIST_PATH).map((c) => c.query.get('from'));
    expect(requested).toEqual([window.from, '2026-12-01T07:30:00+08:00']);
  });

  it('says what is wrong with a window in the URL instead of asking the archive', async () => {
    const calls = fakeGateway({
      'GET /auth/me': me('enterprise-staff'),
      [`GET /api/video-archive/v1/enterprises/${ENTERPRISE}/retention-report`]: refusal(503, 'down', 'down'),
    });
    const query = new URLSearchParams({ camera: 'cam-1', from: window.to, to: window.from });
    renderPage(<VideoPage />, {
      path: '/e/:enterpriseId/video',
      url: `/e/${ENTERPRISE}/video?${query.toString()}`,
    });
    expect(await screen.findByText('结束时间须晚于开始时间', {}, later)).toBeTruthy();
    expect(calls.some((c) => c.path === PLAYLIST_PATH)).toBe(false);
  });
});
