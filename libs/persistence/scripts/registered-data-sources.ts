import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dataSourceOptions, type RegisteredDataSource } from '../src';

/**
 * The lib's own schema. Apps are found by `discoverAppDataSources` below, so this lib never
 * imports an app statically.
 */
export const registeredDataSources: readonly RegisteredDataSource[] = [
  {
    name: 'persistence',
    options: (url) => dataSourceOptions({ url, entities: [], migrations: [], name: 'migrations-check' }),
  },
];

const WORKSPACE = resolve(__dirname, '../../..');
const DATA_SOURCE_FILE = /\.data-source\.ts$/;

/**
 * Every `*.data-source.ts` file under `apps/<app>/src`, imported at run time: each exports
 * `registeredDataSource` (its entities and migrations) and is checked like the lib's own schema.
 */
export async function discoverAppDataSources(root = WORKSPACE): Promise<RegisteredDataSource[]> {
  const apps = join(root, 'apps');
  const found: RegisteredDataSource[] = [];
  for (const app of readdirSync(apps, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const src = join(apps, app.name, 'src');
    let files: string[];
    try {
      files = readdirSync(src, { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const file of files.filter((name) => DATA_SOURCE_FILE.test(name)).sort()) {
      const module = (await import(join(src, file))) as { registeredDataSource?: RegisteredDataSource };
      if (!module.registeredDataSource) {
        throw new Error(`apps/${app.name}/src/${file} does not export registeredDataSource`);
      }
      found.push(module.registeredDataSource);
    }
  }
  return found;
}
