/**
 * A large file (over the 4 MiB of the default quick_check) opens without a copy into sql.js before
 * open() answers: SQLite reads and checks its schema and skill_migrations in place (or, for a known
 * schema, the pages are read: known-schema-open.test.ts), the file opens
 * in sql.js on first use, the caller's bytes never change, and damage that the whole-file open
 * refused is refused with the very same error.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SqlJsStatic } from 'sql.js';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { inPlace } from '../../../src/engine/schema-only-open.js';
import { SkillsDatabase } from '../../../src/engine/SkillsDatabase.js';
import { nodeHost } from '../../../src/node/host.js';

const SQL = await nodeHost.loadSqlJs();
const train20k = () => new Uint8Array(readFileSync('test/fixtures/train20k.db')); // 9.6 MB
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Every sql.js database made: its file's length and whether sql.js's file system copied it. */
let made: { bytes: number; copied: boolean }[] = [];
class Watched extends SQL.Database {
  constructor(data?: ArrayLike<number> | Buffer | null) {
    if (data instanceof Uint8Array) made.push({ bytes: data.length, copied: data.slice().buffer !== data.buffer });
    super(data);
  }
}
const engines: AnalyticsEngine[] = [];
const watchedEngine = () => {
  const e = new AnalyticsEngine({ ...nodeHost, openCache: () => null, loadSqlJs: async () => ({ ...SQL, Database: Watched }) as SqlJsStatic });
  engines.push(e);
  return e;
};
afterEach(async () => {
  made = [];
  await Promise.all(engines.splice(0).map((e) => e.dispose()));
});

/** What the whole-file open (sql.js's copy, schema read) gives for these bytes. */
const wholeFileOpen = (bytes: Uint8Array) => {
  try {
    SkillsDatabase.open(SQL, bytes).close();
    return null;
  } catch (e) {
    return e as Error & { code: string };
  }
};

/** train20k with `from` (found once in the file, in a schema entry) replaced by `to` (same length). */
const editedSchema = (from: string, to: string) => {
  const bytes = train20k();
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = text.indexOf(from);
  expect(at).toBeGreaterThan(0);
  expect(text.indexOf(from, at + 1)).toBe(-1);
  bytes.set(Buffer.from(to), at);
  return bytes;
};

describe('a large file opened on its schema', () => {
  it.each([
    // session-buddy's schema (src/engine/known-schemas.ts): read from the pages, no sql.js database before first use.
    ['a known schema', train20k, []],
    // Another (valid) schema: SQLite reads it in place.
    ['another schema', () => editedSchema('(applied_at DESC)', '(applied_at ASC) '), [{ bytes: 9646080, copied: false }]],
  ])('%s: answers without copying the file into sql.js, opens it on first use, and never changes the bytes', async (_, file, atOpen) => {
    const bytes = file();
    const before = sha(bytes);
    const engine = watchedEngine();
    const info = await engine.open(bytes);
    expect(info.invocations).toBe(20000);
    expect(info.schemaVersion).toBe(4);
    expect(made).toEqual(atOpen);
    // A write opens the file in sql.js (a copy), lands there, and is in the export.
    const id = await engine.abTesting.createTest({ testName: 'after a schema-only open', controlStrategy: 'a', treatmentStrategy: 'b' });
    expect(made).toEqual([...atOpen, { bytes: 9646080, copied: true }]);
    const exported = new SQL.Database(await engine.exportDatabase());
    expect(exported.exec('SELECT count(*) FROM skill_invocation')[0].values[0][0]).toBe(20000);
    expect(exported.exec(`SELECT test_name FROM ab_test_configs WHERE test_id = ${id}`)[0].values[0][0]).toBe('after a schema-only open');
    exported.close();
    expect(sha(bytes)).toBe(before);
  });

  it('a file under 4 MiB is opened whole, as before (its quick_check reads every page)', async () => {
    const engine = watchedEngine();
    await engine.open(new Uint8Array(readFileSync('test/fixtures/sample.db')));
    expect(made).toEqual([{ bytes: 1957888, copied: true }]);
  });

  it.each([
    ['a malformed schema entry', () => editedSchema('(applied_at DESC)', '(applied_at DESK)'), /malformed database schema \(idx_migrations_applied_at\) - near "DESK"/],
    [
      'skill_invocation without its completed column',
      () => editedSchema('completed BOOLEAN NOT NULL DEFAULT 0,     -- 0 = False', 'complete_ BOOLEAN NOT NULL DEFAULT 0,     -- 0 = False'),
      /malformed database schema \(idx_invocation_session_completed\) - no such column: completed/,
    ],
  ])('%s fails open with the error of the whole-file open', async (_, damaged, message) => {
    const bytes = damaged();
    const expected = wholeFileOpen(bytes);
    expect(expected?.message).toMatch(message);
    await expect(watchedEngine().open(bytes)).rejects.toMatchObject({ code: expected!.code, message: expected!.message });
  });

  it('an unreadable skill_migrations fails open with the error of the whole-file open', async () => {
    const bytes = train20k();
    const db = new SQL.Database(bytes);
    // The table and its primary key's index (`SELECT version` reads the index alone).
    const roots = db.exec("SELECT rootpage FROM sqlite_master WHERE tbl_name = 'skill_migrations' AND sql IS NULL OR name = 'skill_migrations'")[0].values.map((r) => Number(r[0]));
    db.close();
    expect(roots).toHaveLength(2);
    for (const root of roots) bytes[(root - 1) * 4096] = 7; // not a b-tree page type
    const expected = wholeFileOpen(bytes);
    expect(expected).toMatchObject({ code: 'CORRUPT_DATABASE' });
    await expect(watchedEngine().open(bytes)).rejects.toMatchObject({ code: expected!.code, message: expected!.message });
  });

  it('SQLite cannot write to a file it opened in place', () => {
    const bytes = train20k();
    bytes.set([1, 1], 18); // rollback-journal mode: a write goes to the file itself (in WAL mode it goes to the -wal)
    const before = sha(bytes);
    const db = new SQL.Database(inPlace(bytes));
    expect(db.exec('SELECT count(*) FROM skill_invocation')[0].values[0][0]).toBe(20000);
    expect(() => db.run("INSERT INTO skill_migrations(version) VALUES ('V9')")).toThrow();
    expect(() => db.run('CREATE TABLE t(x)')).toThrow();
    db.close();
    expect(sha(bytes)).toBe(before);
  });
});
