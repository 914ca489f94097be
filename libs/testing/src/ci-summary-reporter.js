// Jest reporter for `.ci/run`'s summary, which adds up every Jest run (one per project, plus the
// integration run): appends the run's totals to ECOGATE_TEST_COUNTS ("passed failed skipped
// suites-that-failed-to-run"), each test file's duration to ECOGATE_TEST_TIMES ("seconds<TAB>file"),
// and each failed file's first error lines to ECOGATE_TEST_FAILURES, so the closing lines of a long
// log still say what failed and why (a suite can fail with every test passed: a hook, a crash).
const { appendFileSync } = require('node:fs');
const { relative } = require('node:path');

const FAILURE_LINES = 30;

class CiSummaryReporter {
  onTestResult(_test, result) {
    const file = relative(process.cwd(), result.testFilePath);
    const failed = Boolean(result.testExecError) || result.numFailingTests > 0;
    const times = process.env.ECOGATE_TEST_TIMES;
    if (times) {
      const { start, end } = result.perfStats;
      const seconds = start > 0 && end >= start ? (end - start) / 1000 : 0;
      appendFileSync(times, `${seconds.toFixed(1)}\t${file}${failed ? ' (failed)' : ''}\n`);
    }
    const failures = process.env.ECOGATE_TEST_FAILURES;
    if (failures && failed) {
      // failureMessage holds the suite's error and every failed test's; colours are for terminals.
      const message = (result.failureMessage ?? result.testExecError?.message ?? 'no message')
        .replace(/\u001b\[[0-9;]*m/g, '')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .slice(0, FAILURE_LINES)
        .join('\n');
      appendFileSync(failures, `---- ${file}\n${message}\n`);
    }
  }

  onRunComplete(_contexts, results) {
    const file = process.env.ECOGATE_TEST_COUNTS;
    if (!file) return;
    const line = [
      results.numPassedTests,
      results.numFailedTests,
      results.numPendingTests + results.numTodoTests,
      results.numRuntimeErrorTestSuites,
    ];
    appendFileSync(file, `${line.join(' ')}\n`);
  }
}

module.exports = CiSummaryReporter;
