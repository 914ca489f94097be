// `npm run charts:generate`: writes the charts' values.yaml, values.schema.json and the umbrella's
// files/kafka.json from charts/tools/. `-- --check` only reports files that are out of date (CI).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedFiles } from './charts';
import { REPO_ROOT } from './paths';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const file of await generatedFiles()) {
    const target = join(REPO_ROOT, file.path);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (current === file.content) continue;
    stale.push(file.path);
    if (!check) {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.content);
    }
  }
  if (check && stale.length > 0) {
    console.error(`out of date (run npm run charts:generate):\n  ${stale.join('\n  ')}`);
    process.exitCode = 1;
    return;
  }
  console.log(stale.length > 0 ? `written:\n  ${stale.join('\n  ')}` : 'chart files are up to date');
}

void main();
