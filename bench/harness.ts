/**
 * A small benchmark harness: time a function k times after warm-up, compare contestants side by
 * side, and save the results as JSON under bench/out/ (gitignored).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Timings of one contestant, in milliseconds. */
export interface Timing {
  name: string;
  runs: number[];
  median: number;
  min: number;
  max: number;
  /** Median process CPU time per run (user + system, all threads), when measured. */
  cpuMedian?: number;
}

export interface MeasureOptions {
  /** Timed runs (default 5). */
  runs?: number;
  /** Untimed runs first (default 1). */
  warmup?: number;
}

/**
 * Runs `fn` `warmup` times untimed, then `runs` times timed (wall clock).
 * @param name contestant name
 * @param fn the work; awaited when it returns a promise
 * @returns median, min and max over the timed runs
 * @throws whatever `fn` throws
 * @example
 * const t = await measure('sum', () => data.reduce((a, b) => a + b, 0));
 * // { name: 'sum', runs: [1.2, ...], median: 1.2, min: 1.1, max: 1.4 }
 */
export async function measure(name: string, fn: () => unknown, { runs = 5, warmup = 1 }: MeasureOptions = {}): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return { name, runs: times, ...summarize(times) };
}

/** A named piece of work for {@link measureInterleaved}. */
export type Contestant = readonly [name: string, fn: () => unknown];

/**
 * Times several contestants in rounds: each round runs every contestant once, starting with a
 * different one each round, so a change of machine load hits all of them alike. Runs
 * `globalThis.gc()` (node --expose-gc) before each timed run when available.
 * @param contestants names and functions (awaited when they return promises)
 * @returns one Timing per contestant, in the given order
 * @throws whatever a contestant throws
 * @example
 * const [a, b] = await measureInterleaved([['a', fa], ['b', fb]], { runs: 7 });
 */
export async function measureInterleaved(contestants: readonly Contestant[], { runs = 5, warmup = 1 }: MeasureOptions = {}): Promise<Timing[]> {
  for (let i = 0; i < warmup; i++) for (const [, fn] of contestants) await fn();
  const times = contestants.map(() => [] as number[]);
  const cpu = contestants.map(() => [] as number[]);
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < contestants.length; k++) {
      const c = (round + k) % contestants.length;
      gc?.();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await contestants[c][1]();
      times[c].push(performance.now() - t0);
      const dc = process.cpuUsage(c0);
      cpu[c].push((dc.user + dc.system) / 1000);
    }
  }
  return contestants.map(([name], c) => ({ name, runs: times[c], ...summarize(times[c]), cpuMedian: summarize(cpu[c]).median }));
}

/**
 * The value after `--name` on the command line (`--runs 5`), or `fallback` when the flag is absent
 * or has no value after it.
 */
export function flag(name: string): string | undefined;
export function flag(name: string, fallback: string): string;
export function flag(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** Median, min and max of a non-empty list. */
export function summarize(times: number[]): { median: number; min: number; max: number } {
  const s = [...times].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1] };
}

/** Milliseconds with sensible precision. */
export function ms(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/**
 * A markdown table of contestants with each one's median relative to `baseline`
 * (default: the fastest).
 * @param title heading line above the table
 * @param timings contestants
 * @param baseline name of the contestant the ratios divide by
 * @returns markdown text
 * @example
 * compareTable('hourly, 1M', [a, b]);
 * // | contestant | median ms | min | max | × fastest | CPU ms (median) |
 */
export function compareTable(title: string, timings: Timing[], baseline?: string): string {
  const base = timings.find((t) => t.name === baseline) ?? timings.reduce((a, b) => (b.median < a.median ? b : a));
  const lines = [
    `**${title}**`,
    '',
    `| contestant | median ms | min | max | × ${base.name} | CPU ms (median) |`,
    '|---|---:|---:|---:|---:|---:|',
    ...timings.map(
      (t) => `| ${t.name} | ${ms(t.median)} | ${ms(t.min)} | ${ms(t.max)} | ${(t.median / base.median).toFixed(2)} | ${t.cpuMedian === undefined ? '' : ms(t.cpuMedian)} |`,
    ),
  ];
  return lines.join('\n');
}

/** Machine facts worth keeping with every result (load matters on a shared 2-core box). */
export function environment(): Record<string, unknown> {
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
    date: new Date().toISOString(),
  };
}

/**
 * Writes `data` as JSON to bench/out/<name>.json (and a timestamped copy).
 * @returns the path of the latest file
 */
export async function saveJson(name: string, data: unknown): Promise<string> {
  const dir = path.join('bench', 'out');
  await mkdir(dir, { recursive: true });
  const text = `${JSON.stringify(data, null, 2)}\n`;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  await writeFile(path.join(dir, `${name}-${stamp}.json`), text);
  const latest = path.join(dir, `${name}.json`);
  await writeFile(latest, text);
  return latest;
}
