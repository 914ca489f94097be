import { join, resolve } from 'node:path';
import { videoArchiveConfig } from './video-archive.config';

describe('video-archive configuration', () => {
  const load = (extra: Record<string, string>) =>
    videoArchiveConfig.load({
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
      KAFKA_BROKERS: '127.0.0.1:9092',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY: 'a',
      S3_SECRET_KEY: 'b',
      VIDEO_CAMERAS_FILE: '/etc/ecogate/cameras.json',
      AUTH_JWKS_URL: 'http://gateway-internal:8081/.well-known/jwks.json',
      ...extra,
    });

  it('spools under the service data folder of its working directory by default (no root needed)', () => {
    expect(load({}).recorder.spoolDir).toBe(join(process.cwd(), '.data', 'video-archive', 'spool'));
  });

  it('reads where tokens are verified and the key it signs its camera-ingest calls with', () => {
    expect(load({ SERVICE_SIGNING_KEY_FILE: '/run/secrets/video-archive.pem' }).auth).toEqual({
      jwksUrl: 'http://gateway-internal:8081/.well-known/jwks.json',
      signingKeyFile: '/run/secrets/video-archive.pem',
    });
    expect(() => load({ AUTH_JWKS_URL: '' })).toThrow();
  });

  it('takes VIDEO_SPOOL_DIR, relative paths from the working directory', () => {
    expect(load({ VIDEO_SPOOL_DIR: '/srv/spool' }).recorder.spoolDir).toBe('/srv/spool');
    expect(load({ VIDEO_SPOOL_DIR: 'spool' }).recorder.spoolDir).toBe(resolve('spool'));
    expect(() => load({ VIDEO_SPOOL_DIR: '' })).toThrow();
  });
});
