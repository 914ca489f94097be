import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { messagingConfig, messagingEnv, objectStorageConfig, objectStorageEnv } from '@ecogate/config';
import { z } from 'zod';
import { type InfraEnv } from './infra-env';
import { PROFILES, testProfile } from './deployment-profile';

const infra: InfraEnv = {
  DATABASE_URL: 'postgres://ecogate:pw@127.0.0.1:5432/ecogate',
  KAFKA_BROKERS: '127.0.0.1:9094,127.0.0.1:9095',
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: 'admin',
  KAFKA_SASL_PASSWORD: 'admin-pw',
  // The configuration checks that the CA file exists.
  KAFKA_TLS_CA_FILE: __filename,
  S3_ENDPOINT: 'http://127.0.0.1:9000',
  S3_ACCESS_KEY: 'minio',
  S3_SECRET_KEY: 'minio-secret',
};

function fakeDatabases() {
  const made: { prefix: string; dropped: boolean }[] = [];
  return {
    made,
    createDatabase: async (adminUrl: string, prefix: string) => {
      const database = { prefix, dropped: false };
      made.push(database);
      return {
        url: `${adminUrl}_${prefix}`,
        drop: async () => void (database.dropped = true),
      };
    },
  };
}

/** What a service's configuration makes of `env`. */
const fromEnv = (env: Record<string, string>) => ({
  messaging: messagingConfig(z.object(messagingEnv).parse(env), 'svc'),
  objectStorage: objectStorageConfig(z.object(objectStorageEnv).parse(env)),
});

describe('testProfile', () => {
  it('names both profiles', () => expect(PROFILES).toEqual(['kafka', 'embedded']));

  it('kafka: the infra Kafka as admin under a topic prefix, and MinIO; nothing is created', async () => {
    const { made, createDatabase } = fakeDatabases();
    const profile = await testProfile('kafka', { clientId: 'x-it', name: 'x-it', createDatabase, infra });
    expect(profile.topicPrefix).toMatch(/^it-[0-9a-f]{8}\.$/);
    expect(profile.messaging).toMatchObject({
      kind: 'kafka',
      kafka: {
        brokers: ['127.0.0.1:9094', '127.0.0.1:9095'],
        clientId: 'x-it',
        topicPrefix: profile.topicPrefix,
      },
    });
    expect(profile.objectStorage).toMatchObject({
      kind: 'minio',
      minio: { endpoint: infra.S3_ENDPOINT, accessKey: 'minio', region: 'us-east-1' },
    });
    const configured = fromEnv(profile.env);
    expect(configured.messaging).toMatchObject({
      kind: 'kafka',
      kafka: { topicPrefix: profile.topicPrefix },
    });
    expect(configured.objectStorage).toMatchObject({ kind: 'minio', minio: { endpoint: infra.S3_ENDPOINT } });
    await profile.release();
    expect(made).toEqual([]);
  });

  it('embedded: a log database and a home folder, the same as settings and as variables, both released', async () => {
    const { made, createDatabase } = fakeDatabases();
    const profile = await testProfile('embedded', {
      clientId: 'x-it',
      name: 'my-app-it',
      topicPrefix: 'p.',
      createDatabase,
      infra,
    });
    expect(made).toEqual([{ prefix: 'my_app_it_events', dropped: false }]);
    const home = profile.env['ECOGATE_HOME']!;
    expect(existsSync(home)).toBe(true);
    expect(profile.messaging).toMatchObject({ kind: 'embedded', topicPrefix: 'p.', retentionHours: 168 });
    expect(profile.objectStorage).toMatchObject({ kind: 'filesystem', root: `${home}/objects` });
    const configured = fromEnv(profile.env);
    expect(configured.messaging).toMatchObject({ kind: 'embedded', topicPrefix: 'p.', retentionHours: 168 });
    expect(configured.messaging.kind === 'embedded' && configured.messaging.eventLogUrl.reveal()).toBe(
      `${infra.DATABASE_URL}_my_app_it_events`,
    );
    expect(configured.objectStorage).toMatchObject({ root: `${home}/objects` });
    if (configured.objectStorage.kind !== 'filesystem' || profile.objectStorage.kind !== 'filesystem')
      throw new Error('filesystem expected');
    expect(configured.objectStorage.signedLinks.baseUrl).toBe(profile.objectStorage.signedLinks.baseUrl);
    expect(configured.objectStorage.signedLinks.secret.reveal()).toBe(
      profile.objectStorage.signedLinks.secret.reveal(),
    );
    await profile.release();
    expect(made[0]!.dropped).toBe(true);
    expect(existsSync(home)).toBe(false);
  });

  it('embedded: removes the folder when the database cannot be made', async () => {
    const failing = async () => Promise.reject(new Error('no CREATEDB'));
    const name = `failing-${process.pid}-it`;
    await expect(
      testProfile('embedded', { clientId: 'x', name, createDatabase: failing, infra }),
    ).rejects.toThrow('no CREATEDB');
    expect(readdirSync(tmpdir()).filter((entry) => entry.startsWith(`${name}-`))).toEqual([]);
  });
});
