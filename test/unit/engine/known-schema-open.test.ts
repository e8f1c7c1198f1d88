/**
 * A file whose schema is a known one opens without SQLite's schema load, with exactly what the
 * schema-only open (SQLite) gives: the same schema, the same empty tables; in every order of its
 * schema rows that the open accepts, sql.js loads the file too; anything else goes to SQLite.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateSkillsDb } from '../../../bench/generators/generate-skills-db.js';
import { openKnownSchema, MIGRATIONS_INDEX, schemaFingerprint } from '../../../src/engine/known-schema-open.js';
import { KNOWN_SCHEMAS } from '../../../src/engine/known-schemas.js';
import { openSchemaOnly } from '../../../src/engine/schema-only-open.js';
import { detectSchema } from '../../../src/engine/schema.js';
import { openSqlitePages } from '../../../src/engine/sqlite-pages/sqlite-pages.js';
import { nodeHost } from '../../../src/node/host.js';

const SQL = await nodeHost.loadSqlJs();
const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/${name}`));
/** session-buddy's schema without FTS5, with rows in the A/B tables (not empty) and the rest empty. */
const generated = await generateSkillsDb({ n: 400, days: 3, seed: 3 });
const fingerprint = async (bytes: Uint8Array) => schemaFingerprint((await openSqlitePages((o, n) => bytes.subarray(o, o + n), bytes.byteLength)).schema);

/** What SQLite's schema-only open gives: schema and empty tables. */
const bySqlite = (bytes: Uint8Array) => {
  const open = openSchemaOnly(SQL, bytes);
  expect(open).not.toBeNull();
  return { schema: open!.opened.db.schema, emptyTables: open!.emptyTables };
};
const byPages = async (bytes: Uint8Array) => {
  const open = await openKnownSchema(SQL, bytes);
  return open && { schema: open.opened.db.schema, emptyTables: open.emptyTables };
};

type Row = [string, string, string, number | string, string | null];

/** `bytes` (in rollback mode) with its schema rows rewritten by `edit` (SQLite's writable_schema). */
const rewriteSchema = (bytes: Uint8Array, edit: (rows: Row[]) => Row[]) => {
  const copy = bytes.slice();
  copy.set([1, 1], 18);
  const db = new SQL.Database(copy);
  const rows = db.exec('SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master ORDER BY rowid')[0].values as Row[];
  db.exec('PRAGMA writable_schema = ON; DELETE FROM sqlite_master');
  const insert = db.prepare('INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES (?, ?, ?, ?, ?)');
  for (const r of edit(rows)) insert.run(r);
  insert.free();
  const out = db.export();
  db.close();
  return out;
};

/** A random order of the rows in which every index and trigger comes after its table (seeded). */
const shuffled = (rows: Row[], seed: number): Row[] => {
  let s = seed;
  const random = (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return Math.floor((s / 2 ** 32) * n);
  };
  const order: Row[] = [];
  for (const r of rows.filter((r) => r[0] === 'table' || r[0] === 'view')) order.splice(random(order.length + 1), 0, r);
  for (const r of rows.filter((r) => r[0] === 'index' || r[0] === 'trigger')) {
    const after = order.findIndex((t) => t[0] === 'table' && t[1] === r[2]) + 1;
    order.splice(after + random(order.length - after + 1), 0, r);
  }
  return order;
};

afterEach(() => vi.unstubAllGlobals());

