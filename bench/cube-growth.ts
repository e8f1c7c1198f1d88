/**
 * A live file that grew, reopened with the cache of opens: its saved cube extended with the new
 * rows only, against the cube built from scratch. The file: a copy of the generated 100k file put
 * in WAL mode, then 2 × `--added` (1000) invocations written after its last one into its -wal by
 * Debian's Python sqlite3, the log copied after the first half (the earlier open) and after all of
 * them (the reopen), while the writer's connection is open, as session-buddy leaves it. Measured, interleaved, medians of `--runs` (5), load average per round:
 * - in one process: `extendCube` vs `new HourlyCube` on the grown file's columns, the read of the
 *   earlier entry with the check that its rows are the first rows now (`grownFrom`, the check by
 *   value), and the proof by the log's bytes with the read of the appended frames only
 *   (`readGrownLog`, what open() does now);
 * - end to end: open(db, { wal }) + first hourly answer (24 h) with the cache holding the entry of
 *   the database with the earlier log (append) vs an empty cache (build from scratch).
 *   npx tsx bench/cube-growth.ts [--size 100000] [--added 1000] [--runs 5]
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dictionaryEncode } from '../src/engine/dictionary.js';
import { readGrownLog } from '../src/engine/cache/grown-log.js';
import { grownFrom } from '../src/engine/cache/saved-open.js';
import { SkillsDatabase } from '../src/engine/SkillsDatabase.js';
import { checkSqliteBytes } from '../src/engine/sqlite-file.js';
import { applyWal } from '../src/engine/wal/apply-wal.js';
import { HourlyCube } from '../src/hourly/cube.js';
import { extendCube } from '../src/hourly/cube-append.js';
import { nodeOpenCache } from '../src/node/cache-folder.js';
import { nodeHost } from '../src/node/host.js';
import { createEngine } from '../src/node/index.js';
import { benchDataFile } from './data-files.js';
import { environment, flag, saveJson, summarize } from './harness.js';

const size = Number(flag('size', '100000'));
const added = Number(flag('added', '1000'));
const runs = Number(flag('runs', '5'));
const work = mkdtempSync(path.join(os.tmpdir(), 'sba-growth-'));
const med = (xs: number[]) => summarize(xs).median;
try {
  const live = path.join(work, 'skills.db');
  copyFileSync(await benchDataFile(size), live);
  const grow = `
import shutil, sqlite3
c = sqlite3.connect(${JSON.stringify(live)})
c.execute('PRAGMA journal_mode=WAL'); c.close()
shutil.copy(${JSON.stringify(live)}, ${JSON.stringify(`${live}.before`)})
c = sqlite3.connect(${JSON.stringify(live)})
c.execute('PRAGMA wal_autocheckpoint=0')
last = c.execute('SELECT max(invoked_at) FROM skill_invocation').fetchone()[0][:19]
rows = c.execute('SELECT skill_name, session_id, completed, duration_seconds, workflow_phase FROM skill_invocation ORDER BY id DESC LIMIT ${added}').fetchall()
for half in range(2):
    for k, r in enumerate(rows):
        c.execute("INSERT INTO skill_invocation (skill_name, invoked_at, session_id, completed, duration_seconds, workflow_phase) VALUES (?, datetime(?, '+' || ? || ' seconds'), ?, ?, ?, ?)", (r[0], last, half * len(rows) + k + 1, r[1], r[2], r[3], r[4]))
        if k % 100 == 99: c.commit()
    c.commit()
    if half == 0: shutil.copy(${JSON.stringify(`${live}-wal`)}, ${JSON.stringify(`${live}.mid-wal`)})
shutil.copy(${JSON.stringify(live)}, ${JSON.stringify(`${live}.after`)}); shutil.copy(${JSON.stringify(`${live}-wal`)}, ${JSON.stringify(`${live}.after-wal`)})
c.close()
`;
  execFileSync('/usr/bin/python3', ['-c', grow]);
  const db = new Uint8Array(readFileSync(`${live}.before`));
  const after = new Uint8Array(readFileSync(`${live}.after`));
  const wal = new Uint8Array(readFileSync(`${live}.after-wal`));
  const midWal = new Uint8Array(readFileSync(`${live}.mid-wal`));
  if (!Buffer.from(db).equals(Buffer.from(after))) throw new Error('the database changed beside its log: not a grown log');

  // In one process: the columns before and after, the earlier cube.
  const SQL = await nodeHost.loadSqlJs();
  const read = (bytes: Uint8Array) => {
    const d = SkillsDatabase.open(SQL, bytes);
    const c = d.readInvocations().columns;
    d.close();
    return c;
  };
  const pageSize = checkSqliteBytes(db).pageSize;
  const before = read(applyWal(db, pageSize, midWal).bytes);
  const grown = read(applyWal(db, pageSize, wal).bytes);
  const files = [{ name: 'skills.db', idOffset: 0 }];
  const earlier = new HourlyCube(before, files);
  earlier.scope(['skills.db']);
  const skills = dictionaryEncode(before.skillName, before.length);
  const sessions = dictionaryEncode(before.sessionId, before.length);
  const codes = { skills: skills.values, sessions: sessions.values, skill: skills.codes, session: sessions.codes };

  // The cache folders: one holding the entry of the database with the earlier log (its cube built), one empty.
  const seedDir = path.join(work, 'seed');
  process.env.SESSION_BUDDY_ANALYTICS_CACHE_DIR = seedDir;
  delete process.env.SESSION_BUDDY_ANALYTICS_CACHE;
  const seed = createEngine();
  await seed.open(db.slice(), { wal: midWal.slice() });
  await seed.timeSeries.aggregateHourlyMetrics({ hours: 24 });
  await nodeOpenCache()!.settled();
  await seed.dispose();
  const [seedEntry] = readdirSync(seedDir);
  const seedCache = nodeOpenCache()!;
  const grownKey = await seedCache.key(db, wal);

  let round = 0;
  const endToEnd = async (withEarlier: boolean) => {
    const dir = path.join(work, `c${round++}`);
    process.env.SESSION_BUDDY_ANALYTICS_CACHE_DIR = dir;
    if (withEarlier) {
      execFileSync('mkdir', ['-p', dir]);
      copyFileSync(path.join(seedDir, seedEntry), path.join(dir, seedEntry));
    }
    const engine = createEngine();
    const [d, w] = [db.slice(), wal.slice()];
    const t0 = performance.now();
    await engine.open(d, { wal: w });
    await engine.timeSeries.aggregateHourlyMetrics({ hours: 24 });
    const ms = performance.now() - t0;
    await nodeOpenCache()!.settled();
    await engine.dispose();
    rmSync(dir, { recursive: true, force: true });
    return ms;
  };
  const t: Record<string, number[]> = { extend: [], build: [], earlierEntry: [], proof: [], append: [], rebuild: [], load: [] };
  const steps: (() => Promise<void>)[] = [
    async () => {
      const s = performance.now();
      const parts = extendCube(earlier, codes, grown, files);
      t.extend.push(performance.now() - s);
      if (!parts) throw new Error('not extended');
    },
    async () => {
      const s = performance.now();
      new HourlyCube(grown, files).scope(['skills.db']);
      t.build.push(performance.now() - s);
    },
    async () => {
      const s = performance.now();
      const found = await grownFrom({ cache: seedCache, key: grownKey, hit: null }, grown);
      t.earlierEntry.push(performance.now() - s);
      if (!found) throw new Error('earlier entry not found');
    },
    async () => {
      const s = performance.now();
      const found = await readGrownLog(seedCache, grownKey, db, wal);
      t.proof.push(performance.now() - s);
      if (!found || found.columns.length !== grown.length) throw new Error('the grown log was not proven');
    },
    async () => void t.append.push(await endToEnd(true)),
    async () => void t.rebuild.push(await endToEnd(false)),
  ];
  for (let r = 0; r < runs; r++) {
    t.load.push(os.loadavg()[0]);
    for (let k = 0; k < steps.length; k++) await steps[(k + r) % steps.length]();
  }
  const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, med(v)]));
  const load = `${Math.min(...t.load).toFixed(1)}–${Math.max(...t.load).toFixed(1)}`;
  const f = (x: number) => x.toFixed(1);
  console.log(`\n### ${size} invocations + ${added} in the earlier -wal + ${added} appended; median of ${runs}, interleaved; load average ${load}\n`);
  console.log('| | append (saved cube + new rows) | build from scratch | ratio |\n|---|---:|---:|---:|');
  console.log(`| the cube alone | ${f(m.extend)} ms | ${f(m.build)} ms | ${(m.extend / m.build).toFixed(2)}× |`);
  console.log(
    `| + reading the earlier entry and checking its rows | ${f(m.extend + m.earlierEntry)} ms | ${f(m.build)} ms | ${((m.extend + m.earlierEntry) / m.build).toFixed(2)}× |`,
  );
  console.log(
    `| the earlier entry + the log's bytes proven + the appended frames read (readGrownLog) | ${f(m.extend + m.proof)} ms | ${f(m.build)} ms | ${((m.extend + m.proof) / m.build).toFixed(2)}× |`,
  );
  console.log(`| open + first hourly (24 h), end to end | ${f(m.append)} ms | ${f(m.rebuild)} ms | ${(m.append / m.rebuild).toFixed(2)}× |`);
  console.log(`\nsaved ${await saveJson('cube-growth', { environment: environment(), size, added, runs, medians: m, all: t, load })}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
