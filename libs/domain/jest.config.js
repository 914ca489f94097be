// Every branch of the rules that decide who passes a gate during an alert (admission policy, stage
// inference), which plate a doubtful read becomes (known plates) and whom the city is told evaded
// the gate (loading-area rules) is tested, and the build fails when one is not.
const path = require('node:path');

const FULL_BRANCHES = { branches: 100 };
const file = (relative) => path.join(__dirname, 'src', relative);

module.exports = {
  displayName: 'domain',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  collectCoverage: true,
  collectCoverageFrom: [
    '<rootDir>/src/**/*.ts',
    '!<rootDir>/src/**/*.spec.ts',
    '!<rootDir>/src/**/testing/**',
  ],
  coverageDirectory: '../../coverage/libs/domain',
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: {
    [file('alert/admission-decision.ts')]: FULL_BRANCHES,
    [file('alert/admission-message.ts')]: FULL_BRANCHES,
    [file('alert/exemption.ts')]: FULL_BRANCHES,
    [file('alert/default-emergency-plan.ts')]: FULL_BRANCHES,
    [file('emission/stage-evidence.ts')]: FULL_BRANCHES,
    [file('emission/stage-order.ts')]: FULL_BRANCHES,
    [file('emission/stage-inference.ts')]: FULL_BRANCHES,
    [file('emission/stage-inference-table.ts')]: FULL_BRANCHES,
    [file('loading-area/loading-area-anomaly.ts')]: FULL_BRANCHES,
    [file('loading-area/sighting-rules.ts')]: FULL_BRANCHES,
    [file('loading-area/gate-row-rules.ts')]: FULL_BRANCHES,
    [file('plate/known-plates.ts')]: FULL_BRANCHES,
  },
};
