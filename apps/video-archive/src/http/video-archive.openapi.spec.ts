import { controllerRoutes, undocumentedRoutes } from '@ecogate/http-edge';
import { type Type } from '@nestjs/common';
import { type VideoArchiveDependencies, VideoArchiveModule } from '../app/video-archive.module';
import { playbackExtension } from '../playback/playback.extension';
import { windowScanExtension } from '../window-scan/window-scan.extension';
import { videoArchiveOpenApi } from './video-archive.openapi';

describe('video-archive OpenAPI document', () => {
  // The module `main.ts` builds (with playback); only the controllers' decorators are read.
  const module = VideoArchiveModule.register({} as VideoArchiveDependencies, [
    playbackExtension({ urlTtlSeconds: 60, maxWindowHours: 1 }),
    windowScanExtension({ maxWindowMinutes: 30, urlTtlSeconds: 60, enabled: true }),
  ]);
  const routes = controllerRoutes((module.controllers ?? []) as Type[]);

  it('describes every route the app registers, and only those', () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
    expect(undocumentedRoutes(videoArchiveOpenApi, routes)).toEqual([]);
    const served = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const documented = Object.entries(videoArchiveOpenApi.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    expect(documented.filter((route) => !served.has(route))).toEqual([]);
  });

  it('takes request bodies and queries from the validation schemas', () => {
    const hold =
      videoArchiveOpenApi.paths['/api/v1/enterprises/{enterpriseId}/cameras/{cameraId}/legal-hold'];
    expect(JSON.stringify(hold?.put?.requestBody)).toContain('"reason"');
    const playlist =
      videoArchiveOpenApi.paths['/api/v1/enterprises/{enterpriseId}/cameras/{cameraId}/playlist.m3u8'];
    expect(playlist?.get?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['enterpriseId', 'cameraId', 'from', 'to']),
    );
  });

  it('names no actor header: the caller comes from the bearer token', () => {
    expect(JSON.stringify(videoArchiveOpenApi).toLowerCase()).not.toContain('x-operator-id');
  });
});
