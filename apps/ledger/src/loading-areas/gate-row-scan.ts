import { judgeEntry, judgeExit, type LoadingAreaAnomaly, lookbackStart } from '@ecogate/domain';
import { type DataSource, parseEnterpriseId } from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';
import { PollingLoop } from '../due-work/polling-loop';
import { storeAnomalies } from './anomaly-store';
import { GateHistory, gateEventsOf } from './gate-history';

export interface GateRowScanSettings {
  /** An entry with no exit within this long is an anomaly (rule 2). */
  readonly maxStayMs: number;
  /** How often the scan runs. */
  readonly intervalMs: number;
  /** How far back the scan looks for rows not judged yet (rows older are left alone). */
  readonly horizonMs: number;
  /**
   * How long past its deadline an entry waits to be judged: an exit recorded late (a decision
   * delivered after an outage) still clears it.
   */
  readonly graceMs: number;
}

interface Candidate {
  id: string;
  enterprise_id: string;
  plate: string;
  entry_captured_at: Date | null;
  exit_captured_at: Date | null;
}

/**
 * Rules 2 and 3 (docs/loading-areas.md) over the passages, every `intervalMs`: entries past their
 * deadline with no exit in time, and exits with no entry. Only rows within `horizonMs` that have no
 * anomaly yet are read; each is judged by the domain and stored under an id derived from it, so a
 * second replica or a rerun adds nothing.
 */
export class GateRowScan {
  private readonly loop: PollingLoop;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: GateRowScanSettings,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.loop = new PollingLoop(
      () => this.runOnce(),
      settings.intervalMs,
      (error: unknown) => log.error({ err: error }, 'loading-area gate-row scan failed'),
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One pass; returns the ids of the anomalies it stored. */
  async runOnce(): Promise<string[]> {
    const now = this.now();
    const since = new Date(now.getTime() - this.settings.horizonMs);
    const dueBefore = new Date(now.getTime() - this.settings.maxStayMs - this.settings.graceMs);
    const stored: string[] = [];
    for (const row of await this.overdueEntries(since, dueBefore)) {
      stored.push(...(await this.judge(row, async () => this.judgeOverdue(row, now))));
    }
    for (const row of await this.loneExits(since)) {
      stored.push(...(await this.judge(row, (history) => this.judgeLoneExit(row, history))));
    }
    return stored;
  }

  private async judge(
    row: Candidate,
    rule: (history: GateHistory) => Promise<LoadingAreaAnomaly | null>,
  ): Promise<string[]> {
    return this.dataSource.transaction(async (tx) => {
      const anomaly = await rule(new GateHistory(tx));
      return anomaly ? storeAnomalies(tx, parseEnterpriseId(row.enterprise_id), [anomaly]) : [];
    });
  }

  private judgeOverdue(row: Candidate, now: Date): LoadingAreaAnomaly | null {
    const [entry, ...rest] = gateEventsOf(row.plate, row);
    return entry ? judgeEntry(entry, [entry, ...rest], this.settings.maxStayMs, now) : null;
  }

  private async judgeLoneExit(row: Candidate, history: GateHistory): Promise<LoadingAreaAnomaly | null> {
    const [exit] = gateEventsOf(row.plate, row);
    if (!exit) return null;
    const events = await history.gateEvents(
      parseEnterpriseId(row.enterprise_id),
      row.plate,
      lookbackStart(exit.at),
      exit.at,
    );
    return judgeExit(exit, [...events.filter((e) => e.id !== exit.id), exit]);
  }

  /** Entries past their deadline whose passage had no exit by then and no anomaly yet. */
  private overdueEntries(since: Date, dueBefore: Date): Promise<Candidate[]> {
    return this.dataSource.query(
      `SELECT p."id", p."enterprise_id", p."plate", p."entry_captured_at", p."exit_captured_at"
         FROM "passages" p
        WHERE p."captured_at" >= $1 AND p."entry_captured_at" IS NOT NULL AND p."entry_captured_at" <= $2
          AND (p."exit_captured_at" IS NULL OR p."exit_captured_at" > p."entry_captured_at" + $3 * interval '1 millisecond')
          AND NOT EXISTS (SELECT 1 FROM "loading_area_anomalies" a
                           WHERE a."enterprise_id" = p."enterprise_id" AND a."kind" = 'entry-without-exit'
                             AND a."passage_ids" @> to_jsonb(ARRAY[p."id"::text]))
        ORDER BY p."entry_captured_at"
        LIMIT 500`,
      [since, dueBefore, this.settings.maxStayMs],
    ) as Promise<Candidate[]>;
  }

  /** Passages that are an exit alone, with no anomaly yet. */
  private loneExits(since: Date): Promise<Candidate[]> {
    return this.dataSource.query(
      `SELECT p."id", p."enterprise_id", p."plate", p."entry_captured_at", p."exit_captured_at"
         FROM "passages" p
        WHERE p."captured_at" >= $1 AND p."entry_captured_at" IS NULL AND p."exit_captured_at" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "loading_area_anomalies" a
                           WHERE a."enterprise_id" = p."enterprise_id" AND a."kind" = 'exit-without-entry'
                             AND a."passage_ids" @> to_jsonb(ARRAY[p."id"::text]))
        ORDER BY p."exit_captured_at"
        LIMIT 500`,
      [since],
    ) as Promise<Candidate[]>;
  }
}
