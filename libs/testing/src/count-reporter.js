// Jest reporter: appends each run's totals to the file named by ECOGATE_TEST_COUNTS, so `.ci/run`
// can print one closing line for all projects ("N passed, N failed, N skipped").
const { appendFileSync } = require('node:fs');

class CountReporter {
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

module.exports = CountReporter;
