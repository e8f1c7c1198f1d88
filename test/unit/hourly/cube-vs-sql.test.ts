/**
 * The hourly cube gives bit for bit what the warehouse's SQL gives (DuckDB-WASM, and native DuckDB
 * when installed): hourly, daily and qualifying-daily columns, first and last invocations, over
 * windows that start and end mid-hour, mid-day, on the hour, inside one hour, across one boundary;
 * on the fixtures, on a generated file whose ids are not in time order, and per scope of a dataset
 * of two files (each file alone, both).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import type { EngineContext } from '../../../src/engine/context.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR } from '../../../src/engine/time.js';
import { cubeDailyColumns, cubeFirstInvocation, cubeHourlyColumns, cubeLastInvocations, cubeQualifyingDailyColumns } from '../../../src/hourly/cube-window.js';
import { hourlyCubeIndex } from '../../../src/hourly/cube.js';
import { dailySeriesSql, firstInvocationSql, hourlyMetricsSql } from '../../../src/hourly/sql.js';
import type { TimeWindow } from '../../../src/hourly/window.js';
import { createEngine } from '../../../src/node/index.js';
import { lastInvocationSql } from '../../../src/skill-tables/sql.js';
import { generateSkillsDb } from '../../../bench/generators/generate-skills-db.js';

/** Every column equal element by element (NaN = NaN, -0 ≠ 0 not needed: Object.is on numbers). */
function expectSameColumns(ours: Record<string, unknown>, sql: Record<string, unknown>, what: string): void {
  expect(Object.keys(ours).sort(), what).toEqual(Object.keys(sql).sort());
  for (const key of Object.keys(sql)) {
    const a = Array.from(ours[key] as ArrayLike<unknown>);
    const b = Array.from(sql[key] as ArrayLike<unknown>);
    expect(a.length, `${what} ${key} length`).toBe(b.length);
    const firstDiff = a.findIndex((v, i) => !Object.is(v, b[i]));
    expect(firstDiff, `${what} ${key}[${firstDiff}]: ${String(a[firstDiff])} vs ${String(b[firstDiff])}`).toBe(-1);
  }
}

/** Windows ending at `asOf`-like instants across the file's span: mid-hour, on the hour, tiny, long. */
function windowsOf(ctx: EngineContext): TimeWindow[] {
  const last = ctx.defaultAsOfMicros!;
  const out: TimeWindow[] = [];
  const ends = [
    last + 1_000_000,
    Math.floor(last / MICROS_PER_HOUR) * MICROS_PER_HOUR,
    last - 3 * MICROS_PER_DAY - 1_234_567_000,
    Math.floor(last / MICROS_PER_DAY) * MICROS_PER_DAY,
  ];
  const lengths = [1_000_000, 20 * 60_000_000, 5 * MICROS_PER_HOUR + 17_000_000, 7 * MICROS_PER_DAY, 30 * MICROS_PER_DAY, 400 * MICROS_PER_DAY];
  for (const end of ends) for (const len of lengths) out.push({ startMicros: end - len, endMicros: end, asOfSecond: end - 1_000_000 });
  return out;
}

