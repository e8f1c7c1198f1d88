import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
process.env.SESSION_BUDDY_ANALYTICS_CACHE_DIR = process.env.DIR ?? mkdtempSync(path.join(os.tmpdir(), 'sba-probe-'));
const { nodeOpenCache } = await import('../src/node/cache-folder.js');
const { createEngine } = await import('../src/node/index.js');
const bytes = new Uint8Array(readFileSync(process.env.FILE ?? 'bench/data/skills-100k.db'));
const seed = createEngine();
await seed.open(bytes.slice());
await seed.timeSeries.aggregateHourlyMetrics({ hours: 24 });
await nodeOpenCache()!.settled();
await seed.dispose();
for (let r = 0; r < 4; r++) {
  const e = createEngine();
  let maxGap = 0; let last = performance.now();
  const iv = setInterval(() => { const n = performance.now(); maxGap = Math.max(maxGap, n - last); last = n; }, 1);
  const t0 = performance.now();
  await e.open(bytes.slice());
  const a = performance.now() - t0;
  await e.timeSeries.aggregateHourlyMetrics({ hours: 24 });
  const h = performance.now() - t0;
  await e.timeSeries.aggregateHourlyMetrics({ hours: 720 });
  const h2 = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 1500));
  clearInterval(iv);
  console.log(`open ${a.toFixed(0)} +24h ${h.toFixed(0)} +720h ${h2.toFixed(0)} maxgap ${maxGap.toFixed(0)} load ${os.loadavg()[0].toFixed(1)}`);
  await e.dispose();
}