describe('a known schema read from the pages', () => {
  it('KNOWN_SCHEMAS are the schemas of session-buddy fixtures and of the generator, and SQLite reads the migrations from MIGRATIONS_INDEX in both', async () => {
    expect(KNOWN_SCHEMAS).toEqual([await fingerprint(fixture('sample.db')), await fingerprint(generated)]);
    for (const name of ['legacy.db', 'train20k.db', 'hostile.db']) expect(await fingerprint(fixture(name))).toBe(KNOWN_SCHEMAS[0]);
    for (const bytes of [fixture('sample.db'), generated]) {
      const db = new SQL.Database(bytes);
      expect(db.exec('EXPLAIN QUERY PLAN SELECT version FROM skill_migrations')[0].values.map((r) => r[3])).toEqual([
        `SCAN skill_migrations USING COVERING INDEX ${MIGRATIONS_INDEX}`,
      ]);
      db.close();
    }
  });

  it.each([
    ['sample.db (WAL mode)', () => fixture('sample.db')],
    ['legacy.db', () => fixture('legacy.db')],
    ['train20k.db', () => fixture('train20k.db')],
    ['hostile.db (rollback mode)', () => fixture('hostile.db')],
    ['a generated file (no FTS5, A/B rows)', () => generated],
  ])('%s: the same schema and empty tables as SQLite gives', async (_, bytes) => {
    const expected = bySqlite(bytes());
    expect(expected.emptyTables.length).toBeGreaterThan(3);
    expect(await byPages(bytes())).toEqual(expected);
  });

  it('in every order that keeps each index and trigger after its table, sql.js loads the file and both opens agree', async () => {
    for (const [source, seeds] of [
      [fixture('sample.db'), [1, 2, 3]],
      [generated, [4, 5, 6]],
    ] as const) {
      for (const seed of seeds) {
        const bytes = rewriteSchema(source, (rows) => shuffled(rows, seed));
        const db = new SQL.Database(bytes);
        expect(db.exec('SELECT count(*) FROM skill_invocation')[0].values[0][0]).toBeGreaterThan(0);
        expect(detectSchema(db)).toEqual(bySqlite(bytes).schema);
        db.close();
        expect(await byPages(bytes)).toEqual(bySqlite(bytes));
      }
    }
  });

  it.each([
    ['an index before its table', (rows: Row[]) => [rows.find((r) => r[1] === 'idx_invocation_skill')!, ...rows.filter((r) => r[1] !== 'idx_invocation_skill')]],
    ['a root page past the end of the file', (rows: Row[]) => rows.map((r): Row => (r[1] === 'skill_metrics' ? [r[0], r[1], r[2], 100_000, r[4]] : r))],
    [
      'two objects on one root page',
      (rows: Row[]) => rows.map((r): Row => (r[1] === 'skill_metrics' ? [r[0], r[1], r[2], rows.find((x) => x[1] === 'skill_clusters')![3], r[4]] : r)),
    ],
    ['a root page stored as text', (rows: Row[]) => rows.map((r): Row => (r[1] === 'skill_metrics' ? [r[0], r[1], r[2], `${r[3]}x`, r[4]] : r))],
    ['a view on a root page', (rows: Row[]) => rows.map((r): Row => (r[0] === 'view' ? [r[0], r[1], r[2], 5, r[4]] : r))],
    [
      'one statement changed (still valid SQL)',
      (rows: Row[]) => rows.map((r): Row => (r[1] === 'idx_migrations_applied_at' ? [r[0], r[1], r[2], r[3], r[4]!.replace('DESC', 'ASC')] : r)),
    ],
    ['an object less', (rows: Row[]) => rows.filter((r) => r[1] !== 'idx_invocation_skill')],
  ])('%s: not known, left to SQLite', async (_, edit) => {
    expect(await byPages(rewriteSchema(generated, (rows) => edit(rows)))).toBeNull();
  });

  it('a header SQLite reads differently, or no SubtleCrypto: left to SQLite', async () => {
    const edited = (at: number, values: number[]) => {
      const bytes = generated.slice();
      bytes.set(values, at);
      return bytes;
    };
    expect(await byPages(edited(0, []))).not.toBeNull();
    expect(await byPages(edited(18, [1, 2]))).toBeNull(); // read 1, write 2
    expect(await byPages(edited(18, [3, 3]))).toBeNull(); // a future journal mode
    expect(await byPages(edited(44, [0, 0, 0, 5]))).toBeNull(); // schema format 5
    vi.stubGlobal('crypto', undefined);
    expect(await byPages(generated)).toBeNull();
  });

  it('migrations are read from the index SQLite reads: a damaged index is left to SQLite, whose error the open gives', async () => {
    const bytes = fixture('train20k.db');
    const pages = await openSqlitePages((o, n) => bytes.subarray(o, o + n), bytes.byteLength);
    const index = pages.schema.find((o) => o.name === MIGRATIONS_INDEX)!;
    bytes[(index.rootPage - 1) * 4096] = 13; // a table leaf where an index leaf was; the table itself is intact
    expect(await byPages(bytes)).toBeNull();
    expect(openSchemaOnly(SQL, bytes)).toBeNull();
  });
});
