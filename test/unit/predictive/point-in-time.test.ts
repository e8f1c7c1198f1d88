// The training matrix's features are computed in JavaScript over the rows of one plain query
// (src/predictive/point-in-time.ts); the window SQL of features-sql.ts (still the live
// prediction's) is their independent reference: the two must agree to the last bit, row for row,
// on every fixture written by session-buddy (and the hostile one), for windows starting at the
// first row, in the middle and 30 days back, with both warehouses and on a dataset of two files.
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { openAnalytics } from '../../../src/node/index.js';
import { loadFeatureMatrix } from '../../../src/predictive/feature-matrix.js';
import { FEATURE_NAMES, featureSql } from '../../../src/predictive/features-sql.js';

const DAY_US = 86_400_000_000;
const engines: AnalyticsEngine[] = [];
afterAll(async () => {
  for (const e of engines) await e.dispose();
});

async function compare(engine: AnalyticsEngine, source?: string): Promise<number> {
  const ctx = engine.context(source ? { source } : undefined);
  const w = ctx.warehouse;
  const [{ lo, hi }] = await w.query<{ lo: number; hi: number }>('SELECT min(invoked_at_us) AS lo, max(invoked_at_us) AS hi FROM invocations');
  const windows: [number, number][] = [
    [Number(lo), Number(hi)],
    [Number(hi) - 30 * DAY_US + 1, Number(hi)],
    [Math.round((Number(lo) + Number(hi)) / 2), Number(hi) - DAY_US],
  ];
  let compared = 0;
  for (const [from, to] of windows) {
    const sql = await w.columns(featureSql('rows'), [to, from]);
    const m = await loadFeatureMatrix(w, { fromMicros: from, toMicros: to });
    expect(Array.from(m.ids)).toEqual(Array.from(sql.id as Float64Array));
    expect(Array.from(m.times)).toEqual(Array.from(sql.invoked_at_us as Float64Array));
    expect(m.skills).toEqual(sql.skill_name);
    expect(Array.from(m.labels)).toEqual(Array.from(sql.completed as Float64Array, (v) => (v === 1 ? 1 : 0)));
    FEATURE_NAMES.forEach((name, f) => {
      // toEqual on arrays of numbers: Object.is per element, so 0 and -0 or NaN would show.
      expect(Array.from(m.X[f]), `${name} in (${from}, ${to})`).toEqual(Array.from(sql[name] as Float64Array));
    });
    compared += m.ids.length;
  }
  return compared;
}

describe('point-in-time features in JavaScript', () => {
  it.each(['train20k.db', 'sample.db', 'legacy.db', 'hostile.db'])('equal the window SQL on %s', async (file) => {
    const engine = await openAnalytics(`test/fixtures/${file}`);
    engines.push(engine);
    expect(await compare(engine)).toBeGreaterThan(1000);
  });

  it('equal it with the DuckDB-WASM warehouse too', async () => {
    const engine = await openAnalytics('test/fixtures/sample.db', { engine: 'wasm' });
    engines.push(engine);
    expect(await compare(engine)).toBeGreaterThan(1000);
  });

  it('equal it on a dataset of two files, whole and scoped to one', async () => {
    const engine = await openAnalytics(['test/fixtures/sample.db', 'test/fixtures/legacy.db']);
    engines.push(engine);
    expect(await compare(engine)).toBeGreaterThan(2000);
    expect(await compare(engine, 'legacy.db')).toBeGreaterThan(1000);
  });
});
