/**
 * Evaluation of changepoints and forecasts on generated files with planted level changes
 * (bench/generators/time-series-planted.ts), and runtime for 30 skills × 30 days.
 *
 *   npx tsx bench/time-series-eval.bench.ts [--files 4] [--runs 3]
 *
 * Each file: 30 skills, 30 days; 15 stationary, 5 with a step in completion rate (±0.2), 5 in daily
 * volume (× 0.5 or × 2), 5 in median duration (× 1.6), at a day drawn from 5..24. Volumes cycle
 * through 8, 20, 60, 150 invocations per day. A detected change counts as a hit when it is in the
 * planted skill and metric within ±1 day of the planted day (one hit per planted step); everything
 * else is a false change. Forecast coverage: stationary skills, forecast made 7 days before the end,
 * scored against the counts that followed. Prints markdown and saves bench/out/time-series-eval.json.
 */
import { openAnalytics } from '../src/node/index.js';
import type { ChangepointReport } from '../src/time-series/index.js';
import type { TimeSeriesMetric } from '../src/hourly/types.js';
import { seededPrng } from './generators/prng.js';
import { buildPlantedDb, dayStamp, type PlantedSkill } from './generators/time-series-planted.js';
import { environment, flag, saveJson } from './harness.js';

const FILES = Number(flag('files', '4'));
const RUNS = Number(flag('runs', '3'));
const END = Date.UTC(2026, 10, 24);
const AS_OF = new Date(END).toISOString();
const VOLUMES = [8, 20, 60, 150];
const DAY = 86_400_000;

/** The 30 skills of file `seed`. */
export function evaluationSkills(seed: number): PlantedSkill[] {
  const r = seededPrng(1000 + seed);
  const skills: PlantedSkill[] = [];
  for (let i = 0; i < 30; i++) {
    const perDay = VOLUMES[i % 4];
    const p = [0.6, 0.75, 0.85][i % 3];
    const s: PlantedSkill = { name: `skill-${String(i).padStart(2, '0')}`, perDay, p, durationMedian: 20 + 10 * (i % 5) };
    const day = 5 + r.int(20);
    if (i >= 15 && i < 20) s.step = { metric: 'completion_rate', day, to: p + (r.next() < 0.5 ? -0.2 : 0.1) };
    if (i >= 20 && i < 25) s.step = { metric: 'invocation_count', day, to: r.next() < 0.5 ? 0.5 : 2 };
    if (i >= 25) s.step = { metric: 'avg_duration_seconds', day, to: 1.6 };
    skills.push(s);
  }
  return skills;
}

interface Tally {
  tp: number;
  fn: number;
  fp: number;
  fpStationary: number;
  fpSameStep: number;
  fpOtherStep: number;
  stationarySeries: number;
  byVolume: Record<number, { tp: number; n: number }>;
}
const tally = (): Tally => ({
  tp: 0,
  fn: 0,
  fp: 0,
  fpStationary: 0,
  fpSameStep: 0,
  fpOtherStep: 0,
  stationarySeries: 0,
  byVolume: Object.fromEntries(VOLUMES.map((v) => [v, { tp: 0, n: 0 }])),
});

/** One planted change of a daily case: where it was and what was found in its skill and metric (days, from the file's start). */
interface PlantedOutcome {
  file: number;
  case: string;
  skill: string;
  perDay: number;
  change: string;
  day: number;
  found: number[];
  hit: boolean;
}
const outcomes: PlantedOutcome[] = [];
/** Changes found on skills with no planted change in the metric, by file, case and skill (days). */
const strays: { file: number; case: string; skill: string; perDay: number; stationary: boolean; found: number[] }[] = [];

