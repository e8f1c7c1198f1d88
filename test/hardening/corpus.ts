/**
 * The bad-input corpus: files generated from the real fixtures and from scratch, each with the
 * outcome it must have — a result (with the warnings it must carry) or a typed error code. Used by
 * the Node suite (test/unit/hardening) and the Chromium suite (test/e2e/hardening.spec.ts); write
 * the files out with `npx tsx test/hardening/write-corpus.ts DIR`.
 */
import { readFileSync } from 'node:fs';
import initSqlJs, { type Database } from 'sql.js';

export interface CorpusCase {
  /** Class of input (the README's table groups by it). */
  group: string;
  name: string;
  bytes: Uint8Array;
  /** The database's -wal log, opened with it (live files). */
  wal?: Uint8Array;
  /** An error code, or 'ok' (the file opens and answers). */
  expect: string;
  /** Several outcomes are acceptable (e.g. flipped bytes: SQLite may or may not notice). */
  acceptable?: string[];
  /** For 'ok': warning codes that must be present, and exact counts. */
  warnings?: string[];
  invocations?: number;
  skills?: number;
}

const SCHEMA = `CREATE TABLE skill_invocation (id INTEGER PRIMARY KEY AUTOINCREMENT, skill_name TEXT NOT NULL, invoked_at TEXT NOT NULL,
  session_id TEXT NOT NULL, workflow_path TEXT, completed BOOLEAN NOT NULL DEFAULT 0, duration_seconds REAL, user_query TEXT,
  alternatives_considered TEXT, selection_rank INTEGER, follow_up_actions TEXT, error_type TEXT, created_at TEXT NOT NULL DEFAULT (datetime('now')),
  embedding BLOB, workflow_phase TEXT, workflow_step_id TEXT)`;

/** A loose table (no constraints), so wrong types and NULLs can be stored. */
const LOOSE = 'CREATE TABLE skill_invocation (id, skill_name, invoked_at, session_id, completed, duration_seconds, workflow_phase)';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** A SQLite file made by sql.js: `sql` run, then `fill` in one transaction. */
export async function build(sql: string, fill?: (db: Database) => void): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(sql);
  if (fill) {
    db.run('BEGIN');
    fill(db);
    db.run('COMMIT');
  }
  const bytes = db.export();
  db.close();
  return bytes;
}

function insertRows(db: Database, rows: unknown[][], columns = 'skill_name, invoked_at, session_id, completed, duration_seconds, workflow_phase') {
  const stmt = db.prepare(
    `INSERT INTO skill_invocation (${columns}) VALUES (${columns
      .split(',')
      .map(() => '?')
      .join(', ')})`,
  );
  for (const r of rows) stmt.run(r as never);
  stmt.free();
}

const hour = (i: number) => new Date(Date.UTC(2026, 10, 1) + i * 3_600_000).toISOString().replace('Z', '+00:00');

