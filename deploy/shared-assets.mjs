#!/usr/bin/env node
// The ONNX plate models and sample photos the tests and benchmarks read from ../shared (beside the
// repository; never committed: their licences allow testing, not shipping). deploy/shared-assets.json
// names them, the one place: a release's assets, their SHA-256 and every file's SHA-256.
//
//   node deploy/shared-assets.mjs fetch [--into DIR]   download what is missing into DIR (default
//                                                      ../shared), verify, extract; fails on any mismatch
//   node deploy/shared-assets.mjs verify [--into DIR]  only check DIR against the manifest
//   node deploy/shared-assets.mjs pack --from DIR --out DIR
//                                                      the release assets from a folder like ../shared
//                                                      (GNU tar, reproducible) and the manifest entries
//
// Downloads come from https://github.com/<repository>/releases/download/<tag>/<asset>; with
// GITHUB_TOKEN (or GH_TOKEN) set, through the GitHub API, which also serves a private repository's
// releases. ECOGATE_ASSETS_BASE_URL points elsewhere: an https:// mirror, or a local folder.
// Downloaded assets are kept in ECOGATE_ASSETS_CACHE (default ~/.cache/ecogate/shared-assets):
// CI caches that folder, keyed by the manifest's hash.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const MANIFEST = process.env.ECOGATE_ASSETS_MANIFEST ?? join(HERE, 'shared-assets.json');
const DEFAULT_INTO = resolve(HERE, '..', '..', 'shared');
const CACHE = process.env.ECOGATE_ASSETS_CACHE ?? join(homedir(), '.cache', 'ecogate', 'shared-assets');

class AssetError extends Error {}

const sha256 = async (path) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

async function filesBelow(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath, entry.name)));
  return out.sort();
}

/** What differs between `folder` and the manifest's `files` (missing, changed, unexpected). */
async function differences(folder, files) {
  if (!existsSync(folder)) return [`${folder} is missing`];
  const problems = [];
  for (const [file, expected] of Object.entries(files)) {
    const path = join(folder, file);
    if (!existsSync(path)) problems.push(`${file} is missing`);
    else if ((await sha256(path)) !== expected) problems.push(`${file}: SHA-256 differs from the manifest`);
  }
  for (const file of await filesBelow(folder))
    if (!(file in files)) problems.push(`${file} is not in the manifest`);
  return problems;
}

function sourceOf(manifest, asset) {
  const base = process.env.ECOGATE_ASSETS_BASE_URL;
  if (base) return { url: `${base.replace(/\/+$/, '')}/${asset}` };
  const { repository, tag } = manifest.release;
  const token = process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN;
  if (token) return { api: `https://api.github.com/repos/${repository}/releases/tags/${tag}`, token };
  return { url: `https://github.com/${repository}/releases/download/${tag}/${asset}` };
}

async function download(source, asset, target) {
  let url = source.url;
  const headers = {};
  if (source.api) {
    headers.authorization = `Bearer ${source.token}`;
    const release = await fetch(source.api, {
      headers: { ...headers, accept: 'application/vnd.github+json' },
    });
    if (!release.ok) throw new AssetError(`${source.api}: HTTP ${release.status}`);
    const found = (await release.json()).assets?.find((a) => a.name === asset);
    if (!found) throw new AssetError(`${source.api}: no asset ${asset}`);
    url = found.url;
    headers.accept = 'application/octet-stream';
  }
  if (!/^https?:\/\//.test(url)) return copyFile(url, target); // a local mirror folder
  const response = await fetch(url, { headers, redirect: 'follow' });
  if (!response.ok) throw new AssetError(`${url}: HTTP ${response.status}`);
  await writeFile(target, Buffer.from(await response.arrayBuffer()));
}

/** The asset in the cache, downloaded if absent; its SHA-256 checked either way. */
async function cachedAsset(manifest, asset, expected) {
  await mkdir(CACHE, { recursive: true });
  const path = join(CACHE, `${expected.slice(0, 16)}-${asset}`);
  if (!existsSync(path)) {
    const partial = `${path}.part`;
    await download(sourceOf(manifest, asset), asset, partial);
    await rename(partial, path);
  }
  const actual = await sha256(path);
  if (actual !== expected) {
    await rm(path, { force: true });
    throw new AssetError(`${asset}: SHA-256 ${actual} is not the manifest's ${expected}`);
  }
  return path;
}

async function fetchAssets(manifest, into) {
  await mkdir(into, { recursive: true });
  for (const [asset, { sha256: expected, folder, files }] of Object.entries(manifest.assets)) {
    const target = join(into, folder);
    if (existsSync(target)) {
      const problems = await differences(target, files);
      if (problems.length === 0) {
        console.log(`${folder}: ${Object.keys(files).length} files verified (${target})`);
        continue;
      }
      throw new AssetError(
        `${target} differs from the manifest (remove it to fetch a fresh copy):\n  ${problems.join('\n  ')}`,
      );
    }
    const archive = await cachedAsset(manifest, asset, expected);
    const staging = await mkdtemp(join(into, `.${folder}-`));
    try {
      execFileSync('tar', ['-xf', archive, '-C', staging, '--no-same-owner', '--no-same-permissions'], {
        stdio: 'inherit',
      });
      const problems = await differences(join(staging, folder), files);
      if (problems.length > 0)
        throw new AssetError(`${asset} does not hold what the manifest says:\n  ${problems.join('\n  ')}`);
      await rename(join(staging, folder), target);
      console.log(`${folder}: ${Object.keys(files).length} files fetched and verified (${target})`);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
}

async function verify(manifest, into) {
  const problems = [];
  for (const { folder, files } of Object.values(manifest.assets))
    problems.push(...(await differences(join(into, folder), files)).map((p) => `${folder}/${p}`));
  if (problems.length > 0)
    throw new AssetError(`${into} does not match the manifest:\n  ${problems.join('\n  ')}`);
  console.log(`${into}: every file matches ${MANIFEST}`);
}

/** One reproducible tar per folder (sorted, fixed times, owners and modes) and their manifest entries. */
async function pack(from, out) {
  await mkdir(out, { recursive: true });
  const assets = {};
  for (const folder of ['models', 'samples']) {
    const asset = `${folder}.tar`;
    const archive = join(out, asset);
    execFileSync('tar', [
      '--format=gnu',
      '--sort=name',
      '--mtime=@0',
      '--owner=0',
      '--group=0',
      '--numeric-owner',
      '--mode=u=rwX,go=rX',
      '-cf',
      archive,
      '-C',
      from,
      folder,
    ]);
    const files = {};
    for (const file of await filesBelow(join(from, folder)))
      files[file] = await sha256(join(from, folder, file));
    assets[asset] = { folder, sha256: await sha256(archive), files };
  }
  console.log(JSON.stringify({ assets }, null, 2));
}

function option(args, name) {
  const index = args.indexOf(name);
  return index < 0 ? undefined : args[index + 1];
}

async function main(args) {
  const [command = 'fetch'] = args;
  if (command === 'pack') {
    const from = option(args, '--from');
    const out = option(args, '--out');
    if (!from || !out) throw new AssetError('pack needs --from DIR --out DIR');
    return pack(resolve(from), resolve(out));
  }
  const manifest = JSON.parse(await readFile(MANIFEST, 'utf8'));
  const into = resolve(option(args, '--into') ?? DEFAULT_INTO);
  if (command === 'fetch') return fetchAssets(manifest, into);
  if (command === 'verify') return verify(manifest, into);
  throw new AssetError(`unknown command ${command}: fetch, verify or pack`);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof AssetError ? error.message : error);
  process.exit(1);
});
