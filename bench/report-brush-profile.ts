/**
 * Where a brush's time goes in Chromium: opens a file in the built report, sets the brush to the
 * last day, warms up with WARM moves, then records a Chromium trace (CDP Tracing: the page's main
 * thread and the analytics worker) over RUNS moves of one hour and prints, per move, the median
 * time of the main thread's script (panels building their DOM), style, layout and paint, and of
 * the worker answering the calls (its longest-busy dedicated worker), its other tasks and GC.
 * Needs `npm run build`. Run: `npx tsx bench/report-brush-profile.ts [RUNS] [--warm N] [--trace OUT.json] [file | 100k | 1m]`
 * (default: 10 moves after 8 warm-up moves, test/fixtures/sample.db). The trace opens in Chrome's
 * performance panel.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { benchDataFile, startBenchSite } from './data-files.js';
import { flag } from './harness.js';
import { CLICK, openReport, PRESS, type Pressed } from './report-brush-page.js';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 10);
const warm = Number(flag('warm', '8'));
const out = flag('trace', '');
const named = args.filter((a, i) => !/^\d+$/.test(a) && !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const f = named[0] ?? 'test/fixtures/sample.db';
const file = f === '100k' ? await benchDataFile(100_000) : f === '1m' ? await benchDataFile(1_000_000) : f;

/** A trace event (the fields used here). */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { type?: string } };
}

const site = await startBenchSite([file], 4392);
const events: TraceEvent[] = [];
const moves: Pressed[] = [];
const loadBefore = loadavg();
try {
  const page = await site.browser.newPage();
  await openReport(page, site.origin, 0);
  await page.evaluate(`(${CLICK})()`);
  for (let i = 0; i < warm; i++) await page.evaluate(`(${PRESS})('ArrowLeft')`);
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Tracing.dataCollected', (d) => {
    events.push(...(d.value as unknown as TraceEvent[]));
  });
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,v8.execute,toplevel', transferMode: 'ReportEvents' });
  for (let i = 0; i < runs; i++) moves.push((await page.evaluate(`(${PRESS})('ArrowLeft')`)) as Pressed);
  await cdp.send('Tracing.end');
  await complete;
} finally {
  await site.close();
}
if (out) writeFileSync(out, JSON.stringify({ traceEvents: events }));

const threads = new Map<string, string>();
for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
const thread = (e: TraceEvent) => threads.get(`${e.pid}:${e.tid}`) ?? '';
const keys = events
  .filter((e) => thread(e) === 'CrRendererMain' && e.name === 'EventDispatch' && e.args?.data?.type === 'keydown')
  .map((e) => e.ts)
  .sort((a, b) => a - b);
// The analytics worker: the dedicated worker busiest answering messages.
const busy = new Map<number, number>();
for (const e of events) if (e.ph === 'X' && thread(e).startsWith('DedicatedWorker') && e.name === 'HandlePostMessage') busy.set(e.tid, (busy.get(e.tid) ?? 0) + (e.dur ?? 0));
const worker = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
const main = (names: string[]) => (e: TraceEvent) => thread(e) === 'CrRendererMain' && names.includes(e.name);
const inWorker = (names: string[]) => (e: TraceEvent) => e.tid === worker && thread(e).startsWith('DedicatedWorker') && names.includes(e.name);
const parts: [string, (e: TraceEvent) => boolean][] = [
  ['main: script (answers arriving, panels building their DOM, the key)', main(['HandlePostMessage', 'EventDispatch', 'TimerFire', 'FunctionCall'])],
  ['main: style', main(['UpdateLayoutTree'])],
  ['main: layout', main(['Layout'])],
  ['main: paint (pre-paint, paint, layerize, commit)', main(['PrePaint', 'Paint', 'Layerize', 'Commit'])],
  ['worker: answering the calls', inWorker(['HandlePostMessage'])],
  ['worker: other tasks (timers: DuckDB loading the rows)', inWorker(['TimerFire'])],
  ['worker: garbage collection', inWorker(['MajorGC', 'MinorGC'])],
];
/** Time of the outermost matching events of one move (nested ones of the same part not counted twice). */
function partTime(from: number, to: number, match: (e: TraceEvent) => boolean): number {
  const own = events.filter((e) => e.ph === 'X' && e.dur && e.ts >= from && e.ts < to && match(e)).sort((a, b) => a.ts - b.ts);
  let end = -Infinity;
  let sum = 0;
  for (const e of own) {
    if (e.ts < end) continue;
    sum += e.dur!;
    end = e.ts + e.dur!;
  }
  return sum / 1000;
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
// Each move runs from its key to the next key (the last: to the end of the trace).
const ends = [...keys.slice(1), Infinity];
console.log(`${file}: ${keys.length} moves traced after ${warm} warm-up moves; redraw median ${median(moves.map((m) => m.millis)).toFixed(0)} ms (traced)`);
console.log('\n| part | median ms per move |\n| --- | ---: |');
for (const [label, match] of parts) console.log(`| ${label} | ${median(keys.map((k, i) => partTime(k, ends[i], match))).toFixed(1)} |`);
console.log(
  `\nload average ${loadBefore.map((x) => x.toFixed(1)).join(' ')} → ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