export async function buildCorpus(fixtures = 'test/fixtures'): Promise<CorpusCase[]> {
  const sample = new Uint8Array(readFileSync(`${fixtures}/sample.db`));
  const page = 4096;
  const pages = sample.length / page;
  const cases: CorpusCase[] = [];
  const add = (c: CorpusCase) => cases.push(c);

  // Not SQLite at all.
  add({ group: 'not a database', name: 'zero bytes', bytes: new Uint8Array(0), expect: 'NOT_SQLITE' });
  for (const seed of [1, 2, 3]) {
    const r = lcg(seed);
    add({ group: 'not a database', name: `random bytes #${seed}`, bytes: Uint8Array.from({ length: 4096 * seed }, () => Math.floor(r() * 256)), expect: 'NOT_SQLITE' });
  }
  add({ group: 'not a database', name: 'HTML page', bytes: new TextEncoder().encode('<!doctype html><title>skills.db</title><p>404'), expect: 'NOT_SQLITE' });
  add({ group: 'not a database', name: 'JSON export', bytes: new TextEncoder().encode(JSON.stringify({ skills: [1, 2, 3] })), expect: 'NOT_SQLITE' });

  // Truncations of a real file.
  add({ group: 'truncated', name: 'header only (100 bytes)', bytes: sample.slice(0, 100), expect: 'CORRUPT_DATABASE' });
  add({ group: 'truncated', name: 'first page only', bytes: sample.slice(0, page), expect: 'CORRUPT_DATABASE' });
  add({ group: 'truncated', name: 'cut mid-page', bytes: sample.slice(0, page * 37 + 1234), expect: 'CORRUPT_DATABASE' });
  add({ group: 'truncated', name: 'last 3 pages missing', bytes: sample.slice(0, (pages - 3) * page), expect: 'CORRUPT_DATABASE' });
  add({ group: 'truncated', name: 'half the pages', bytes: sample.slice(0, Math.floor(pages / 2) * page), expect: 'CORRUPT_DATABASE' });

  // Flipped bytes inside b-tree pages (pages 2..N, past the header): SQLite may or may not notice;
  // either the file answers (possibly with warnings) or it is reported corrupt. Never a crash.
  for (let seed = 1; seed <= 20; seed++) {
    const r = lcg(100 + seed);
    const bytes = sample.slice();
    for (let k = 0; k < 8; k++) {
      const p = 1 + Math.floor(r() * (pages - 1));
      const off = p * page + Math.floor(r() * page);
      bytes[off] ^= 1 + Math.floor(r() * 255);
    }
    add({ group: 'flipped bytes', name: `8 flipped bytes #${seed}`, bytes, expect: 'ok', acceptable: ['ok', 'CORRUPT_DATABASE', 'MISSING_TABLE', 'MISSING_COLUMN'] });
  }

  // Damaged pages that SQLite's quick_check locates (run by default on files up to 4 MiB): in
  // skill_invocation the file is refused, in another table's index it answers with a warning.
  const damage = (p: number) => {
    const bytes = sample.slice();
    for (let k = 0; k < 40; k++) bytes[(p - 1) * page + 200 + k * 50] ^= 0xff;
    return bytes;
  };
  add({ group: 'damaged pages', name: 'skill_invocation leaf page', bytes: damage(200), expect: 'CORRUPT_DATABASE' });
  add({ group: 'damaged pages', name: 'session_skills index page', bytes: damage(100), expect: 'ok', warnings: ['INTEGRITY_PROBLEMS'], invocations: 2000 });

  // Live files: skills.db with its -wal log (test/fixtures/live, made by Python's sqlite3).
  const live = new Uint8Array(readFileSync(`${fixtures}/live/live.db`));
  const liveWal = new Uint8Array(readFileSync(`${fixtures}/live/live.db-wal`));
  const frameBytes = 24 + page;
  add({ group: 'live files', name: 'database + its -wal log', bytes: live, wal: liveWal, expect: 'ok', invocations: 2300, skills: 31 });
  add({
    group: 'live files',
    name: 'log torn mid-frame',
    bytes: live,
    wal: liveWal.slice(0, liveWal.length - frameBytes / 2),
    expect: 'ok',
    warnings: ['WAL_TORN_TAIL'],
    invocations: 2270,
  });
  add({
    group: 'live files',
    name: 'log of another database',
    bytes: live,
    wal: new Uint8Array(readFileSync(`${fixtures}/live/other.db-wal`)),
    expect: 'ok',
    warnings: ['WAL_MISMATCH'],
    invocations: 2000,
  });
  add({ group: 'live files', name: 'the database given as its own log', bytes: live, wal: live, expect: 'ok', warnings: ['WAL_MISMATCH'], invocations: 2000 });
  const noise = lcg(7);
  add({
    group: 'live files',
    name: 'random bytes as the log',
    bytes: live,
    wal: Uint8Array.from({ length: 8192 }, () => Math.floor(noise() * 256)),
    expect: 'ok',
    warnings: ['WAL_MISMATCH'],
    invocations: 2000,
  });
  for (let seed = 1; seed <= 5; seed++) {
    const r = lcg(300 + seed);
    const wal = liveWal.slice();
    for (let k = 0; k < 8; k++) wal[32 + Math.floor(r() * (wal.length - 32))] ^= 1 + Math.floor(r() * 255);
    // Flipped bytes break the checksum chain where they land: the transactions before stay.
    add({ group: 'live files', name: `8 flipped bytes in the log #${seed}`, bytes: live, wal, expect: 'ok' });
  }

  // Valid SQLite, wrong application.
  add({
    group: 'other application',
    name: 'a browser history database',
    bytes: await build("CREATE TABLE moz_places(id INTEGER PRIMARY KEY, url TEXT, title TEXT); INSERT INTO moz_places VALUES (1, 'https://example.org/', 'x');"),
    expect: 'MISSING_TABLE',
  });
  add({
    group: 'other application',
    name: 'skill_invocation without session_id',
    bytes: await build('CREATE TABLE skill_invocation(id INTEGER PRIMARY KEY, skill_name TEXT, invoked_at TEXT, completed INTEGER)'),
    expect: 'MISSING_COLUMN',
  });

  // Odd contents of a real-shaped skill_invocation.
  add({
    group: 'odd rows',
    name: 'wrong column types and NULLs',
    bytes: await build(LOOSE, (db) =>
      insertRows(
        db,
        [
          [1, 'ok-skill', '2026-11-20T10:00:00+00:00', 's1', 1, 12.5, 'execution'],
          [2, 42, '2026-11-20T10:05:00+00:00', 's1', 'yes', 'abc', 7],
          [3, null, '2026-11-20T10:06:00Z', null, null, null, null],
          ['four', 'ok-skill', '2026-11-20 10:07:00', 's2', '0', '3.5', ''],
          [5, 'ok-skill', new Uint8Array([1, 2, 3]), 's2', 1, 1, null],
        ],
        'id, skill_name, invoked_at, session_id, completed, duration_seconds, workflow_phase',
      ),
    ),
    expect: 'ok',
    warnings: ['WRONG_TYPE', 'UNPARSEABLE_TIME'],
    invocations: 4,
  });
  add({
    group: 'odd rows',
    name: 'unparseable, future and pre-1970 times',
    bytes: await build(SCHEMA, (db) =>
      insertRows(db, [
        ['a', 'yesterday', 's', 1, 1, null],
        ['a', '', 's', 1, 1, null],
        ['a', '2026-13-45T99:00:00', 's', 1, 1, null],
        ['a', '2999-01-01T00:00:00+00:00', 's', 1, 1, null],
        ['a', '1969-07-20T20:17:40', 's', 1, 1, null],
        ['a', '1901-01-01 00:00:00', 's', 0, null, null],
        ...Array.from({ length: 30 }, (_, i) => ['a', hour(i), 's', i % 2, i, 'execution']),
      ]),
    ),
    expect: 'ok',
    warnings: ['UNPARSEABLE_TIME', 'FUTURE_TIME'],
    invocations: 33,
  });
  add({ group: 'odd rows', name: 'empty skill_invocation', bytes: await build(SCHEMA), expect: 'ok', invocations: 0, skills: 0 });
  add({
    group: 'odd rows',
    name: 'every time unparseable',
    bytes: await build(SCHEMA, (db) =>
      insertRows(db, [
        ['a', 'soon', 's', 1, 1, null],
        ['b', 'later', 's', 0, null, null],
      ]),
    ),
    expect: 'ok',
    warnings: ['UNPARSEABLE_TIME'],
    invocations: 0,
  });
  add({
    group: 'big values',
    name: '10 MB skill name and query',
    bytes: await build(SCHEMA, (db) => {
      const big = 'x'.repeat(10 * 1024 * 1024);
      insertRows(db, [
        [big, hour(1), 's', 1, 5, null],
        ['small', hour(2), 's', 0, null, null],
      ]);
      db.run('UPDATE skill_invocation SET user_query = ? WHERE id = 2', [big]);
    }),
    expect: 'ok',
    invocations: 2,
    skills: 2,
  });
  add({
    group: 'big values',
    name: '100k distinct skill names',
    bytes: await build(SCHEMA, (db) =>
      insertRows(
        db,
        Array.from({ length: 100_000 }, (_, i) => [`skill-${i}`, hour(i % 500), `s${i % 97}`, i % 3 ? 1 : 0, i % 3 ? i % 60 : null, null]),
      ),
    ),
    expect: 'ok',
    invocations: 100_000,
    skills: 100_000,
  });
  add({
    group: 'names',
    name: 'unicode and markup in names',
    bytes: await build(SCHEMA, (db) =>
      insertRows(
        db,
        [
          '<img src=x onerror=alert(1)>',
          '<script>alert(2)</script>',
          'O\'Brien "quoted"',
          'naïve-日本語-😀',
          'back\\slash',
          'tab\there',
          '%_like_%',
          "'; DROP TABLE skill_invocation; --",
        ].flatMap((n, k) => Array.from({ length: 12 }, (_, i) => [n, hour(k * 24 + i), `sess-${n}`, i % 2, i % 2 ? 3 : null, 'setup'])),
      ),
    ),
    expect: 'ok',
    invocations: 96,
    skills: 8,
  });
  return cases;
}
