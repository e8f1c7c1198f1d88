/**
 * Engines over a cache of opens in a temporary folder, for the cache tests: after each test the
 * engines are disposed, the folders removed and spies restored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, vi } from 'vitest';
import { AnalyticsEngine } from '../../../src/analytics/index.js';
import { OpenCache } from '../../../src/engine/cache/open-cache.js';
import { folderStore, nodeDigest } from '../../../src/node/cache-folder.js';
import { nodeHost } from '../../../src/node/host.js';

/**
 * Registers the clean-up (call at the top level of a test file).
 * @param prefix the temporary folders' name prefix
 * @returns `engineWith(cache)`: an engine over that cache (null: none); `freshCache()`: a cache in a new empty folder
 */
export function cacheTestEngines(prefix: string) {
  const dirs: string[] = [];
  const engines: AnalyticsEngine[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(engines.splice(0).map((e) => e.dispose()));
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return {
    engineWith(cache: OpenCache | null): AnalyticsEngine {
      const e = new AnalyticsEngine({ ...nodeHost, openCache: () => cache });
      engines.push(e);
      return e;
    },
    freshCache(): OpenCache {
      const dir = mkdtempSync(path.join(tmpdir(), prefix));
      dirs.push(dir);
      return new OpenCache(folderStore(dir), { digest: nodeDigest });
    },
  };
}
