import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServiceKey, parseEnvFile } from './infra-env';

describe('parseEnvFile', () => {
  it('reads KEY=VALUE lines and ignores comments and blanks', () => {
    expect(
      parseEnvFile(
        '# local services\nDATABASE_URL=postgres://a:b@127.0.0.1:1/x\n\nKAFKA_BROKERS= 127.0.0.1:2 \nlower=x\n',
      ),
    ).toEqual({
      DATABASE_URL: 'postgres://a:b@127.0.0.1:1/x',
      KAFKA_BROKERS: '127.0.0.1:2',
    });
  });
});

describe('loadServiceKey', () => {
  const dir = mkdtempSync(join(tmpdir(), 'service-keys-'));
  const file = join(dir, 'service-keys.env');
  const saved = { ...process.env };

  beforeEach(() => {
    process.env['ECOGATE_SERVICE_KEYS_ENV'] = file;
    delete process.env['S3_ACCESS_KEY_VIDEO_ARCHIVE'];
    delete process.env['S3_SECRET_KEY_VIDEO_ARCHIVE'];
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads one service's key from the file infra:up writes; the environment wins", () => {
    writeFileSync(
      file,
      '# keys\nS3_ACCESS_KEY_LEDGER=ledger\nS3_SECRET_KEY_LEDGER=l-secret\n' +
        'S3_ACCESS_KEY_VIDEO_ARCHIVE=video-archive\nS3_SECRET_KEY_VIDEO_ARCHIVE=v-secret\n',
    );
    expect(loadServiceKey('video-archive')).toEqual({ accessKey: 'video-archive', secretKey: 'v-secret' });
    process.env['S3_SECRET_KEY_VIDEO_ARCHIVE'] = 'from-env';
    expect(loadServiceKey('video-archive').secretKey).toBe('from-env');
    expect(loadServiceKey('ledger')).toEqual({ accessKey: 'ledger', secretKey: 'l-secret' });
  });

  it('names the missing variable and the remedy', () => {
    writeFileSync(file, 'S3_ACCESS_KEY_LEDGER=ledger\n');
    expect(() => loadServiceKey('ledger')).toThrow(/S3_SECRET_KEY_LEDGER is not set.*npm run infra:up/);
  });
});
