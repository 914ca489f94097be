/**
 * `npm run bench:console`: what a browser downloads before the first page shows (the entry script,
 * the chunks it preloads and the CSS that index.html names), gzipped as the gateway's proxy would
 * send it, against the 500 kB budget; and the size of each lazily loaded chunk.
 * Run `npm run build:console` first.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = resolve(__dirname, '../dist');
const BUDGET_KB = 500;

const gzipKb = (bytes: Buffer): number => gzipSync(bytes, { level: 6 }).length / 1024;

async function main(): Promise<void> {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const initial = [
    ...html.matchAll(/<script[^>]+src="\/([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="(?:modulepreload|stylesheet)"[^>]+href="\/([^"]+)"/g),
  ].map((match) => match[1] as string);
  const assets = (await readdir(join(DIST, 'assets'))).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  const rows = await Promise.all(
    assets.map(async (file) => {
      const bytes = await readFile(join(DIST, 'assets', file));
      return {
        file,
        kb: bytes.length / 1024,
        gzipKb: gzipKb(bytes),
        initial: initial.includes(`assets/${file}`),
      };
    }),
  );
  rows.sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzipKb - a.gzipKb);
  console.log('chunk                                         raw kB   gzip kB   loaded');
  for (const row of rows)
    console.log(
      `${row.file.padEnd(44)} ${row.kb.toFixed(1).padStart(8)} ${row.gzipKb.toFixed(1).padStart(9)}   ${row.initial ? 'first page' : 'on demand'}`,
    );
  const total = rows.filter((r) => r.initial).reduce((sum, r) => sum + r.gzipKb, 0);
  const verdict = total <= BUDGET_KB ? 'within' : 'OVER';
  console.log(
    `\ninitial JS+CSS: ${total.toFixed(1)} kB gzipped (${verdict} the ${BUDGET_KB} kB budget), ${initial.length} files`,
  );
  if (total > BUDGET_KB) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
