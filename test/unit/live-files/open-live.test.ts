/**
 * Live files through the engine in Node, row by row against what SQLite reads from copies of the
 * same files (references/live-files.json, made with Python's sqlite3: the full log's rows, and for
 * each variant its count; the script checked that each variant's rows are that prefix).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, openAnalytics } from '../../../src/node/index.js';
import { foreignWal, fullRows, references, variantFiles } from './live-files.js';

const COLS = 'id, skill_name, invoked_at, session_id, completed, duration_seconds, workflow_phase';
const engine = createEngine();
afterAll(() => engine.dispose());

/** The rows of skill_invocation in the open file, in the reference's shape. */
function rowsOf(e: typeof engine): unknown[][] {
  return e
    .context()
    .db.all<Record<string, unknown>>(`SELECT ${COLS} FROM skill_invocation ORDER BY id`)
    .map((r) => COLS.split(', ').map((c) => r[c]));
}

describe('every live variant opens with the rows SQLite reads from copies', () => {
  for (const v of variantFiles()) {
    it(v.name, async () => {
      const info = await engine.open(v.db, { wal: v.wal });
      const rows = rowsOf(engine);
      expect(rows.length).toBe(v.ref.count);
      expect(info.rows).toBe(v.ref.count);
      expect(info.skills).toBe(v.ref.skills);
      expect(rows).toEqual(fullRows.slice(0, v.ref.count));
    });
  }
});

describe('what each case reports', () => {
  it('the live pair: 300 more rows, one more skill, no warning about the log', async () => {
    const info = await engine.open(variantFiles()[0].db, { wal: variantFiles()[0].wal });
    expect(info.invocations).toBe(2300);
    expect(info.wal).toMatchObject({ applied: true, commits: 10, committedFrames: references.frames, ignoredFrames: 0 });
    expect(info.warnings.map((w) => w.code)).toEqual([]);
    expect(info.walMode).toBe(true);
  });

  it('without the log: 2000 rows and WAL_NOT_APPLIED', async () => {
    const info = await engine.open(variantFiles()[0].db);
    expect(info.invocations).toBe(2000);
    expect(info.wal).toBeNull();
    expect(info.warnings.map((w) => w.code)).toEqual(['WAL_NOT_APPLIED']);
  });

  it('a torn copy: the committed transactions, and WAL_TORN_TAIL counting the frames left out', async () => {
    const torn = variantFiles().find((v) => v.name === 'torn mid-frame')!;
    const info = await engine.open(torn.db, { wal: torn.wal });
    const dropped = references.frames - (references.commitFrames[8] + 1);
    expect(info.invocations).toBe(2270);
    expect(info.warnings).toEqual([expect.objectContaining({ code: 'WAL_TORN_TAIL', count: dropped })]);
  });

  it('a log from another database: WAL_MISMATCH and the database alone', async () => {
    const info = await engine.open(variantFiles()[0].db, { wal: foreignWal() });
    expect(info.invocations).toBe(2000);
    expect(info.wal).toMatchObject({ applied: false, committedFrames: 0, ignoredFrames: references.foreignLogFrames });
    expect(info.warnings.map((w) => w.code)).toEqual(['WAL_MISMATCH']);
    expect(rowsOf(engine)).toEqual(fullRows.slice(0, 2000));
  });

  it('a log cut inside its header: WAL_MISMATCH, the database alone (SQLite reads it as no log)', async () => {
    const v = variantFiles().find((x) => x.name === 'torn inside the header')!;
    const info = await engine.open(v.db, { wal: v.wal });
    expect(info.invocations).toBe(2000);
    expect(info.warnings.map((w) => w.code)).toEqual(['WAL_MISMATCH']);
  });

  it('an empty log (what a checkpointed file leaves): nothing to apply, no warning', async () => {
    const info = await engine.open(variantFiles()[0].db, { wal: new Uint8Array(0) });
    expect(info.invocations).toBe(2000);
    expect(info.wal).toMatchObject({ applied: false, committedFrames: 0, ignoredFrames: 0 });
    expect(info.warnings).toEqual([]);
  });

  it('exportDatabase() is one self-contained file: plain SQLite reads the 2300 rows without any log', async () => {
    const v = variantFiles()[0];
    await engine.open(v.db, { wal: v.wal });
    const exported = await engine.exportDatabase();
    const SQL = await initSqlJs();
    const db = new SQL.Database(exported);
    expect(db.exec('SELECT count(*) FROM skill_invocation')[0].values[0][0]).toBe(2300);
    expect(db.exec('PRAGMA journal_mode')[0].values[0][0]).not.toBe('wal');
    expect([exported[18], exported[19]]).toEqual([1, 1]);
    db.close();
  });
});

describe('openAnalytics(path) reads <path>-wal and never writes either file', () => {
  it('the pair on disk gives 2300 rows; the files keep their bytes and times', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'live-'));
    try {
      copyFileSync('test/fixtures/live/live.db', join(dir, 'skills.db'));
      copyFileSync('test/fixtures/live/live.db-wal', join(dir, 'skills.db-wal'));
      const before = [readFileSync(join(dir, 'skills.db')), readFileSync(join(dir, 'skills.db-wal'))];
      const times = [statSync(join(dir, 'skills.db')).mtimeMs, statSync(join(dir, 'skills.db-wal')).mtimeMs];
      const a = await openAnalytics(join(dir, 'skills.db'));
      expect((await a.info()).invocations).toBe(2300);
      await a.dispose();
      expect(readFileSync(join(dir, 'skills.db')).equals(before[0])).toBe(true);
      expect(readFileSync(join(dir, 'skills.db-wal')).equals(before[1])).toBe(true);
      expect([statSync(join(dir, 'skills.db')).mtimeMs, statSync(join(dir, 'skills.db-wal')).mtimeMs]).toEqual(times);
      const alone = await openAnalytics(join(dir, 'skills.db'), { wal: null });
      expect((await alone.info()).invocations).toBe(2000);
      await alone.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the CLI reads <path>-wal too', () => {
  it('info --json on a copied live pair: 2300 invocations, the log applied; the database alone: 2000 and WAL_NOT_APPLIED', async () => {
    const { runCliAsync } = await import('../cli/run-cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'live-cli-'));
    try {
      copyFileSync('test/fixtures/live/live.db', join(dir, 'skills.db'));
      copyFileSync('test/fixtures/live/live.db-wal', join(dir, 'skills.db-wal'));
      copyFileSync('test/fixtures/live/live.db', join(dir, 'alone.db'));
      const [pair, alone] = await Promise.all([runCliAsync(['info', join(dir, 'skills.db'), '--json']), runCliAsync(['info', join(dir, 'alone.db'), '--json'])]);
      const a = JSON.parse(pair.stdout);
      const b = JSON.parse(alone.stdout);
      expect(a).toMatchObject({ invocations: 2300, skills: 31, wal: { applied: true, commits: 10 } });
      expect(b.invocations).toBe(2000);
      expect(b.warnings.map((w: { code: string }) => w.code)).toEqual(['WAL_NOT_APPLIED']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
