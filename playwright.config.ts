import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, defineConfig } from '@playwright/test';
import type { Engine } from './test/browsers/engine-types.js';

/**
 * Chromium: Playwright's own build where it is installed, otherwise the system's (Debian's
 * `chromium`), or CHROMIUM_PATH. Playwright cannot download browsers on machines without internet.
 */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    /* no Playwright browser installed */
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
}

const PORT = Number(process.env.E2E_PORT ?? 4318);

// Specs that open files in Node (openAnalytics beside the worker) use a cache of opens of this run,
// never the user's ~/.cache (the workers inherit this environment).
process.env.SESSION_BUDDY_ANALYTICS_CACHE_DIR ??= path.join(tmpdir(), `sba-e2e-cache-${process.pid}`);

/**
 * Tests written once for every engine (test/browsers/fixture.ts): they run in the three projects.
 * The other specs use Playwright's own page and run in Chromium only.
 */
const EVERY_ENGINE = /(every-engine\/.*|shared-suites)\.spec\.ts$/;

export default defineConfig<object, { engine: Engine }>({
  testDir: 'test/e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { engine: 'chromium' satisfies Engine } },
    { name: 'firefox', testMatch: EVERY_ENGINE, use: { engine: 'firefox' satisfies Engine } },
    { name: 'webkit', testMatch: EVERY_ENGINE, use: { engine: 'webkit' satisfies Engine } },
  ],
  webServer: {
    command: `node test/browsers/serve-e2e.mjs ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
