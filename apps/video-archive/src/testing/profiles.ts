import { createServer, type Server } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { createTemporaryDatabase } from '@ecogate/persistence';
import { FilesystemObjectStorage, SignedLinkError, verifySignedLink } from '@ecogate/storage';
import { type InfraEnv, type Profile, type TestProfile, testProfile } from '@ecogate/testing';

/** A profile's settings (`TestProfile`), whose `release` also closes the signed-link server. */
export type ProfileFixture = TestProfile;

/**
 * The settings of `profile` for a test (`testProfile` of `@ecogate/testing`): Kafka and MinIO of
 * the shared infra, or the embedded bus on a temporary database of the infra's Postgres and the
 * filesystem store in a temporary folder, whose signed links a local server answers as the
 * gateway's `/objects` route does (verify the link, stream the object), so players and downloads
 * work as they do deployed. `release` also closes that server.
 */
export async function profileFixture(
  profile: Profile,
  infra: InfraEnv,
  names: { readonly clientId: string; readonly topicPrefix: string },
): Promise<ProfileFixture> {
  const options = { ...names, name: 'video-it', infra, createDatabase: createTemporaryDatabase };
  if (profile === 'kafka') return testProfile(profile, options);
  const server = createServer();
  const closeServer = () => new Promise((done) => server.close(done));
  let shared: TestProfile;
  try {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    shared = await testProfile(profile, {
      ...options,
      signedLinkBaseUrl: `http://127.0.0.1:${port}/objects`,
    });
  } catch (error) {
    await closeServer();
    throw error;
  }
  const release = async () => {
    await closeServer();
    await shared.release();
  };
  if (shared.objectStorage.kind !== 'filesystem') {
    await release();
    throw new Error('The embedded profile stores objects on the filesystem');
  }
  const { root, signedLinks } = shared.objectStorage;
  const signer = { baseUrl: signedLinks.baseUrl, secret: signedLinks.secret.reveal() };
  serveSignedLinks(server, new FilesystemObjectStorage({ root, signedLinks: signer }), signer);
  return { ...shared, release };
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
