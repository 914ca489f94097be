import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/**
 * Which services' migrations this home has applied, by a fingerprint of their schema files (each
 * `*.data-source.ts`, which lists the migrations, and every file under a `migrations/` folder).
 * Migrations are append-only, so an unchanged fingerprint means nothing to apply: a warm start
 * skips six migration processes. A failed or new one runs again.
 */
export class MigrationStamp {
  private readonly path: string;

  constructor(
    runDir: string,
    private readonly repoRoot: string,
  ) {
    this.path = join(runDir, 'migrations.json');
  }

  /** The services whose schema files changed since their last successful migration here. */
  async pending<S extends string>(services: readonly S[]): Promise<S[]> {
    const applied = await this.applied();
    const pending: S[] = [];
    for (const service of services)
      if (applied[service] !== (await this.fingerprint(service))) pending.push(service);
    return pending;
  }

  async markApplied(services: readonly string[]): Promise<void> {
    const applied = await this.applied();
    for (const service of services) applied[service] = await this.fingerprint(service);
    await writeFile(this.path, JSON.stringify(applied, null, 2));
  }

  private async applied(): Promise<Record<string, string>> {
    return existsSync(this.path)
      ? (JSON.parse(await readFile(this.path, 'utf8')) as Record<string, string>)
      : {};
  }

  async fingerprint(service: string): Promise<string> {
    const root = join(this.repoRoot, 'apps', service, 'src');
    const hash = createHash('sha256');
    for (const file of (await schemaFiles(root)).sort()) {
      hash
        .update(relative(root, file))
        .update('\0')
        .update(await readFile(file))
        .update('\0');
    }
    return hash.digest('hex');
  }
}

async function schemaFiles(dir: string, inMigrations = false): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      files.push(...(await schemaFiles(path, inMigrations || entry.name === 'migrations')));
    else if (
      !/\.(spec|int-spec)\.ts$/.test(entry.name) &&
      (inMigrations || entry.name.endsWith('.data-source.ts'))
    )
      files.push(path);
  }
  return files;
}
