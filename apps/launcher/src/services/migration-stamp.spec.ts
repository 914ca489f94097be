import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MigrationStamp } from './migration-stamp';

describe('MigrationStamp: a warm start skips migrations only when the schema files are unchanged', () => {
  let repo = '';
  let run = '';
  const write = async (path: string, text: string) => {
    await mkdir(join(repo, path, '..'), { recursive: true });
    await writeFile(join(repo, path), text);
  };

  beforeEach(async () => {
    repo = await mkdtemp(join(tmpdir(), 'stamp-repo-'));
    run = await mkdtemp(join(tmpdir(), 'stamp-run-'));
    await write('apps/ledger/src/ledger.data-source.ts', 'export const ledgerMigrations = [A];');
    await write('apps/ledger/src/migrations/1-A.ts', 'create table a');
    await write('apps/gateway/src/gateway.data-source.ts', 'export const gatewayMigrations = [G];');
    await write('apps/gateway/src/enterprises/migrations/1-G.ts', 'create table g');
  });
  afterEach(() => Promise.all([repo, run].map((dir) => rm(dir, { recursive: true, force: true }))));

  it('has everything pending on a new home, nothing after a successful run', async () => {
    const stamp = new MigrationStamp(run, repo);
    expect(await stamp.pending(['ledger', 'gateway'])).toEqual(['ledger', 'gateway']);
    await stamp.markApplied(['ledger', 'gateway']);
    expect(await new MigrationStamp(run, repo).pending(['ledger', 'gateway'])).toEqual([]);
  });

  it('runs a service again when a migration is added (also in a nested migrations folder)', async () => {
    const stamp = new MigrationStamp(run, repo);
    await stamp.markApplied(['ledger', 'gateway']);
    await write('apps/gateway/src/enterprises/migrations/2-H.ts', 'alter table g');
    expect(await stamp.pending(['ledger', 'gateway'])).toEqual(['gateway']);
    await write('apps/ledger/src/ledger.data-source.ts', 'export const ledgerMigrations = [A, B];');
    expect(await stamp.pending(['ledger', 'gateway'])).toEqual(['ledger', 'gateway']);
  });

  it('ignores other source files and tests', async () => {
    const stamp = new MigrationStamp(run, repo);
    await stamp.markApplied(['ledger']);
    await write('apps/ledger/src/passage/passage.service.ts', 'changed');
    await write('apps/ledger/src/migrations/1-A.spec.ts', 'a test');
    expect(await stamp.pending(['ledger'])).toEqual([]);
  });
});