function score(t: Tally, skills: PlantedSkill[], metric: TimeSeriesMetric, report: ChangepointReport, file: number, label: string): void {
  const dayOf = (ms: number) => Math.round((ms - (END - 30 * DAY)) / DAY);
  for (const s of skills) {
    const found = report.changepoints.filter((c) => c.skillName === s.name && c.metric === metric).map((c) => Date.parse(c.timestamp));
    if (s.step?.metric !== metric && found.length) strays.push({ file, case: label, skill: s.name, perDay: s.perDay, stationary: !s.step, found: found.map(dayOf) });
    if (s.step?.metric === metric) {
      const planted = Date.parse(dayStamp(s.step.day, 30, END));
      const hit = found.findIndex((f) => Math.abs(f - planted) <= DAY);
      const from = metric === 'completion_rate' ? s.p : 1;
      outcomes.push({
        file,
        case: label,
        skill: s.name,
        perDay: s.perDay,
        change: metric === 'completion_rate' ? `${from} → ${s.step.to.toFixed(2)}` : `× ${s.step.to}`,
        day: s.step.day,
        found: found.map(dayOf),
        hit: hit >= 0,
      });
      t.byVolume[s.perDay].n++;
      if (hit >= 0) {
        t.tp++;
        t.byVolume[s.perDay].tp++;
        t.fp += found.length - 1;
        t.fpSameStep += found.length - 1;
      } else {
        t.fn++;
        t.fp += found.length;
        t.fpSameStep += found.length;
      }
    } else {
      t.fp += found.length;
      if (s.step) t.fpOtherStep += found.length;
      if (!s.step) {
        t.fpStationary += found.length;
        t.stationarySeries++;
      }
    }
  }
}

const median = (v: number[]) => (v.length ? [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] : Number.NaN);

