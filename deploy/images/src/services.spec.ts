import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { entryPoints, SERVICES, servicesFrom } from './services';

const ROOT = join(__dirname, '..', '..', '..');

describe('services', () => {
  it('takes all, one or several services, in build order, and refuses an unknown name', () => {
    expect(servicesFrom([])).toEqual(SERVICES);
    expect(servicesFrom(['all'])).toEqual(SERVICES);
    expect(servicesFrom(['ledger', 'gateway'])).toEqual(['gateway', 'ledger']);
    expect(() => servicesFrom(['gateway', 'launcher'])).toThrow(/unknown service launcher/);
  });

  it.each(SERVICES)('%s: every entry point exists', (service) => {
    for (const entry of Object.values(entryPoints(service))) expect(existsSync(join(ROOT, entry))).toBe(true);
  });

  it('builds the worker threads beside main.js, under the names the code looks for', () => {
    expect(Object.keys(entryPoints('plate-recognition'))).toEqual(['main', 'recognition.worker']);
    expect(Object.keys(entryPoints('ledger'))).toEqual(['main', 'sheet-thread']);
    expect(Object.keys(entryPoints('camera-ingest'))).toEqual(['main', 'view-analysis.worker']);
  });
});
