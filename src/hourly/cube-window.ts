/**
 * Windows answered from the hourly cube, in the shape the warehouse's SQL returns (src/hourly/sql.ts):
 * the whole buckets inside the window from the cube's cells, a bucket cut by the window's start or
 * end (session-buddy's windows start mid-hour) from the rows of that part only, through the cube's
 * time index. Same rows, same order, same numbers as `hourlyMetricsSql`, `dailySeriesSql`,
 * `firstInvocationSql` and skill-tables' `lastInvocationSql`.
 */
import { MICROS_PER_DAY, MICROS_PER_HOUR } from '../engine/time.js';
import { lowerBound } from '../stats/sorted-search.js';
import { CellBuilder } from './cube-cells.js';
import { addRow, type CubeCells, type CubeScope, type HourlyCube } from './cube.js';
import type { HourlyQueryColumns } from './hours.js';
import type { TimeWindow } from './window.js';

/** Cells gathered for one answer (any grain), before ordering: cells [0, length) of the builder. */
type Gathered = CellBuilder;

function gathered(): Gathered {
  return new CellBuilder();
}

/** Copies the cells of `cells` whose bucket lies in [from, to) (and of `skill`, when given). */
function gatherCells(out: Gathered, cells: CubeCells, from: number, to: number, skill: number): void {
  const end = lowerBound(cells.bucket, to);
  const start = lowerBound(cells.bucket, from);
  if (skill < 0) {
    out.append(cells, start, end);
    return;
  }
  for (let i = start; i < end; i++) if (cells.skill[i] === skill) out.append(cells, i, i + 1);
}

/**
 * Aggregates the scope's rows with invoked_at in [from, to) (part of one bucket starting at
 * `bucket`) per skill, in time order, and appends one cell per skill.
 */
function gatherRows(out: Gathered, cube: HourlyCube, scope: CubeScope, from: number, to: number, bucket: number, skill: number): void {
  const rows = cube.rows;
  const end = lowerBound(rows.time, to);
  // Typed lookups, not a Map and a Set: a day cut by the window holds tens of thousands of rows.
  const cellOf = new Int32Array(cube.skills.length).fill(-1);
  const seen = new Uint8Array(cube.pairs);
  const { mask } = scope;
  for (let i = lowerBound(rows.time, from); i < end; i++) {
    if (mask && rows.source && mask[rows.source[i]] !== 1) continue;
    const s = rows.skill[i];
    if (skill >= 0 && s !== skill) continue;
    let c = cellOf[s];
    if (c < 0) {
      c = out.add(bucket, s);
      cellOf[s] = c;
    }
    addRow(out, c, rows, i);
    if (seen[rows.pair[i]] === 0) {
      seen[rows.pair[i]] = 1;
      out.sessions[c]++;
    }
  }
}

/**
 * The window's buckets of one grain: whole buckets from the cells, cut ones from the rows.
 * @returns the cells, in bucket order (each skill's cells ascending by bucket)
 */
function windowCells(cube: HourlyCube, scope: CubeScope, grain: 'hour' | 'day', w: TimeWindow, skill: number): Gathered {
  const unit = grain === 'hour' ? MICROS_PER_HOUR : MICROS_PER_DAY;
  const cells = grain === 'hour' ? scope.hours : scope.days;
  const out = gathered();
  const start = w.startMicros,
    end = w.endMicros;
  if (!(start < end)) return out;
  const firstWhole = Math.ceil(start / unit) * unit;
  const lastWhole = Math.floor(end / unit) * unit;
  if (firstWhole >= lastWhole) {
    // No whole bucket: the window lies in one bucket or straddles one boundary.
    const cut = Math.min(firstWhole, end);
    gatherRows(out, cube, scope, start, cut, Math.floor(start / unit) * unit, skill);
    if (cut < end) gatherRows(out, cube, scope, cut, end, cut, skill);
    return out;
  }
  if (start < firstWhole) gatherRows(out, cube, scope, start, firstWhole, firstWhole - unit, skill);
  gatherCells(out, cells, firstWhole, lastWhole, skill);
  if (lastWhole < end) gatherRows(out, cube, scope, lastWhole, end, lastWhole, skill);
  return out;
}

/** Positions of `g` ordered by skill name (code point), keeping bucket order within a skill (a counting sort). */
function bySkillName(cube: HourlyCube, g: Gathered): Int32Array {
  const rank = cube.skillRank;
  const start = new Int32Array(rank.length + 1);
  for (let i = 0; i < g.length; i++) start[rank[g.skill[i]] + 1]++;
  for (let r = 1; r < start.length; r++) start[r] += start[r - 1];
  const order = new Int32Array(g.length);
  for (let i = 0; i < g.length; i++) order[start[rank[g.skill[i]]]++] = i;
  return order;
}

