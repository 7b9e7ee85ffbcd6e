import { defineConfig } from '@playwright/test'

/**
 * e2e tests drive Debian's Chromium (never a downloaded browser) against
 * browser-mode servers that each test file starts itself (tests/e2e/fixtures.ts).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  // One e2e run at a time per machine: [Note: one e2e run per machine] in tests/e2e/machine-lock.ts.
  globalSetup: './tests/e2e/machine-lock.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 720 },
    launchOptions: {
      executablePath: process.env.DEMODECK_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-quic',
        '--no-first-run',
        '--disable-sync'
      ]
    }
  }
})
