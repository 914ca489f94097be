// The console's Vitest runs report to `.ci/run`'s summary as every Jest run does
// (ci-summary-reporter.js): totals to ECOGATE_TEST_COUNTS, each file's duration to
// ECOGATE_TEST_TIMES, each failed file's first error lines to ECOGATE_TEST_FAILURES.
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const FAILURE_LINES = 30;

export default class CiSummaryVitestReporter {
  onTestRunEnd(testModules, unhandledErrors) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    // Files that could not run (an import or a hook failed) and errors outside every test.
    let broken = unhandledErrors.length > 0 ? 1 : 0;
    for (const module of testModules) {
      const file = relative(ROOT, module.moduleId);
      const messages = module.errors().map((error) => error.message);
      if (messages.length > 0) broken += 1;
      for (const test of module.children.allTests()) {
        const { state, errors = [] } = test.result();
        if (state === 'passed') passed += 1;
        else if (state === 'failed') {
          failed += 1;
          messages.push(...errors.map((error) => `${test.fullName}: ${error.message}`));
        } else skipped += 1;
      }
      const ok = messages.length === 0 && module.state() !== 'failed';
      if (process.env.ECOGATE_TEST_TIMES) {
        const seconds = (module.diagnostic().duration ?? 0) / 1000;
        appendFileSync(
          process.env.ECOGATE_TEST_TIMES,
          `${seconds.toFixed(1)}\t${file}${ok ? '' : ' (failed)'}\n`,
        );
      }
      if (process.env.ECOGATE_TEST_FAILURES && !ok) {
        const lines = messages
          .join('\n')
          .split('\n')
          .filter((line) => line.trim() !== '');
        appendFileSync(
          process.env.ECOGATE_TEST_FAILURES,
          `---- ${file}\n${lines.slice(0, FAILURE_LINES).join('\n') || 'failed without a message'}\n`,
        );
      }
    }
    if (process.env.ECOGATE_TEST_COUNTS) {
      appendFileSync(process.env.ECOGATE_TEST_COUNTS, `${passed} ${failed} ${skipped} ${broken}\n`);
    }
  }
}
