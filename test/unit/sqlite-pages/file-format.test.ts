/**
 * The file format itself: files written by Python's sqlite3 (1024-byte pages, reserved bytes,
 * ALTER TABLE ADD COLUMN, integers of every width, overflow pages, a deleted row on the freelist)
 * against what SQLite reads from them (references/python-files.json), other page sizes, values
 * that sql.js reads in its own way (NUL bytes, invalid UTF-8, a BOM), UTF-16 refused, and reads
 * that stay page-sized.
 */
import { readFileSync } from 'node:fs';
import type { Database } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { parseCreateTable } from '../../../src/engine/sqlite-pages/create-table.js';
import { openSqlitePages } from '../../../src/engine/sqlite-pages/sqlite-pages.js';
import { nodeHost } from '../../../src/node/host.js';
import { memoryReadAt, plain, readBoth } from './pages-helpers.js';

const SQL = await nodeHost.loadSqlJs();
const REF = 'test/unit/sqlite-pages/references';
const refs = JSON.parse(readFileSync(`${REF}/python-files.json`, 'utf8')) as Record<
  string,
  { columns: string[]; rows: unknown[][]; pageSize: number; reserved: number; encoding: string; overflowRows: number }
>;
const file = (p: string) => new Uint8Array(readFileSync(p));

async function scanAll(bytes: Uint8Array, table: string, columns: string[]) {
  const pages = await openSqlitePages(memoryReadAt(bytes), bytes.byteLength);
  const rows: unknown[][] = [];
  await pages.scan(table, columns, (b) => {
    for (let i = 0; i < b.length; i++) rows.push(b.values.map((c) => (c[i] instanceof Uint8Array ? Buffer.from(c[i] as Uint8Array).toString('hex') : c[i])));
  });
  return { pages, rows };
}

describe('files written by Python sqlite3', () => {
  it.each(['python-alter.db', 'python-reserved.db'])('%s: every column of every row as SQLite reads it', async (name) => {
    const ref = refs[name];
    const { pages, rows } = await scanAll(file(`${REF}/${name}`), 'skill_invocation', ref.columns);
    expect(pages.header.pageSize).toBe(1024);
    expect(pages.header.usableSize).toBe(1024 - ref.reserved);
    expect(ref.reserved).toBe(name === 'python-reserved.db' ? 8 : 0);
    expect(ref.overflowRows).toBe(7); // texts of 3000+ characters span several 1024-byte overflow pages
    // JSON numbers above 2^53 round to the nearest double, as sql.js (and this reader) give them.
    expect(rows).toEqual(ref.rows);
    expect(rows.length).toBe(399);
    // Rows written before ALTER TABLE ADD COLUMN read the column's DEFAULT (or NULL).
    const phase = ref.columns.indexOf('workflow_phase');
    const duration = ref.columns.indexOf('duration_seconds');
    expect(rows[0][phase]).toBe('legacy-phase');
    expect(rows[0][duration]).toBeNull();
    const rank = ref.columns.indexOf('selection_rank');
    expect(rows.map((r) => r[rank])).toEqual(
      expect.arrayContaining([127, -128, 32767, -32768, 8388607, -8388608, 2147483647, -2147483648, 140737488355327, -140737488355328, 2 ** 63, -(2 ** 63)]),
    );
  });

  it('an exact scan keeps 64-bit integers exact and reals as reals', async () => {
    const bytes = file(`${REF}/python-alter.db`);
    const pages = await openSqlitePages(memoryReadAt(bytes), bytes.byteLength);
    const rows: unknown[][] = [];
    await pages.scan(
      'ab_test_configs',
      ['test_id', 'test_name', 'assignment_ratio', 'big'],
      (b) => {
        for (let i = 0; i < b.length; i++) rows.push(b.values.map((c) => c[i]));
      },
      { exact: true },
    );
    expect(rows).toEqual([
      [1n, 't1', 0.25, 9223372036854775807n],
      [2n, 't2', 2, -5n],
    ]);
    expect(typeof rows[1][2]).toBe('number'); // 2.0 is stored as the integer 2 in a REAL column and read back as a real
  });

  it('a UTF-16 file is refused with UNSUPPORTED_FORMAT', async () => {
    const bytes = file(`${REF}/python-utf16.db`);
    expect(refs['python-utf16.db'].encoding).toBe('UTF-16le');
    await expect(openSqlitePages(memoryReadAt(bytes), bytes.byteLength)).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
  });
});

function vacuumed(pageSize: number): Uint8Array {
  const db = new SQL.Database(file('test/fixtures/sample.db'));
  db.run(`PRAGMA journal_mode=DELETE; PRAGMA page_size=${pageSize}; VACUUM;`);
  const out = db.export();
  db.close();
  return out;
}

