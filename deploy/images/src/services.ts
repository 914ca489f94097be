// The deployable services and what each production build holds besides `main.js`.

export const SERVICES = [
  'gateway',
  'camera-ingest',
  'plate-recognition',
  'barrier-control',
  'ledger',
  'video-archive',
  'provincial-upload',
] as const;
export type Service = (typeof SERVICES)[number];

export function isService(name: string): name is Service {
  return (SERVICES as readonly string[]).includes(name);
}

/** `<svc>`, `all`, or several names → the services, in the order above; an unknown name throws. */
export function servicesFrom(names: readonly string[]): Service[] {
  if (names.length === 0 || names.includes('all')) return [...SERVICES];
  const unknown = names.filter((name) => !isService(name));
  if (unknown.length > 0)
    throw new Error(`unknown service ${unknown.join(', ')}: one of ${SERVICES.join(', ')} or all`);
  return SERVICES.filter((service) => names.includes(service));
}

/**
 * Entry points of a service's build, by output name (`<name>.js` beside `main.js`): the worker
 * threads it starts from a file next to the code that starts them (`recognition-pool.ts`,
 * `view-analysis-pool.ts`, `sheet-sink.ts` look for `<name>.js` beside themselves, i.e. beside `main.js` once bundled).
 */
export function entryPoints(service: Service): Record<string, string> {
  const entries: Record<string, string> = { main: `apps/${service}/src/main.ts` };
  if (service === 'plate-recognition')
    entries['recognition.worker'] = 'libs/lpr/src/pool/recognition.worker.ts';
  if (service === 'camera-ingest')
    entries['view-analysis.worker'] = 'libs/camera-tamper/src/pool/view-analysis.worker.ts';
  if (service === 'ledger') entries['sheet-thread'] = 'apps/ledger/src/export/sheet-thread.ts';
  return entries;
}

/**
 * `require.resolve` calls the bundles keep but never run: they find tsx for a TypeScript worker
 * when a service runs from source; the build starts its workers from `.js` files instead.
 */
export const DEV_ONLY_REFERENCES: ReadonlySet<string> = new Set(['tsx/cjs', 'tsx/cjs/api']);

/** Where the gateway's build carries the console (`CONSOLE_DIR`), relative to its `main.js`. */
export const CONSOLE_FOLDER = 'console';
