// Jest reporter for `.ci/run`'s summary, which adds up every Jest run (one per project, plus the
// integration run): appends the run's totals to ECOGATE_TEST_COUNTS ("passed failed skipped") and
// each test file's duration to ECOGATE_TEST_TIMES ("seconds<TAB>file"), so the closing lines can
// say "N passed, N failed, N skipped" and name the slowest files.
const { appendFileSync } = require('node:fs');
const { relative } = require('node:path');

class CiSummaryReporter {
  onTestResult(_test, result) {
    const file = process.env.ECOGATE_TEST_TIMES;
    if (!file) return;
    const { start, end } = result.perfStats;
    const seconds = start > 0 && end >= start ? (end - start) / 1000 : 0;
    const outcome = result.testExecError || result.numFailingTests > 0 ? ' (failed)' : '';
    appendFileSync(
      file,
      `${seconds.toFixed(1)}\t${relative(process.cwd(), result.testFilePath)}${outcome}\n`,
    );
  }

  onRunComplete(_contexts, results) {
    const file = process.env.ECOGATE_TEST_COUNTS;
    if (!file) return;
    const line = [
      results.numPassedTests,
      results.numFailedTests,
      results.numPendingTests + results.numTodoTests,
    ];
    appendFileSync(file, `${line.join(' ')}\n`);
  }
}

module.exports = CiSummaryReporter;
