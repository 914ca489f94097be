import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './paths';

// Every environment variable a service reads must be reachable from its chart — set by a template,
// or documented under `config` — or a city operator cannot set it without reading the source (a
// setting added to an app and forgotten in its chart is how the loading-area and view-check
// settings went missing once).

/** Each service with the source folders whose environment shapes it reads (its own, and libs' it spreads in). */
const SERVICES: Readonly<Record<string, readonly string[]>> = {
  'barrier-control': ['apps/barrier-control/src'],
  'camera-ingest': ['apps/camera-ingest/src'],
  gateway: ['apps/gateway/src'],
  ledger: ['apps/ledger/src'],
  'plate-recognition': ['apps/plate-recognition/src', 'libs/lpr/src', 'libs/document-reading/src'],
  'provincial-upload': ['apps/provincial-upload/src'],
  'video-archive': ['apps/video-archive/src'],
};

/** Read by a service but deliberately not offered by its chart, each with why. */
const NOT_IN_CHARTS: Readonly<Record<string, string>> = {
  // The chart's template writes one per upstream service (charts/gateway/templates/_env.tpl).
  GATEWAY_UPSTREAM_LEDGER_URL: 'templated',
  GATEWAY_UPSTREAM_BARRIER_CONTROL_URL: 'templated',
  GATEWAY_UPSTREAM_CAMERA_INGEST_URL: 'templated',
  GATEWAY_UPSTREAM_PROVINCIAL_UPLOAD_URL: 'templated',
  GATEWAY_UPSTREAM_VIDEO_ARCHIVE_URL: 'templated',
  // Local development and tests only: a cluster's identity provider is HTTPS.
  GATEWAY_OIDC_ALLOW_HTTP: 'development only',
  // A former name, refused at boot with the new one's name.
  KAFKA_ENABLED: 'refused',
  // The image puts ffmpeg on the PATH.
  FFMPEG_PATH: 'image',
  FFPROBE_PATH: 'image',
  // Tests point it at a free port; cameras answer on 3702.
  ONVIF_DISCOVERY_PORT: 'tests only',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(spec|int-spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** The upper-case keys of the environment shapes an app defines (its `defineConfig` and `…Env` objects). */
function settingsOf(folders: readonly string[]): Map<string, string> {
  const settings = new Map<string, string>();
  for (const file of folders.flatMap((folder) => sourceFiles(join(REPO_ROOT, folder)))) {
    const text = readFileSync(file, 'utf8');
    if (!/defineConfig\(|Env = \{/.test(text)) continue;
    for (const match of text.matchAll(/^\s+([A-Z][A-Z0-9_]{3,}): /gm)) {
      settings.set(match[1] as string, relative(REPO_ROOT, file));
    }
  }
  return settings;
}

function chartText(dir: string): string {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ya?ml|tpl|json)$/.test(entry.name))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

describe('service settings in the charts', () => {
  const shared = chartText(join(REPO_ROOT, 'charts/ecogate-lib'));

  it.each(Object.entries(SERVICES))(
    'every setting %s reads is set or documented by its chart',
    (service, folders) => {
      const settings = settingsOf(folders);
      expect(settings.size).toBeGreaterThan(5); // the scan found the app's config
      const chart = `${chartText(join(REPO_ROOT, 'charts', service))}\n${shared}`;
      const missing = [...settings]
        .filter(([name]) => !(name in NOT_IN_CHARTS) && !new RegExp(`\\b${name}\\b`).test(chart))
        .map(([name, file]) => `${name} (${file})`);
      expect(missing).toEqual([]);
    },
  );
});