/** The warehouse's columns of the cells at `order`; `bucketName` is `hour_us` or `day_us`. */
function toColumns(cube: HourlyCube, g: Gathered, order: Int32Array, bucketName: 'hour_us' | 'day_us'): HourlyQueryColumns {
  const n = order.length;
  const skillName: string[] = new Array(n);
  const bucket = new Float64Array(n);
  const count = new Float64Array(n);
  const rate = new Float64Array(n);
  const avg = new Float64Array(n);
  const durations = new Float64Array(n);
  const sessions = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const i = order[j];
    skillName[j] = cube.skills[g.skill[i]];
    bucket[j] = g.bucket[i];
    count[j] = g.count[i];
    rate[j] = g.completed[i] / g.count[i];
    durations[j] = g.durationCount[i];
    avg[j] = g.durationCount[i] > 0 ? g.durationSum[i] / g.durationCount[i] : Number.NaN;
    sessions[j] = g.sessions[i];
  }
  return {
    skill_name: skillName,
    [bucketName]: bucket,
    invocation_count: count,
    completion_rate: rate,
    avg_duration_seconds: avg,
    duration_count: durations,
    unique_sessions: sessions,
  };
}

/** Positions 0 … n − 1 (the cells in the order gathered). */
function identity(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

/** A skill's code, -1 when the cube has no such skill (then nothing matches it). */
function skillCode(cube: HourlyCube, skillName: string): number {
  return cube.skills.indexOf(skillName);
}

/**
 * What `warehouse.columns(hourlyMetricsSql(...), [start, end(, skill)])` returns, from the cube.
 * @param cube the dataset's cube
 * @param scope the context's cells (`cube.scope(ctx.sources)`)
 * @param w the window
 * @param skillName one skill, or all
 * @returns columns ordered by skill, then hour
 */
export function cubeHourlyColumns(cube: HourlyCube, scope: CubeScope, w: TimeWindow, skillName?: string): HourlyQueryColumns {
  if (skillName !== undefined) {
    const code = skillCode(cube, skillName);
    const g = code < 0 ? gathered() : windowCells(cube, scope, 'hour', w, code);
    return toColumns(cube, g, identity(g.length), 'hour_us');
  }
  const g = windowCells(cube, scope, 'hour', w, -1);
  return toColumns(cube, g, bySkillName(cube, g), 'hour_us');
}

/**
 * What `warehouse.columns(dailySeriesSql('one'), [start, end, skill])` returns, from the cube.
 * @returns one skill's rows ordered by day
 */
export function cubeDailyColumns(cube: HourlyCube, scope: CubeScope, w: TimeWindow, skillName: string): HourlyQueryColumns {
  const code = skillCode(cube, skillName);
  const g = code < 0 ? gathered() : windowCells(cube, scope, 'day', w, code);
  return toColumns(cube, g, identity(g.length), 'day_us');
}

/**
 * What `warehouse.columns(dailySeriesSql('qualifying'), [start, end, min])` returns, from the cube:
 * every skill with at least `min` invocations in the window, with its `window_count`.
 * @returns rows ordered by window count (most first), then skill, then day
 */
export function cubeQualifyingDailyColumns(cube: HourlyCube, scope: CubeScope, w: TimeWindow, min: number): HourlyQueryColumns {
  const g = windowCells(cube, scope, 'day', w, -1);
  const totals = new Float64Array(cube.skills.length);
  for (let i = 0; i < g.length; i++) totals[g.skill[i]] += g.count[i];
  const rank = cube.skillRank;
  const keep = identity(g.length).filter((i) => totals[g.skill[i]] >= min);
  const order = keep.sort((a, b) => totals[g.skill[b]] - totals[g.skill[a]] || rank[g.skill[a]] - rank[g.skill[b]] || a - b);
  const cols = toColumns(cube, g, order, 'day_us');
  cols.window_count = Float64Array.from(order, (i) => totals[g.skill[i]]);
  return cols;
}

/**
 * The first invocation of a skill in the scope (`firstInvocationSql`).
 * @returns epoch µs, null when the skill has none
 */
export function cubeFirstInvocation(cube: HourlyCube, scope: CubeScope, skillName: string): number | null {
  const code = skillCode(cube, skillName);
  if (code < 0) return null;
  const first = scope.firstBySkill[code];
  return Number.isNaN(first) ? null : first;
}

/** The latest invocation of a skill before an instant, as skill-tables' `lastInvocationSql` gives it. */
export interface LastInvocation {
  skill_name: string;
  last_us: number;
  last_id: number;
}

/**
 * The latest invocation of every skill of the scope before `beforeMicros` (exclusive); ties on the
 * instant go to the highest id (the rows are in (time, id) order, so the last one before wins).
 * @returns one row per skill with an invocation before the instant (in no particular order)
 */
export function cubeLastInvocations(cube: HourlyCube, scope: CubeScope, beforeMicros: number): LastInvocation[] {
  const rows = cube.rows;
  const { mask } = scope;
  // Skills of the scope that have an invocation before the instant: the ones to find.
  let missing = 0;
  const wanted = new Uint8Array(cube.skills.length);
  for (let s = 0; s < wanted.length; s++) {
    if (scope.firstBySkill[s] < beforeMicros) {
      wanted[s] = 1;
      missing++;
    }
  }
  const out: LastInvocation[] = [];
  for (let i = lowerBound(rows.time, beforeMicros) - 1; i >= 0 && missing > 0; i--) {
    if (mask && rows.source && mask[rows.source[i]] !== 1) continue;
    const s = rows.skill[i];
    if (wanted[s] !== 1) continue;
    wanted[s] = 0;
    missing--;
    out.push({ skill_name: cube.skills[s], last_us: rows.time[i], last_id: rows.id[i] - scope.idOffset });
  }
  return out;
}
