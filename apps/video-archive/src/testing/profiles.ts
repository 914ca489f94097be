import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Secret } from '@ecogate/config';
import { type MessagingSettings } from '@ecogate/messaging';
import { createTemporaryDatabase, type TemporaryDatabase } from '@ecogate/persistence';
import {
  FilesystemObjectStorage,
  type ObjectStorageSettings,
  SignedLinkError,
  verifySignedLink,
} from '@ecogate/storage';
import { type InfraEnv, kafkaClientOptions } from '@ecogate/testing';

/** The deployment profiles of ADR 0008: the cluster one (Kafka, MinIO) and the embedded one. */
export const PROFILES = ['kafka', 'embedded'] as const;
export type Profile = (typeof PROFILES)[number];

/** The adapters' settings of one profile, as `messagingConfig`/`objectStorageConfig` map them. */
export interface ProfileFixture {
  readonly profile: Profile;
  readonly messaging: MessagingSettings;
  readonly objectStorage: ObjectStorageSettings;
  /** Drops what the profile created (the log's database, the objects' folder, the link server). */
  release(): Promise<void>;
}

/**
 * The settings of `profile` for a test: Kafka and MinIO of the shared infra, or the embedded bus
 * on a temporary database of the infra's Postgres and the filesystem store in a temporary folder,
 * whose signed links a local server answers as the gateway's `/objects` route does (verify the
 * link, stream the object), so players and downloads work as they do deployed.
 */
export async function profileFixture(
  profile: Profile,
  infra: InfraEnv,
  names: { readonly clientId: string; readonly topicPrefix: string },
): Promise<ProfileFixture> {
  if (profile === 'kafka') {
    return {
      profile,
      messaging: { kind: 'kafka', kafka: { ...kafkaClientOptions(infra), ...names } },
      objectStorage: {
        kind: 'minio',
        minio: {
          endpoint: infra.S3_ENDPOINT,
          accessKey: infra.S3_ACCESS_KEY,
          secretKey: infra.S3_SECRET_KEY,
        },
      },
      release: async () => undefined,
    };
  }
  let database: TemporaryDatabase | undefined;
  let links: Server | undefined;
  const root = mkdtempSync(join(tmpdir(), 'video-objects-'));
  const release = async () => {
    await new Promise((done) => (links ? links.close(done) : done(undefined)));
    await database?.drop();
    rmSync(root, { recursive: true, force: true });
  };
  try {
    database = await createTemporaryDatabase(infra.DATABASE_URL, 'video_event_log_it');
    const secret = randomBytes(32).toString('hex');
    const server = createServer();
    links = server;
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/objects`;
    serveSignedLinks(server, new FilesystemObjectStorage({ root, signedLinks: { baseUrl, secret } }), {
      baseUrl,
      secret,
    });
    return {
      profile,
      messaging: { kind: 'embedded', eventLogUrl: new Secret(database.url), topicPrefix: names.topicPrefix },
      objectStorage: { kind: 'filesystem', root, signedLinks: { baseUrl, secret: new Secret(secret) } },
      release,
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** What the gateway's signed-link route does: 400/410/403 for a bad link, else the object's bytes. */
function serveSignedLinks(
  server: Server,
  storage: FilesystemObjectStorage,
  signer: { readonly baseUrl: string; readonly secret: string },
): void {
  server.on('request', (request, response) => {
    void (async () => {
      try {
        const target = verifySignedLink(request.url ?? '', signer);
        const options = target.versionId ? { versionId: target.versionId } : {};
        const stat = await storage.stat(target.bucket, target.key, options);
        response.writeHead(200, { 'content-type': stat.contentType, 'content-length': stat.size });
        await pipeline(await storage.get(target.bucket, target.key, options), response);
      } catch (error) {
        if (response.headersSent) return void response.destroy();
        const status =
          error instanceof SignedLinkError
            ? { malformed: 400, expired: 410, 'bad-signature': 403 }[error.reason]
            : 404;
        response.writeHead(status).end();
      }
    })();
  });
}
