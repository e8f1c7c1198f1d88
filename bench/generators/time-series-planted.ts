/**
 * Generated skills.db files with planted level changes (and none), for the changepoint and
 * forecast evaluation (bench/time-series-eval.ts) and the engine tests of src/time-series.
 *
 * Each skill: 30 days of hourly Poisson arrivals with a daily rhythm (busier in the working day)
 * and a weekly one (weekends at 40 %), completion ~ Bernoulli(p), duration ~ lognormal with median m.
 * A "step" skill changes one of daily level / p / m at a chosen day (the first day of the new level);
 * a stationary skill changes nothing. Only the tables the engine needs are written (skill_invocation
 * as session-buddy creates it, and ab_test_configs when A/B tests are given).
 */
import initSqlJs from 'sql.js';
import { SESSION_BUDDY_SCHEMA } from './session-buddy-schema.js';
import { seededPrng, type Prng } from './prng.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A planted change. */
export interface PlantedStep {
  metric: 'completion_rate' | 'invocation_count' | 'avg_duration_seconds';
  /** Day index (0 = first day) of the first day at the new level. */
  day: number;
  /** New level: count → multiplier of the daily volume; rate → new p; duration → multiplier of the median. */
  to: number;
}

/** One generated skill. */
export interface PlantedSkill {
  name: string;
  /** Mean invocations per day at the base level. */
  perDay: number;
  /** Completion probability. */
  p: number;
  /** Median duration in seconds. */
  durationMedian: number;
  step?: PlantedStep;
}

/** Relative hourly intensity: low at night, a working-day hump; weekends at 40 %. */
export function hourlyProfile(hourOfDay: number, dayOfWeek: number): number {
  const day = 0.25 + Math.exp(-(((hourOfDay - 14) / 4) ** 2));
  return (dayOfWeek === 0 || dayOfWeek === 6 ? 0.4 : 1) * day;
}

function poisson(r: Prng, lambda: number): number {
  if (lambda > 50) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * r.normal()));
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r.next();
  } while (p > l);
  return k - 1;
}

/** The mean profile weight of a day (so perDay is the mean over the week). */
function meanProfile(): number {
  let s = 0;
  for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) s += hourlyProfile(h, d);
  return s / 7;
}

/**
 * Builds a skills.db with the given skills.
 * @param skills the skills
 * @param options days (30), end (first instant after the data, whole day), seed, abTests
 * @returns the SQLite file
 */
