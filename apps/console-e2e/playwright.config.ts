import { defineConfig } from '@playwright/test';
import { CONSOLE_URL } from './src/machine';

/**
 * The console as people use it: `npm start` (the real gateway, services and simulated cameras of the
 * demo city, apps/launcher) started once for the run, pages driven in Debian's Chromium — no browser
 * download, no mocked API. `npm run test:console`.
 */
export default defineConfig({
  testDir: 'src',
  testMatch: '**/*.e2e.ts',
  globalSetup: './src/global-setup.ts',
  globalTeardown: './src/global-teardown.ts',
  // One machine for the run; the flows share its demo enterprise, so one page at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  retries: 0,
  reporter: process.env['CI']
    ? [['list']]
    : [['list'], ['html', { open: 'never', outputFolder: '../../tmp/console-e2e/report' }]],
  outputDir: '../../tmp/console-e2e/results',
  use: {
    baseURL: CONSOLE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      // Root in containers needs --no-sandbox; the rest keeps Chromium off the (closed) network.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
