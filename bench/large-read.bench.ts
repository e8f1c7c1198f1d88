/**
 * The page-by-page reader on big files: rows/s and peak RSS of reading skill_invocation into
 * InvocationColumns (src/engine/sqlite-pages through src/node/read-large-database.ts), beside the
 * sql.js path (whole file in wasm memory: SkillsDatabase.open + readInvocations) where sql.js can
 * hold the file. Each run is its own Node process, so its peak RSS is its own.
 *
 *   npx tsx bench/large-read.bench.ts [--runs 3] [--files bench/data/skills-1m.db,bench/data/skills-10x1m.db] [--sqljs-up-to 500000000]
 *
 * The 10M-row file comes from bench/tile-skills-db.ts; missing files are skipped with a note.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SkillsDatabase } from '../src/engine/SkillsDatabase.js';
import { nodeHost } from '../src/node/host.js';
import { readLargeDatabase } from '../src/node/read-large-database.js';
import { environment, saveJson, summarize } from './harness.js';

interface ChildResult {
  rows: number;
  /** Reading the invocations (open + scan) in ms. */
  readMs: number;
  /** Building the small sql.js file in ms (page-by-page path only). */
  smallMs: number;
  maxRssMB: number;
}

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
};

async function child(mode: string, file: string): Promise<void> {
  const SQL = await nodeHost.loadSqlJs();
  let rows: number;
  let readMs: number;
  let smallMs = 0;
  if (mode === 'pages') {
    const t0 = performance.now();
    let tRead = 0;
    const r = await readLargeDatabase(file, {
      SQL,
      wal: null,
      onProgress: () => {
        tRead = performance.now();
      },
    });
    const t1 = performance.now();
    rows = r.columns.length;
    readMs = tRead - t0;
    smallMs = t1 - tRead;
  } else {
    const t0 = performance.now();
    const db = SkillsDatabase.open(SQL, new Uint8Array(readFileSync(file)));
    rows = db.readInvocations().columns.length;
    readMs = performance.now() - t0;
    db.close();
  }
  const result: ChildResult = { rows, readMs, smallMs, maxRssMB: process.resourceUsage().maxRSS / 1024 };
  console.log(JSON.stringify(result));
}

async function main(): Promise<void> {
  const runs = Number(arg('runs', '3'));
  const sqljsUpTo = Number(arg('sqljs-up-to', String(500e6)));
  const files = arg('files', 'bench/data/skills-1m.db,bench/data/skills-10x1m.db').split(',').filter(Boolean);
  const self = fileURLToPath(import.meta.url);
  const results: Record<string, unknown>[] = [];
  const lines = ['| file | size | rows | path | read median s (min-max) | rows/s (median) | small tables s | peak RSS MB (max) |', '|---|---:|---:|---|---:|---:|---:|---:|'];
  for (const file of files) {
    if (!existsSync(file)) {
      console.error(`${file}: missing (npx tsx bench/tile-skills-db.ts makes skills-10x1m.db); skipped`);
      continue;
    }
    const size = statSync(file).size;
    for (const mode of size <= sqljsUpTo ? ['pages', 'sqljs'] : ['pages']) {
      const got: ChildResult[] = [];
      for (let r = 0; r < runs; r++) {
        const p = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
        if (p.status !== 0) throw new Error(`${mode} on ${file} failed: ${p.stderr}`);
        got.push(JSON.parse(p.stdout.trim().split('\n').pop()!) as ChildResult);
      }
      const read = summarize(got.map((g) => g.readMs));
      const small = summarize(got.map((g) => g.smallMs));
      const rss = Math.max(...got.map((g) => g.maxRssMB));
      const rows = got[0].rows;
      results.push({ file, size, mode, rows, runs: got, readMedianMs: read.median, rowsPerSecond: rows / (read.median / 1000), smallMedianMs: small.median, maxRssMB: rss });
      lines.push(
        `| ${file.split('/').pop()} | ${(size / 1e9).toFixed(2)} GB | ${rows.toLocaleString('en')} | ${mode === 'pages' ? 'page by page' : 'sql.js (whole file)'} | ${(read.median / 1000).toFixed(2)} (${(read.min / 1000).toFixed(2)}-${(read.max / 1000).toFixed(2)}) | ${Math.round(rows / (read.median / 1000)).toLocaleString('en')} | ${mode === 'pages' ? (small.median / 1000).toFixed(2) : ''} | ${rss.toFixed(0)} |`,
      );
    }
  }
  const env = environment();
  console.log(`**Reading skill_invocation: page by page vs sql.js** (${runs} runs each, one process per run; load ${JSON.stringify(env.loadAverage)})\n`);
  console.log(lines.join('\n'));
  console.log(`\nsaved ${await saveJson('large-read', { environment: env, results })}`);
}

const i = process.argv.indexOf('--child');
if (i > 0) await child(process.argv[i + 1], process.argv[i + 2]);
else await main();
