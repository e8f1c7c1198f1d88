import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // The Node host's cache of opens goes to a folder of this run, never the user's ~/.cache.
    env: { SESSION_BUDDY_ANALYTICS_CACHE_DIR: path.join(tmpdir(), `sba-test-cache-${process.pid}`) },
  },
});
