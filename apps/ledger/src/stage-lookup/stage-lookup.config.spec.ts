import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type StageLookupConfig, stageLookupConfig } from './stage-lookup.config';

describe('the stage lookup’s settings', () => {
  const defaults = {
    LEDGER_STAGE_LOOKUP_TIMEOUT_MS: 10_000,
    LEDGER_STAGE_LOOKUP_RATE_PER_MIN: 60,
    LEDGER_STAGE_LOOKUP_TTL_S: 2_592_000,
    LEDGER_STAGE_LOOKUP_NOT_FOUND_TTL_S: 86_400,
  };
  const file = (content: string): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'stage-lookup-')), 'credentials.json');
    writeFileSync(path, content);
    return path;
  };

  it('is off without a URL', () => {
    expect(stageLookupConfig(defaults)).toBeUndefined();
  });

  it('reads the credentials file and the TTLs', () => {
    const config = stageLookupConfig({
      ...defaults,
      LEDGER_STAGE_LOOKUP_URL: 'https://source.example/',
      LEDGER_STAGE_LOOKUP_CREDENTIALS_FILE: file(JSON.stringify({ token: 't'.repeat(32) })),
    });
    expect(config).toEqual<StageLookupConfig>({
      url: 'https://source.example',
      credentials: { token: 't'.repeat(32) },
      timeoutMs: 10_000,
      ratePerMinute: 60,
      ttlMs: 2_592_000_000,
      notFoundTtlMs: 86_400_000,
    });
  });

  it('needs credentials with a URL, and names a bad file without its content', () => {
    expect(() =>
      stageLookupConfig({ ...defaults, LEDGER_STAGE_LOOKUP_URL: 'https://source.example' }),
    ).toThrow(/LEDGER_STAGE_LOOKUP_CREDENTIALS_FILE: is required/);
    const leaked = 'short-secret';
    const load = () =>
      stageLookupConfig({
        ...defaults,
        LEDGER_STAGE_LOOKUP_URL: 'https://source.example',
        LEDGER_STAGE_LOOKUP_CREDENTIALS_FILE: file(JSON.stringify({ apiKey: 'k', apiSecret: leaked })),
      });
    expect(load).toThrow(/LEDGER_STAGE_LOOKUP_CREDENTIALS_FILE/);
    expect(load).not.toThrow(new RegExp(leaked));
  });
});