/** Compares every cube answer of a context with the SQL's. */
async function compareContext(ctx: EngineContext, label: string): Promise<number> {
  const cube = ctx.index(hourlyCubeIndex)!;
  expect(cube).not.toBeNull();
  const scope = cube.scope(ctx.sources);
  const skills = [...cube.skills.slice(0, 2), 'no-such-skill'];
  let compared = 0;
  for (const w of windowsOf(ctx)) {
    const p = [w.startMicros, w.endMicros];
    const at = `${label} [${w.startMicros}, ${w.endMicros})`;
    expectSameColumns(cubeHourlyColumns(cube, scope, w), await ctx.warehouse.columns(hourlyMetricsSql(false), p), `${at} hourly all`);
    for (const s of skills) {
      expectSameColumns(cubeHourlyColumns(cube, scope, w, s), await ctx.warehouse.columns(hourlyMetricsSql(true), [...p, s]), `${at} hourly ${s}`);
      expectSameColumns(cubeDailyColumns(cube, scope, w, s), await ctx.warehouse.columns(dailySeriesSql('one'), [...p, s]), `${at} daily ${s}`);
    }
    for (const min of [0, 10]) {
      const ours = cubeQualifyingDailyColumns(cube, scope, w, min);
      const sql = await ctx.warehouse.columns(dailySeriesSql('qualifying'), [...p, min]);
      // A day of a skill is the same among all skills as asked alone (its durations summed in time
      // order); DuckDB's qualifying query over a scope (a CTE read twice) may sum in another order.
      expectSameColumns({ ...ours, avg_duration_seconds: [] }, { ...sql, avg_duration_seconds: [] }, `${at} qualifying ${min}`);
      if (ctx.sources.length === cube.files.length) expectSameColumns(ours, sql, `${at} qualifying ${min} (whole dataset)`);
      else if (min > 0 && w.endMicros - w.startMicros === 7 * MICROS_PER_DAY) {
        const alone: number[] = [];
        for (const s of new Set(sql.skill_name as string[])) alone.push(...((await ctx.warehouse.columns(dailySeriesSql('one'), [...p, s])).avg_duration_seconds as Float64Array));
        expectSameColumns({ avg_duration_seconds: ours.avg_duration_seconds }, { avg_duration_seconds: alone }, `${at} qualifying ${min} durations`);
      }
    }
    const byName = (rows: { skill_name: string }[]) => [...rows].sort((a, b) => (a.skill_name < b.skill_name ? -1 : 1));
    expect(byName(cubeLastInvocations(cube, scope, w.endMicros)), `${at} last`).toEqual(byName(await ctx.warehouse.query(lastInvocationSql(), [w.endMicros])));
    compared++;
  }
  for (const s of skills) {
    const [{ first_us }] = await ctx.warehouse.query<{ first_us: number | null }>(firstInvocationSql(), [s]);
    expect(cubeFirstInvocation(cube, scope, s), `${label} first ${s}`).toBe(first_us);
  }
  return compared;
}

describe('hourly cube = warehouse SQL, bit for bit', () => {
  let engine: AnalyticsEngine;
  beforeAll(() => {
    engine = createEngine();
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  for (const fixture of ['sample', 'legacy', 'train20k']) {
    it(`${fixture}.db: every window, every query`, async () => {
      await engine.open(readFileSync(`test/fixtures/${fixture}.db`));
      expect(await compareContext(engine.context(), fixture)).toBe(24);
    });
  }

  it('a generated file with ids out of time order (ties on the instant broken by id)', async () => {
    const bytes = await generateSkillsDb({ n: 30_000, days: 30, seed: 7 });
    const initSqlJs = (await import('sql.js')).default;
    const SQL = await initSqlJs();
    const db = new SQL.Database(bytes);
    // Rows re-dated in reverse id order for a third of the file, some onto the same instant.
    db.run(
      `UPDATE skill_invocation SET invoked_at = (SELECT invoked_at FROM skill_invocation s2 WHERE s2.id = (SELECT max(id) FROM skill_invocation) + 1 - skill_invocation.id) WHERE id % 3 = 0`,
    );
    db.run(`UPDATE skill_invocation SET invoked_at = (SELECT invoked_at FROM skill_invocation s2 WHERE s2.id = skill_invocation.id - 1) WHERE id % 7 = 0`);
    const shuffled = db.export();
    db.close();
    await engine.open(shuffled);
    const cube = engine.context().index(hourlyCubeIndex)!;
    const t = cube.rows.time;
    expect(t.every((v, i) => i === 0 || v >= t[i - 1])).toBe(true);
    expect(await compareContext(engine.context(), 'shuffled')).toBe(24);
  });

  it('two files as one dataset: the whole dataset and each file alone', async () => {
    await engine.open([
      { name: 'a.db', data: readFileSync('test/fixtures/sample.db') },
      { name: 'b.db', data: readFileSync('test/fixtures/train20k.db') },
    ]);
    expect(await compareContext(engine.context(), 'a+b')).toBe(24);
    expect(await compareContext(engine.context({ source: 'a.db' }), 'a alone')).toBe(24);
    expect(await compareContext(engine.context({ source: 'b.db' }), 'b alone')).toBe(24);
  });
});