async function main(): Promise<void> {
  const cases: { label: string; metric: TimeSeriesMetric; resolution: 'day' | 'hour' }[] = [
    { label: 'completion rate (daily)', metric: 'completion_rate', resolution: 'day' },
    { label: 'invocation count (daily)', metric: 'invocation_count', resolution: 'day' },
    { label: 'invocation count (hourly, MSTL-deseasonalised)', metric: 'invocation_count', resolution: 'hour' },
    { label: 'average duration (daily)', metric: 'avg_duration_seconds', resolution: 'day' },
  ];
  const tallies = cases.map(tally);
  const coverage = { h24: { n: 0, in80: 0, in95: 0 }, h168: { n: 0, in80: 0, in95: 0 } };
  const timings = { changepoints: [] as number[], changepointsHourly: [] as number[], decompose: [] as number[], forecast: [] as number[] };
  for (let f = 1; f <= FILES; f++) {
    const skills = evaluationSkills(f);
    const engine = await openAnalytics(await buildPlantedDb(skills, { seed: f, endMs: END }));
    for (const [k, c] of cases.entries()) {
      const t0 = performance.now();
      const report = await engine.timeSeries.detectChangepoints(undefined, { metric: c.metric, resolution: c.resolution, days: 30, minInvocations: 0, asOf: AS_OF });
      if (c.resolution === 'hour') timings.changepointsHourly.push(performance.now() - t0);
      score(tallies[k], skills, c.metric, report, f, c.label);
    }
    for (let run = 0; run < (f === 1 ? RUNS : 0); run++) {
      let t0 = performance.now();
      await engine.timeSeries.detectChangepoints(undefined, { days: 30, minInvocations: 0, asOf: AS_OF });
      timings.changepoints.push(performance.now() - t0);
      t0 = performance.now();
      for (const s of skills) await engine.timeSeries.decompose(s.name, { hours: 720, asOf: AS_OF });
      timings.decompose.push(performance.now() - t0);
      t0 = performance.now();
      for (const s of skills) await engine.timeSeries.forecast(s.name, { hours: 168, asOf: AS_OF });
      timings.forecast.push(performance.now() - t0);
    }
    const cut = new Date(END - 7 * DAY).toISOString();
    const actual = await engine.timeSeries.aggregateHourlyMetrics({ hours: 168, asOf: new Date(END - 1000).toISOString(), fill: true });
    for (const s of skills.filter((x) => !x.step)) {
      const fc = await engine.timeSeries.forecast(s.name, { hours: 168, asOf: cut });
      const got = new Map(actual.filter((a) => a.skillName === s.name).map((a) => [a.timestamp, a.invocationCount]));
      fc.points.forEach((p, h) => {
        const y = got.get(p.timestamp) ?? 0;
        for (const bucket of h < 24 ? [coverage.h24, coverage.h168] : [coverage.h168]) {
          bucket.n++;
          if (y >= p.lower80 && y <= p.upper80) bucket.in80++;
          if (y >= p.lower95 && y <= p.upper95) bucket.in95++;
        }
      });
    }
    await engine.dispose();
  }
  const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '-');
  const lines = [
    '| metric | planted | hits | precision | recall | F1 | false changes per stationary skill-month | false: stationary / step skill, same metric / step in another metric | recall at 8 / 20 / 60 / 150 per day |',
    '|---|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  const rows = cases.map((c, k) => {
    const t = tallies[k];
    const precision = t.tp / Math.max(1, t.tp + t.fp);
    const recall = t.tp / Math.max(1, t.tp + t.fn);
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    const fpr = t.fpStationary / Math.max(1, t.stationarySeries);
    lines.push(
      `| ${c.label} | ${t.tp + t.fn} | ${t.tp} | ${precision.toFixed(3)} | ${recall.toFixed(3)} | ${f1.toFixed(3)} | ${fpr.toFixed(3)} | ${t.fpStationary} / ${t.fpSameStep} / ${t.fpOtherStep} | ${VOLUMES.map((v) => `${t.byVolume[v].tp}/${t.byVolume[v].n}`).join(' · ')} |`,
    );
    return { ...c, ...t, precision, recall, f1, falsePerStationarySkillMonth: fpr };
  });
  const both = [tallies[0], tallies[1]].reduce((a, t) => ({ tp: a.tp + t.tp, fn: a.fn + t.fn, fp: a.fp + t.fp, fpStationary: a.fpStationary + t.fpStationary }), {
    tp: 0,
    fn: 0,
    fp: 0,
    fpStationary: 0,
  });
  const bp = both.tp / Math.max(1, both.tp + both.fp);
  const br = both.tp / Math.max(1, both.tp + both.fn);
  lines.push(
    '',
    `The default report (completion rate + daily count, as \`detectChangepoints(undefined)\`): ${both.tp} of ${both.tp + both.fn} planted changes found, precision ${bp.toFixed(3)}, recall ${br.toFixed(3)}, F1 ${((2 * bp * br) / Math.max(1e-12, bp + br)).toFixed(3)}; ${both.fpStationary} false changes on ${tallies[0].stationarySeries} stationary skill-months.`,
  );
  lines.push(
    '',
    'Planted changes of the default report (completion rate, daily count) missed or more than a day off, and changes on other skills:',
    '',
    '| file | metric | skill | per day | planted | day | found (days) |',
    '|---:|---|---|---:|---|---:|---|',
  );
  const inReport = (label: string) => label === cases[0].label || label === cases[1].label;
  for (const o of outcomes.filter((x) => inReport(x.case) && (!x.hit || x.found.length > 1)))
    lines.push(`| ${o.file} | ${o.case} | ${o.skill} | ${o.perDay} | ${o.change} | ${o.day} | ${o.found.join(', ') || '-'}${o.hit ? '' : ' (miss)'} |`);
  for (const x of strays.filter((y) => inReport(y.case)))
    lines.push(`| ${x.file} | ${x.case} | ${x.skill} | ${x.perDay} | ${x.stationary ? 'none' : 'in another metric'} | | ${x.found.join(', ')} |`);
  lines.push('', '| forecast horizon | hours scored | 80 % interval coverage | 95 % interval coverage |', '|---|---:|---:|---:|');
  lines.push(`| next 24 h | ${coverage.h24.n} | ${pct(coverage.h24.in80, coverage.h24.n)} % | ${pct(coverage.h24.in95, coverage.h24.n)} % |`);
  lines.push(`| next 7 days | ${coverage.h168.n} | ${pct(coverage.h168.in80, coverage.h168.n)} % | ${pct(coverage.h168.in95, coverage.h168.n)} % |`);
  lines.push(
    '',
    `Runtime, 30 skills × 30 days (median of ${RUNS}, Node): changepoints of all skills, completion + count, daily: ${median(timings.changepoints).toFixed(0)} ms; hourly count (all skills, incl. MSTL): ${median(timings.changepointsHourly).toFixed(0)} ms; decompose 30 skills × 720 h: ${median(timings.decompose).toFixed(0)} ms; forecast 30 skills × 168 h: ${median(timings.forecast).toFixed(0)} ms.`,
  );
  console.log(lines.join('\n'));
  await saveJson('time-series-eval', { environment: environment(), files: FILES, rows, outcomes, strays, coverage, timings });
}

await main();
