/**
 * Whether the hourly cube's answers equal the warehouse SQL's, value for value, on a generated
 * file (bench/data, seed 1, 30 days): hourly (all skills, 720 h and 24 h), daily (7 days, every
 * skill alone) and the multi-skill daily rows. On large files DuckDB may aggregate in parallel or
 * in partitions and sum a group's durations in another order (a last-bit difference); this prints
 * how many values differ and the largest relative difference.
 *   npx tsx bench/studies/cube-equals-sql.ts [--size 1000000]
 */
import { MICROS_PER_DAY, MICROS_PER_HOUR } from '../../src/engine/time.js';
import { hourlyCubeIndex } from '../../src/hourly/cube.js';
import { cubeDailyColumns, cubeHourlyColumns, cubeQualifyingDailyColumns } from '../../src/hourly/cube-window.js';
import { dailySeriesSql, hourlyMetricsSql } from '../../src/hourly/sql.js';
import { secondWindow } from '../../src/hourly/window.js';
import { openAnalytics } from '../../src/node/index.js';
import { benchDataFile } from '../data-files.js';

const i = process.argv.indexOf('--size');
const file = await benchDataFile(i > 0 ? Number(process.argv[i + 1]) : 1_000_000);
const engine = await openAnalytics(file);
const ctx = engine.context();
const cube = ctx.index(hourlyCubeIndex)!;
const scope = cube.scope(ctx.sources);
const asOf = ctx.defaultAsOfMicros!;
let values = 0,
  differ = 0,
  worst = 0;
const byColumn = new Map<string, number>();
function compare(ours: Record<string, unknown>, sql: Record<string, unknown>, what: string): void {
  for (const key of Object.keys(sql)) {
    const a = Array.from(ours[key] as ArrayLike<unknown>);
    const b = Array.from(sql[key] as ArrayLike<unknown>);
    if (a.length !== b.length) throw new Error(`${what} ${key}: ${a.length} vs ${b.length} rows`);
    a.forEach((v, j) => {
      values++;
      if (Object.is(v, b[j])) return;
      if (typeof v !== 'number' || typeof b[j] !== 'number') throw new Error(`${what} ${key}[${j}]: ${String(v)} vs ${String(b[j])}`);
      differ++;
      byColumn.set(key, (byColumn.get(key) ?? 0) + 1);
      worst = Math.max(worst, Math.abs(v - (b[j] as number)) / Math.abs(b[j] as number));
    });
  }
}
for (const hours of [720, 24]) {
  const w = secondWindow(asOf, hours * MICROS_PER_HOUR);
  compare(cubeHourlyColumns(cube, scope, w), await ctx.warehouse.columns(hourlyMetricsSql(false), [w.startMicros, w.endMicros]), `hourly ${hours} h`);
}
const w7 = secondWindow(asOf, 7 * MICROS_PER_DAY);
for (const skill of cube.skills)
  compare(cubeDailyColumns(cube, scope, w7, skill), await ctx.warehouse.columns(dailySeriesSql('one'), [w7.startMicros, w7.endMicros, skill]), `daily ${skill}`);
compare(cubeQualifyingDailyColumns(cube, scope, w7, 10), await ctx.warehouse.columns(dailySeriesSql('qualifying'), [w7.startMicros, w7.endMicros, 10]), 'qualifying');
console.log(
  `${file}: ${values} values compared, ${differ} differ${differ ? ` (largest relative difference ${worst.toExponential(2)}; by column: ${JSON.stringify(Object.fromEntries(byColumn))})` : ''}`,
);
await engine.dispose();
