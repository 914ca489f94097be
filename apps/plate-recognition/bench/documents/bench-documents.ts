/**
 * `npm run bench:documents [-- --photos N --seed S --only <section>]`
 *
 * The document readers on generated photos, one section per document (each a `*.bench.ts` here
 * exporting its run and its table): fields right / wrong / unreadable per photo condition, and
 * ms per photo. `--photos` is per condition (default 8), `--seed` fixes every photo (default 2026).
 */
import { formatDrivingLicenceBench, runDrivingLicenceBench } from './driving-licence.bench';
import { formatInventoryListBench, runInventoryListBench } from './inventory-list.bench';

interface Section {
  readonly name: string;
  run(options: { photos: number; seed: number }): Promise<string>;
}

const SECTIONS: readonly Section[] = [
  {
    name: 'inventory-list',
    run: async (options) => formatInventoryListBench(await runInventoryListBench(options)),
  },
  {
    name: 'driving-licence',
    run: async (options) => formatDrivingLicenceBench(await runDrivingLicenceBench(options)),
  },
];

async function main(argv: readonly string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const options = { photos: Number(arg('--photos') ?? 8), seed: Number(arg('--seed') ?? 2026) };
  const only = arg('--only');
  const sections = SECTIONS.filter((s) => only === undefined || s.name === only);
  if (sections.length === 0)
    throw new Error(`no section ${only}; sections: ${SECTIONS.map((s) => s.name).join(', ')}`);
  console.log(`documents bench: ${options.photos} photos per condition, seed ${options.seed}`);
  for (const section of sections) {
    const started = performance.now();
    console.log(`\n${await section.run(options)}`);
    console.log(
      `(${section.name}: ${((performance.now() - started) / 1000).toFixed(1)} s with photo generation)`,
    );
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