export async function buildPlantedDb(
  skills: readonly PlantedSkill[],
  options: { days?: number; endMs?: number; seed?: number; abTests?: { name: string; start: string; end: string | null; skill?: string }[] } = {},
): Promise<Uint8Array> {
  const days = options.days ?? 30;
  const endMs = options.endMs ?? Date.UTC(2026, 10, 24);
  const startMs = endMs - days * DAY_MS;
  const r = seededPrng(options.seed ?? 1);
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(SESSION_BUDDY_SCHEMA.find((o) => o.name === 'skill_invocation')!.sql);
  const norm = meanProfile();
  const insert = db.prepare('INSERT INTO skill_invocation (skill_name, invoked_at, session_id, completed, duration_seconds, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  db.run('BEGIN');
  for (const s of skills) {
    for (let d = 0; d < days; d++) {
      const stepped = s.step && d >= s.step.day;
      const volume = s.perDay * (stepped && s.step!.metric === 'invocation_count' ? s.step!.to : 1);
      const p = stepped && s.step!.metric === 'completion_rate' ? s.step!.to : s.p;
      const med = s.durationMedian * (stepped && s.step!.metric === 'avg_duration_seconds' ? s.step!.to : 1);
      for (let h = 0; h < 24; h++) {
        const t0 = startMs + d * DAY_MS + h * HOUR_MS;
        const k = poisson(r, (volume * hourlyProfile(h, new Date(t0).getUTCDay())) / norm);
        for (let i = 0; i < k; i++) {
          const at = new Date(t0 + Math.floor(r.next() * HOUR_MS)).toISOString().replace('Z', '+00:00');
          const completed = r.next() < p ? 1 : 0;
          insert.run([s.name, at, `s${d}-${r.int(50)}`, completed, completed ? med * Math.exp(0.5 * r.normal()) : null, at]);
        }
      }
    }
  }
  insert.free();
  db.run('COMMIT');
  if (options.abTests?.length) {
    db.run(SESSION_BUDDY_SCHEMA.find((o) => o.name === 'ab_test_configs')!.sql);
    for (const t of options.abTests)
      db.run("INSERT INTO ab_test_configs (test_name, control_strategy, treatment_strategy, start_date, end_date, status) VALUES (?, 'a', 'b', ?, ?, ?)", [
        t.name,
        t.start,
        t.end,
        t.end ? 'completed' : 'running',
      ]);
  }
  const bytes = db.export();
  db.close();
  return bytes;
}

/** Start of day `d` of a file built with `endMs` and `days`, ISO. */
export function dayStamp(d: number, days = 30, endMs = Date.UTC(2026, 10, 24)): string {
  return new Date(endMs - (days - d) * DAY_MS).toISOString().replace('.000Z', 'Z');
}

/** One day of one generated skill, as the warehouse's daily query returns it. */
export interface PlantedDay {
  /** Day start, epoch µs. */
  dayMicros: number;
  invocationCount: number;
  completionRate: number | null;
  avgDurationSeconds: number | null;
  durationCount: number;
}

/**
 * The daily aggregates of the same process as {@link buildPlantedDb} (a day's count is the sum of
 * its hourly Poisson counts, so Poisson at the day's summed intensity; completions binomial), without
 * building a file: for evaluations over many seeds of the daily changepoints. With `durations`, the
 * completed invocations' durations (lognormal, median m, log-SD 0.5, as the file's) are drawn from a
 * second stream, so the counts and rates are the same draws as without.
 * @param skill the skill
 * @param options days (30), end (first instant after the data, whole day), seed, durations (false)
 * @returns one entry per day with invocations
 */
export function plantedDailyAggregates(skill: PlantedSkill, options: { days?: number; endMs?: number; seed?: number; durations?: boolean } = {}): PlantedDay[] {
  const days = options.days ?? 30;
  const endMs = options.endMs ?? Date.UTC(2026, 10, 24);
  const startMs = endMs - days * DAY_MS;
  const r = seededPrng(options.seed ?? 1);
  const rd = seededPrng(((options.seed ?? 1) * 2_654_435_761) >>> 0);
  const norm = meanProfile();
  const out: PlantedDay[] = [];
  for (let d = 0; d < days; d++) {
    const stepped = skill.step && d >= skill.step.day;
    const volume = skill.perDay * (stepped && skill.step!.metric === 'invocation_count' ? skill.step!.to : 1);
    const p = stepped && skill.step!.metric === 'completion_rate' ? skill.step!.to : skill.p;
    const t0 = startMs + d * DAY_MS;
    let intensity = 0;
    for (let h = 0; h < 24; h++) intensity += hourlyProfile(h, new Date(t0).getUTCDay());
    const k = poisson(r, (volume * intensity) / norm);
    if (k === 0) continue;
    let completed = 0;
    for (let i = 0; i < k; i++) if (r.next() < p) completed++;
    let sum = 0;
    if (options.durations) {
      const med = skill.durationMedian * (stepped && skill.step!.metric === 'avg_duration_seconds' ? skill.step!.to : 1);
      for (let i = 0; i < completed; i++) sum += med * Math.exp(0.5 * rd.normal());
    }
    const timed = options.durations ? completed : 0;
    out.push({ dayMicros: t0 * 1000, invocationCount: k, completionRate: completed / k, avgDurationSeconds: timed ? sum / timed : null, durationCount: timed });
  }
  return out;
}
