import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { type BrowserContext, type Request } from '@playwright/test';

/**
 * The person's time of a scripted walkthrough, estimated by the Keystroke-Level Model (Card, Moran
 * & Newell) plus explicit viewing allowances, beside the system's time measured on the way. The
 * operators of each step are recorded with it, so anyone can recompute the estimate or argue with
 * it (docs/ledger.md "Inspection walkthrough").
 */
export const PERSON_MODEL = {
  /** P + B: point at a control with the mouse and click it. */
  clickS: 1.1,
  /** K: one keystroke of an average typist. */
  keystrokeS: 0.28,
  /** A Chinese character typed through a pinyin IME: syllable keystrokes plus choosing the candidate. */
  keystrokesPerHanzi: 3,
  /** M: mental preparation, once per decision (what to click, which verdict). */
  decisionS: 1.35,
} as const;

/** What a person does in one step; `viewingS` is the stated allowance for looking at evidence. */
export interface PersonCost {
  readonly clicks?: number;
  /** Keystrokes (use `typing()` to count a text). */
  readonly keystrokes?: number;
  readonly decisions?: number;
  readonly viewingS?: number;
  /** Why the viewing allowance is what it is (shown in the table). */
  readonly viewing?: string;
}

/** Keystrokes to type `text`: one per ASCII character, `keystrokesPerHanzi` per CJK character. */
export function typing(text: string): number {
  let keys = 0;
  for (const char of text) keys += /\p{Script=Han}/u.test(char) ? PERSON_MODEL.keystrokesPerHanzi : 1;
  return keys;
}

export function personSeconds(cost: PersonCost): number {
  return (
    (cost.clicks ?? 0) * PERSON_MODEL.clickS +
    (cost.keystrokes ?? 0) * PERSON_MODEL.keystrokeS +
    (cost.decisions ?? 0) * PERSON_MODEL.decisionS +
    (cost.viewingS ?? 0)
  );
}

/** One API call the step made, as the browser timed it (request start to the response's end). */
export interface ApiCall {
  readonly call: string;
  readonly ms: number;
}

export interface TimedStep {
  readonly name: string;
  /** From the person's action to the page showing its result (the awaited element), ms. */
  readonly systemMs: number;
  /** The step's API calls, slowest first: how much of `systemMs` the services took. */
  readonly api: readonly ApiCall[];
  readonly personS: number;
  readonly person: PersonCost;
}

export interface WalkthroughReport {
  readonly model: typeof PERSON_MODEL;
  readonly steps: readonly TimedStep[];
  readonly totals: {
    readonly personS: number;
    readonly systemS: number;
    readonly slowest: { readonly name: string; readonly systemMs: number } | null;
    readonly personGoalS: number;
    readonly withinGoal: boolean;
  };
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/**
 * Named steps, each timed from its action to what the person waits for. A step is one call:
 * `await walk.step('close the inspection', { clicks: 2, decisions: 1 }, async () => { … })`.
 */
export class Walkthrough {
  private readonly steps: TimedStep[] = [];

  /** `context`: the browser's, whose API calls (every tab) each step lists. */
  constructor(
    private readonly context: BrowserContext,
    private readonly personGoalS: number,
  ) {}

  /**
   * Runs `action` (the person's actions and the wait for the visible result) and records both
   * times. The system's time runs from the start, or from where `action` calls `act()`: just
   * before the click that asks the system for something (choosing a verdict or typing a note is
   * the person's time, not the system's).
   */
  async step(name: string, person: PersonCost, action: (act: () => void) => Promise<void>): Promise<void> {
    const api: ApiCall[] = [];
    const onFinished = (request: Request) => {
      const url = new URL(request.url());
      if (!url.pathname.startsWith('/api/')) return;
      const ms = request.timing().responseEnd;
      // Ids out, so the same call reads the same in every run.
      const path = url.pathname.replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/g, ':id');
      if (ms >= 0) api.push({ call: `${request.method()} ${path}`, ms: round(ms, 0) });
    };
    this.context.on('requestfinished', onFinished);
    let started = performance.now();
    try {
      await action(() => {
        started = performance.now();
      });
    } finally {
      this.context.off('requestfinished', onFinished);
    }
    const systemMs = performance.now() - started;
    this.steps.push({
      name,
      systemMs: round(systemMs, 0),
      api: api.sort((a, b) => b.ms - a.ms),
      personS: round(personSeconds(person), 2),
      person,
    });
  }

  report(): WalkthroughReport {
    const personS = this.steps.reduce((sum, s) => sum + s.personS, 0);
    const systemS = this.steps.reduce((sum, s) => sum + s.systemMs, 0) / 1000;
    const slowest = this.steps.reduce<TimedStep | null>(
      (worst, s) => (worst && worst.systemMs >= s.systemMs ? worst : s),
      null,
    );
    return {
      model: PERSON_MODEL,
      steps: this.steps,
      totals: {
        personS: round(personS, 1),
        systemS: round(systemS, 2),
        slowest: slowest && { name: slowest.name, systemMs: slowest.systemMs },
        personGoalS: this.personGoalS,
        withinGoal: personS < this.personGoalS,
      },
    };
  }
}

const operators = (p: PersonCost): string =>
  [
    p.clicks ? `${p.clicks}×click` : '',
    p.keystrokes ? `${p.keystrokes}×key` : '',
    p.decisions ? `${p.decisions}×M` : '',
    p.viewingS ? `${p.viewingS} s ${p.viewing ?? 'viewing'}` : '',
  ]
    .filter(Boolean)
    .join(' + ');

/** The report as a Markdown table with its totals (what the bench prints). */
export function markdown(report: WalkthroughReport): string {
  const { model, totals } = report;
  const minutes = (s: number) => `${Math.floor(s / 60)} min ${(s % 60).toFixed(1)} s`;
  return [
    '| # | step | system (ms) | slowest API call (ms) | person (s) | person: operators |',
    '|---|------|------------:|-----------------------|-----------:|-------------------|',
    ...report.steps.map(
      (s, i) =>
        `| ${i + 1} | ${s.name} | ${s.systemMs} | ${s.api[0] ? `${s.api[0].call} (${s.api[0].ms})` : '—'} | ` +
        `${s.personS.toFixed(2)} | ${operators(s.person)} |`,
    ),
    '',
    `Person time (estimated): ${totals.personS.toFixed(1)} s = ${minutes(totals.personS)} ` +
      `(goal < ${totals.personGoalS} s: ${totals.withinGoal ? 'met' : 'NOT met'})`,
    `System time (measured):  ${totals.systemS.toFixed(2)} s over ${report.steps.length} steps`,
    `Slowest step: ${totals.slowest ? `${totals.slowest.name} (${totals.slowest.systemMs} ms)` : '—'}`,
    `Model: click ${model.clickS} s, keystroke ${model.keystrokeS} s (${model.keystrokesPerHanzi} per 汉字), ` +
      `decision (M) ${model.decisionS} s, plus the viewing allowances shown.`,
  ].join('\n');
}

export function writeReport(report: WalkthroughReport, jsonPath: string, markdownPath: string): string {
  const table = markdown(report);
  writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdownPath, `# Inspection walkthrough\n\n${table}\n`);
  return table;
}
