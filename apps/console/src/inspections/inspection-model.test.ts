import { messages } from './messages';
import { indicators, inspection } from './fixtures';
import {
  FINDING_KINDS,
  indicatorShares,
  markBody,
  passageRows,
  percent,
  playlistFor,
  startBody,
  verdictProblem,
  windowRows,
} from './inspection-model';
import { verifyPeriod } from './ChainCheck';

describe('inspection model', () => {
  it('maps sampled passages to rows in the sample order, evidence in percent and links by side', () => {
    const rows = passageRows(inspection());
    expect(rows.map((r) => r.position)).toEqual([0, 1]);
    const kept = rows[0]!;
    const dropped = rows[1]!;
    expect(kept.evidence).toMatchObject({
      plate: '冀A12345',
      stage: 'VI',
      stageSource: 'document',
      completenessPercent: 75,
      missingFields: ['cargo-name', 'fleet-name'],
      entryPhotos: [{ label: 'scene', href: '/photos/entry-scene.jpg' }],
      exitPhotos: [{ label: 'plate', href: '/photos/exit-plate.jpg' }],
      documents: [{ label: 'inventory-list', href: '/documents/list.pdf' }],
    });
    expect(kept.evidence?.auditTrail).toHaveLength(1);
    // Retention dropped it: the item stays, without evidence.
    expect(dropped.evidence).toBeNull();
  });

  it("links a window to the video page on its range in China time, and fills a camera into the archive's playlist", () => {
    const row = windowRows(inspection(), '/e/e1')[0]!;
    const link = new URL(row.playback, 'http://console');
    expect(link.pathname).toBe('/e/e1/video');
    expect(link.searchParams.get('from')).toBe('2026-11-05T10:00:00+08:00');
    expect(link.searchParams.get('to')).toBe('2026-11-05T10:10:00+08:00');
    expect(row.passages.map((p) => p.plate)).toEqual(['冀B54321']);
    expect(row.verdict).toBe('consistent');
    expect(playlistFor(row.playlistPathTemplate, 'cam 1')).toContain('/cameras/cam%201/playlist.m3u8?from=');
  });

  it('requires a verdict, and a note for 不一致', () => {
    expect(verdictProblem(undefined, 'x')).toBe('verdict-required');
    expect(verdictProblem('inconsistent', '  ')).toBe('note-required');
    expect(verdictProblem('inconsistent', '照片与台账车牌不符')).toBeNull();
    expect(verdictProblem('consistent', '')).toBeNull();
    expect(markBody('consistent', '  ')).toEqual({ verdict: 'consistent' });
    expect(markBody('inconsistent', ' 车牌不符 ')).toEqual({ verdict: 'inconsistent', note: '车牌不符' });
  });

  it('leaves a blank seed out so the service draws one', () => {
    const values = { from: '2026-11-01', to: '2026-11-30', passages: 8, windows: 3, windowMinutes: 10 };
    expect(startBody({ ...values, seed: '  ' })).toEqual(values);
    expect(startBody({ ...values, seed: ' nov ' })).toEqual({ ...values, seed: 'nov' });
  });

  it('keeps the stages and sources seen, largest first, in percent', () => {
    const { stages, sources } = indicatorShares(indicators());
    expect(stages).toEqual([
      { key: 'VI', count: 6, percent: 60 },
      { key: 'V', count: 3, percent: 30 },
      { key: 'unknown', count: 1, percent: 10 },
    ]);
    expect(sources.map((s) => s.key)).toEqual(['platform-query', 'document', 'manual']);
    expect(percent(0.925)).toBe('92.5%');
    expect(percent(null)).toBe('—');
  });

  it('has words in both languages for every finding kind', () => {
    for (const kind of FINDING_KINDS) {
      const [zh, en] = messages[`finding.${kind}`];
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).toMatch(/^[a-z]/);
    }
  });

  it('verifies local days as Shanghai midnights, the last day included', () => {
    expect(verifyPeriod('2026-11-01', '2026-11-30')).toEqual({
      from: '2026-11-01T00:00:00+08:00',
      to: '2026-12-01T00:00:00+08:00',
    });
  });
});
