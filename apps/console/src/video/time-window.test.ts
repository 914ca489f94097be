import { cameraOptions } from './cameras';
import {
  fromPicker,
  hourBefore,
  lastMinutes,
  parseWindow,
  pickerValue,
  shiftWindow,
  urlInstant,
} from './time-window';

describe('time window ↔ URL', () => {
  it('keeps instants in the URL as Shanghai wall-clock with the offset', () => {
    expect(urlInstant('2026-12-01T00:30:00Z')).toBe('2026-12-01T08:30:00+08:00');
    expect(lastMinutes(new Date('2026-12-01T00:30:00Z'), 15)).toEqual({
      from: '2026-12-01T08:15:00+08:00',
      to: '2026-12-01T08:30:00+08:00',
    });
  });

  it('reads a window from the URL, or says what is wrong with it', () => {
    const from = '2026-12-01T08:00:00+08:00';
    const to = '2026-12-01T09:00:00+08:00';
    expect(parseWindow({ from, to })).toEqual({ window: { from, to } });
    expect(parseWindow({ from: '2026-12-01T00:00:00Z', to: '2026-12-01T00:00:01.5Z' })).toHaveProperty(
      'window',
    );
    expect(parseWindow({ from })).toEqual({ problem: 'incomplete' });
    expect(parseWindow({})).toEqual({ problem: 'incomplete' });
    // The archive wants an offset: a bare local time would be read in the server's zone.
    expect(parseWindow({ from: '2026-12-01T08:00:00', to })).toEqual({ problem: 'invalid' });
    expect(parseWindow({ from: 'yesterday', to })).toEqual({ problem: 'invalid' });
    expect(parseWindow({ from: to, to: from })).toEqual({ problem: 'order' });
    expect(parseWindow({ from, to: from })).toEqual({ problem: 'order' });
  });

  it('moves a window by its own length', () => {
    const window = { from: '2026-12-01T08:00:00+08:00', to: '2026-12-01T08:20:00+08:00' };
    expect(shiftWindow(window, -1)).toEqual({
      from: '2026-12-01T07:40:00+08:00',
      to: '2026-12-01T08:00:00+08:00',
    });
    expect(shiftWindow(window, 1)).toEqual({
      from: '2026-12-01T08:20:00+08:00',
      to: '2026-12-01T08:40:00+08:00',
    });
    expect(hourBefore('2026-12-01T00:00:00.000Z')).toEqual({
      from: '2026-12-01T07:00:00+08:00',
      to: '2026-12-01T08:00:00+08:00',
    });
  });

  it('shows and reads the pickers in Shanghai wall-clock whatever the browser zone', () => {
    const value = pickerValue('2026-12-01T00:05:00Z');
    expect(value.format('YYYY-MM-DD HH:mm')).toBe('2026-12-01 08:05');
    expect(fromPicker(value)).toBe('2026-12-01T08:05:00+08:00');
  });
});

describe('camera options', () => {
  const video = (cameraId: string) => ({
    cameraId,
    oldestSegment: '2026-11-01T00:00:00Z',
    newestSegmentEnd: '2026-12-01T00:00:00Z',
    segments: 1,
    bytes: 1,
    gaps: 0,
    gapSeconds: 0,
  });
  const report = {
    enterpriseId: 'e-1',
    retentionDays: 180,
    generatedAt: '',
    cameras: [video('c-2'), video('c-9')],
  };
  const device = (id: string, kind: 'overview-camera' | 'barrier') => ({
    id,
    laneId: 'l1',
    siteId: 's1',
    kind,
    vendor: 'onvif' as const,
    name: `名称 ${id}`,
    address: null,
    allowedSources: [],
    hasCredentials: true,
    enabled: true,
    eventSource: 'push' as const,
  });

  it('lists the archived cameras first (named from the registry), then registered cameras without video', () => {
    const options = cameraOptions(report, [
      device('c-1', 'overview-camera'),
      device('c-2', 'overview-camera'),
      device('b-1', 'barrier'),
    ]);
    expect(options.map((o) => [o.value, o.name, o.hasVideo])).toEqual([
      ['c-2', '名称 c-2', true],
      ['c-9', 'c-9', true],
      ['c-1', '名称 c-1', false],
    ]);
  });

  it('offers the archive’s cameras to a role that may not read the registry', () => {
    expect(cameraOptions(report, undefined).map((o) => o.value)).toEqual(['c-2', 'c-9']);
    expect(cameraOptions(undefined, undefined)).toEqual([]);
  });
});
