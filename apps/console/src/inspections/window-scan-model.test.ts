import { indicators, inspection, windowScan } from './fixtures';
import { minutes, scanBadge, scanning, scanSections } from './window-scan-model';

describe('window scans', () => {
  const window = (scan: ReturnType<typeof windowScan> | null) => ({
    ...inspection().windows[0]!,
    scan,
    scanUnavailableReason: scan ? null : ('video-archive-not-configured' as const),
  });

  it('splits the sightings: without passage, unsure apart, then those in the ledger', () => {
    const sections = scanSections(windowScan());
    expect(sections.withoutPassage.map((s) => s.plate)).toEqual(['冀Z00001']);
    expect(sections.unsure.map((s) => s.plate)).toEqual(['冀Z0000?']);
    expect(sections.inLedger.map((s) => s.plate)).toEqual(['冀B54321']);
    expect(sections.percent).toBe(100);
    expect(scanSections(windowScan({ progress: { framesDone: 1, framesTotal: 3 } })).percent).toBe(33);
    expect(scanSections(windowScan({ progress: null })).percent).toBeNull();
    expect(scanSections(windowScan({ progress: { framesDone: 0, framesTotal: 0 } })).percent).toBeNull();
  });

  it("badges a window by the service's finding, and a ledger without archive as such, never as all found", () => {
    expect(scanBadge(window(windowScan()))).toBe('vehicles-without-passage');
    expect(scanBadge(window(null))).toBe('not-configured');
  });

  it('polls only while a scan may still change', () => {
    const withScan = (status: 'requesting' | 'running' | 'done' | 'failed') =>
      inspection({ windows: [window(windowScan({ status }))] });
    expect(scanning(withScan('requesting'))).toBe(true);
    expect(scanning(withScan('running'))).toBe(true);
    expect(scanning(withScan('done'))).toBe(false);
    expect(scanning(withScan('failed'))).toBe(false);
    expect(scanning(inspection({ windows: [window(null)] }))).toBe(false);
    expect(scanning(undefined)).toBe(false);
  });

  it('reads outage seconds in minutes', () => {
    const outages = indicators().outages;
    expect(outages.status === 'available' && minutes(outages.seconds)).toBe(31);
    expect(minutes(90)).toBe(1.5);
  });
});
