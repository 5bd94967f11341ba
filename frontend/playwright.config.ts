import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const address = '127.0.0.1:18089';
const baseURL = `http://${address}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: 'list',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `${process.env.HUB_BIN ?? '../bin/switchboard'} serve`,
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      HUB_ADDR: address,
      HUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'switchboard-e2e-')),
      HUB_ENV: 'development',
      HUB_PUBLIC_URL: baseURL,
      // Only warnings and errors: the per-request log would flood the test output.
      HUB_LOG_LEVEL: 'warn',
      // The specs count the records they make: no demo data in sandbox stores.
      HUB_SANDBOX_DEMO: 'off',
    },
  },
});