describe('page sizes and values', () => {
  it.each([512, 65536])('sample.db rewritten with %i-byte pages reads as with sql.js', async (pageSize) => {
    const bytes = vacuumed(pageSize);
    expect(new DataView(bytes.buffer).getUint16(16)).toBe(pageSize === 65536 ? 1 : pageSize);
    const { sqljs, pages } = await readBoth(SQL, bytes);
    expect(pages.columns.length).toBe(2000);
    expect(plain(pages.columns)).toEqual(plain(sqljs.columns));
  });

  it('values sql.js reads its own way: NUL bytes (kept, so a time with one is not a time), invalid UTF-8 (short and long), a BOM, NULL and blob names, text and real ids', async () => {
    const db: Database = new SQL.Database();
    db.run(`CREATE TABLE skill_invocation(id INTEGER PRIMARY KEY, skill_name TEXT, invoked_at TEXT, session_id TEXT, completed, duration_seconds REAL, workflow_phase TEXT);
      INSERT INTO skill_invocation VALUES
        (1, CAST(X'61006263' AS TEXT), '2026-11-20T13:45:12Z', 's', 1, 1.5, CAST(X'C3' AS TEXT)),
        (2, CAST(X'FF61C328E282' AS TEXT), '2026-11-20T13:45:13Z', CAST(X'F09F9A80E282AC' AS TEXT), 'yes', '2.5', CAST(X'EFBBBF706861736520776974682061206C6F6E6720424F4D' AS TEXT)),
        (3, NULL, '2026-11-20T13:45:14Z', X'0102', 'no', 'x', CAST(X'EDA080414243444546474849AB4B4C4D4E4F50' AS TEXT)),
        (4, 'a', CAST(X'323032362D31312D32305431333A34353A31355A00FF' AS TEXT), 's', 2, 9223372036854775807, NULL),
        (5, 'b', '2026-11-20T13:45:16', 7, 0.5, -1e308, 12),
        (-9223372036854775808, 'neg', '2026-11-20T13:45:17Z', 's', 1, NULL, 'p');`);
    const bytes = db.export();
    db.close();
    const { sqljs, pages } = await readBoth(SQL, bytes);
    expect(pages.columns.length).toBe(5); // id 4's invoked_at ends in a NUL byte and more: not a time
    expect(plain(pages.columns)).toEqual(plain(sqljs.columns));
    expect(pages.warnings).toEqual(sqljs.warnings);
    expect(pages.columns.skillName).toEqual(['neg', 'a\u0000bc', '\ufffda\ufffd(\ufffd', '(null)', 'b']);
    expect(pages.columns.workflowPhase[2]).toBe('phase with a long BOM');
    expect(pages.columns.sessionId.slice(2)).toEqual(['🚀€', '1,2', '7']);
    expect(pages.warnings.map((w) => [w.code, w.count])).toEqual([
      ['UNPARSEABLE_TIME', 1],
      ['WRONG_TYPE', 1], // id 3's NULL name and blob session (7 became '7' by TEXT affinity)
    ]);
  });

  it('reads a file in runs of pages, never the whole file at once', async () => {
    const bytes = file('test/fixtures/train20k.db');
    const readAt = memoryReadAt(bytes);
    const pages = await openSqlitePages(readAt, bytes.byteLength);
    let rows = 0;
    await pages.scan('skill_invocation', ['id', 'invoked_at'], (b) => {
      rows += b.length;
    });
    expect(rows).toBe(20000);
    // Only the schema and skill_invocation's pages are read, in far fewer calls than pages.
    expect(readAt.bytesRead).toBeLessThan(bytes.byteLength);
    expect(readAt.calls).toBeLessThan(bytes.byteLength / 4096 / 20);
  });
});

describe('CREATE TABLE text', () => {
  it('finds the rowid alias, defaults and WITHOUT ROWID as SQLite defines them', () => {
    expect(parseCreateTable('CREATE TABLE t(id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT)').rowidColumn).toBe(0);
    expect(parseCreateTable('CREATE TABLE t(a, id INTEGER, PRIMARY KEY(id))').rowidColumn).toBe(1);
    expect(parseCreateTable('CREATE TABLE t(id INTEGER PRIMARY KEY DESC, a)').rowidColumn).toBe(-1); // SQLite's documented quirk
    expect(parseCreateTable('CREATE TABLE t(id INT PRIMARY KEY, a)').rowidColumn).toBe(-1);
    expect(parseCreateTable('CREATE TABLE t(id INTEGER, a, PRIMARY KEY(id, a))').rowidColumn).toBe(-1);
    expect(parseCreateTable('CREATE TABLE t(id INTEGER PRIMARY KEY, a) WITHOUT ROWID')).toMatchObject({ rowidColumn: -1, withoutRowid: true });
    const shape = parseCreateTable(`CREATE TABLE "odd ""name"" t" ( -- comment, with a comma
      [my col] VARCHAR(20, 3) NOT NULL DEFAULT 'it''s', /* x, y */ n REAL DEFAULT -1.5, b DEFAULT X'00ff', big DEFAULT 9223372036854775807,
      r DEFAULT (7), s DEFAULT running, t DEFAULT CURRENT_TIMESTAMP, CHECK (n > 0), UNIQUE(n))`);
    expect(shape.columns.map((c) => c.name)).toEqual(['my col', 'n', 'b', 'big', 'r', 's', 't']);
    expect(shape.columns.map((c) => c.defaultValue)).toEqual([
      { value: "it's" },
      { value: -1.5 },
      { value: new Uint8Array([0, 255]) },
      { value: 9223372036854775807n },
      { value: 7n },
      { value: 'running' },
      { expression: 'CURRENT_TIMESTAMP' },
    ]);
    expect(shape.columns[0].type).toBe('VARCHAR');
  });
});
