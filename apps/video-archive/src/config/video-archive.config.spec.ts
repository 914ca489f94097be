import { join, resolve } from 'node:path';
import { videoArchiveConfig, videoToolsConfig } from './video-archive.config';

describe('video-archive configuration', () => {
  const base = {
    DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
    VIDEO_CAMERAS_FILE: '/etc/ecogate/cameras.json',
    AUTH_JWKS_URL: 'http://gateway-internal:8081/.well-known/jwks.json',
  };
  const cluster = {
    KAFKA_BROKERS: '127.0.0.1:9092',
    S3_ENDPOINT: 'http://127.0.0.1:9000',
    S3_ACCESS_KEY: 'a',
    S3_SECRET_KEY: 'b',
  };
  const embedded = {
    EVENT_LOG_DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/ecogate_events',
    ECOGATE_HOME: '/var/lib/ecogate',
    SIGNED_LINK_SECRET: 's'.repeat(32),
  };
  const load = (extra: Record<string, string | undefined>) =>
    videoArchiveConfig.load({ ...base, ...cluster, ...extra });

  it('runs on Kafka and MinIO when KAFKA_BROKERS and S3_ENDPOINT are set (the cluster profile)', () => {
    const config = load({ KAFKA_TOPIC_PREFIX: 'city-1.' });
    expect(config.messaging).toMatchObject({
      kind: 'kafka',
      kafka: { brokers: ['127.0.0.1:9092'], clientId: 'video-archive', topicPrefix: 'city-1.' },
    });
    expect(config.objectStorage).toMatchObject({
      kind: 'minio',
      minio: { endpoint: 'http://127.0.0.1:9000', accessKey: 'a', region: 'us-east-1' },
    });
    expect(config.recorder.bucket).toBe('ecogate-video');
  });

  it('runs on the embedded bus and the filesystem store without them (the embedded profile)', () => {
    const config = videoArchiveConfig.load({ ...base, ...embedded, KAFKA_TOPIC_PREFIX: 'city-1.' });
    expect(config.messaging).toMatchObject({ kind: 'embedded', topicPrefix: 'city-1.', retentionHours: 168 });
    expect(config.messaging.kind === 'embedded' && config.messaging.eventLogUrl.reveal()).toBe(
      embedded.EVENT_LOG_DATABASE_URL,
    );
    expect(config.objectStorage).toMatchObject({
      kind: 'filesystem',
      root: '/var/lib/ecogate/objects',
      signedLinks: { baseUrl: 'http://127.0.0.1:3000/objects' },
    });
    expect(JSON.stringify(config)).not.toContain(embedded.SIGNED_LINK_SECRET);
    expect(JSON.stringify(config)).not.toContain('u:p@');
  });

  it("names the embedded profile's missing variables", () => {
    expect(() => videoArchiveConfig.load(base)).toThrow(/EVENT_LOG_DATABASE_URL/);
    expect(() => videoArchiveConfig.load({ ...base, ...embedded, SIGNED_LINK_SECRET: undefined })).toThrow(
      /SIGNED_LINK_SECRET/,
    );
    expect(() => videoArchiveConfig.load({ ...base, ...embedded, MESSAGING: 'kafka' })).toThrow(
      /KAFKA_BROKERS/,
    );
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

  it('runs ffmpeg and ffprobe from PATH unless FFMPEG_PATH / FFPROBE_PATH name them', () => {
    expect(load({}).recorder).toMatchObject({ ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe' });
    const tools = { FFMPEG_PATH: '/opt/ffmpeg/bin/ffmpeg', FFPROBE_PATH: '/opt/ffmpeg/bin/ffprobe' };
    expect(load(tools).recorder).toMatchObject({
      ffmpegPath: '/opt/ffmpeg/bin/ffmpeg',
      ffprobePath: '/opt/ffmpeg/bin/ffprobe',
    });
    // `--check` reads only these two: no database or camera file is needed to check an image.
    expect(videoToolsConfig.load(tools)).toEqual({
      ffmpegPath: '/opt/ffmpeg/bin/ffmpeg',
      ffprobePath: '/opt/ffmpeg/bin/ffprobe',
    });
    expect(() => load({ FFMPEG_PATH: '' })).toThrow();
  });
});
