import { join, resolve } from 'node:path';
import { buildServices, buildTable, REPO_ROOT, SERVICES_DIST } from './build-services';
import { assembleRuntimeTree, type RuntimeTree } from './runtime-tree';
import { type Service } from './services';
import { verifyRuntimeTree } from './verify-image';

// `deploy/images/build.sh <service|all>` (`npm run build:images`), the steps that need no container
// engine, the same in CI and in the Dockerfile's build stage: the production build of each service,
// its runtime tree in dist/images/<service>/ (what the image's /app holds), and the proof that the
// tree runs on its own (`node main.js --check` in a copy outside the repository).

export const IMAGES_DIST = join(REPO_ROOT, 'dist', 'images');

/** What a service's check reads beyond its tree: the models (mounted at /models in a cluster). */
function checkEnv(service: Service): Record<string, string> {
  if (service !== 'plate-recognition') return {};
  return { LPR_MODEL_DIR: process.env['LPR_MODEL_DIR'] ?? resolve(REPO_ROOT, '..', 'shared', 'models') };
}

const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

async function main(args: readonly string[]): Promise<void> {
  const verify = !args.includes('--no-verify');
  const names = args.filter((arg) => !arg.startsWith('--'));
  const started = Date.now();
  const built = await buildServices(names);
  console.log(`${buildTable(built)}\n→ ${SERVICES_DIST}\n`);
  const rows = ['service             runtime tree  packages  assembled  --check'];
  for (const { service } of built) {
    const assembling = Date.now();
    const tree: RuntimeTree = await assembleRuntimeTree(
      join(SERVICES_DIST, service),
      join(IMAGES_DIST, service),
      {
        root: REPO_ROOT,
        platform: { platform: process.platform, arch: process.arch },
      },
    );
    const assembled = Date.now() - assembling;
    const checked = verify ? await verifyRuntimeTree(service, tree.dir, checkEnv(service)) : undefined;
    rows.push(
      `${service.padEnd(18)}  ${mib(tree.bytes).padStart(12)}  ${String(tree.packages).padStart(8)}  ${`${assembled} ms`.padStart(9)}  ${checked ? `ok (${checked.ms} ms)` : 'not run'}`,
    );
    if (checked) console.log(checked.output);
  }
  console.log(`\n${rows.join('\n')}\n→ ${IMAGES_DIST} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
