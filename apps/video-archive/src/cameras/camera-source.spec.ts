import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceToken, TestIssuer, TokenVerifier } from '@ecogate/auth';
import { type CameraIngestClient, loadCameras } from './camera-source';

describe('loadCameras', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cameras-spec-'));
  const file = join(dir, 'cameras.json');
  let registry: Server;
  let ingest: CameraIngestClient;
  let issuer: TestIssuer;
  const asked: string[] = [];

  beforeAll(async () => {
    issuer = await TestIssuer.start(['video-archive', 'ledger']);
    const verifier = new TokenVerifier(issuer.verifierOptions);
    // camera-ingest's media endpoint as it answers (OnvifMediaService): the camera's profiles.
    const media = {
      deviceId: 'gate-2',
      profiles: [
        {
          token: 'main',
          name: 'Main',
          streamUri: 'rtsp://10.0.0.7:554/Streaming/Channels/101',
          snapshotUri: 'http://10.0.0.7/s',
        },
        {
          token: 'sub',
          name: 'Sub',
          streamUri: 'rtsp://10.0.0.7:554/Streaming/Channels/102',
          snapshotUri: 'http://10.0.0.7/s',
        },
      ],
    };
    // It checks the caller as camera-ingest's policy does: only video-archive's own token.
    registry = createServer((request, response) => {
      asked.push(request.url ?? '');
      const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
      verifier.verify(token).then(
        (caller) => answer(caller.subject === 'video-archive' ? 200 : 403),
        () => answer(401),
      );
      const answer = (status: number) => {
        if (status !== 200) return void response.writeHead(status).end();
        const known = request.url === '/api/v1/enterprises/ent-1/devices/gate-2/media';
        response.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
        response.end(JSON.stringify(known ? media : { code: 'not-found', reason: 'no such device' }));
      };
    });
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
    ingest = {
      url: `http://127.0.0.1:${(registry.address() as AddressInfo).port}`,
      token: await ServiceToken.fromPem('video-archive', issuer.servicePem('video-archive')),
    };
  });
  afterAll(async () => {
    await new Promise((resolve) => registry.close(resolve));
    await issuer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (cameras: unknown[]) => writeFileSync(file, JSON.stringify({ cameras }));

  it('reads cameras from the file and asks camera-ingest for a missing stream URI', async () => {
    write([
      {
        enterpriseId: 'ent-1',
        siteId: 's',
        cameraId: 'gate-1',
        recording: true,
        sourceUrl: 'rtsp://10.0.0.5/x',
      },
      { enterpriseId: 'ent-1', siteId: 's', cameraId: 'gate-2', recording: true },
      { enterpriseId: 'ent-1', siteId: 's', cameraId: 'gate-2', recording: true, profileToken: 'sub' },
    ]);
    const cameras = await loadCameras(file, ingest);
    expect(cameras.map((c) => [c.cameraId, c.sourceUrl])).toEqual([
      ['gate-1', 'rtsp://10.0.0.5/x'],
      ['gate-2', 'rtsp://10.0.0.7:554/Streaming/Channels/101'],
      ['gate-2', 'rtsp://10.0.0.7:554/Streaming/Channels/102'],
    ]);
    expect(asked).toEqual([
      '/api/v1/enterprises/ent-1/devices/gate-2/media',
      '/api/v1/enterprises/ent-1/devices/gate-2/media',
    ]);
    write([
      { enterpriseId: 'ent-1', siteId: 's', cameraId: 'gate-2', recording: true, profileToken: 'third' },
    ]);
    await expect(loadCameras(file, ingest)).rejects.toThrow(/no media profile third/);
  });

  it('fails clearly: unknown camera at camera-ingest, no registry configured, invalid entries', async () => {
    write([{ enterpriseId: 'ent-1', siteId: 's', cameraId: 'gate-9', recording: true }]);
    await expect(loadCameras(file, ingest)).rejects.toThrow(/answered 404/);
    write([{ enterpriseId: 'ent-1', siteId: 's', cameraId: 'gate-2', recording: true }]);
    // Another service's token is refused by the registry, and that is a clear start failure.
    const ledger = await ServiceToken.fromPem('ledger', issuer.servicePem('ledger'));
    await expect(loadCameras(file, { ...ingest, token: ledger })).rejects.toThrow(/answered 403/);
    await expect(
      loadCameras(file, { ...ingest, token: { header: async () => 'Bearer x.y.z' } }),
    ).rejects.toThrow(/answered 401/);
    await expect(loadCameras(file)).rejects.toThrow(/CAMERA_INGEST_URL is not set/);
    write([{ enterpriseId: 'ent-1', siteId: 's', cameraId: '../x', recording: true, sourceUrl: 'ftp://x' }]);
    await expect(loadCameras(file)).rejects.toThrow(/cameraId[\s\S]*sourceUrl|sourceUrl[\s\S]*cameraId/);
    writeFileSync(file, '{');
    await expect(loadCameras(file)).rejects.toThrow(/not readable JSON/);
  });
});
