/**
 * A file whose schema is one SQLite is known to load, opened without running SQLite. The
 * schema-only open (schema-only-open.ts) runs SQLite's schema load and a few queries in sql.js,
 * which makes V8 compile SQLite's largest functions (the bytecode engine, the parser) with its
 * optimizing compiler on background threads: 300-580 ms of CPU that, on 2 cores, slows the page
 * read that runs beside it by ~130 ms (docs/benchmarks.md, "Open speed, tenth pass").
 *
 * What SQLite's schema load decides depends only on the schema's rows (each object's type, name,
 * table, root page and CREATE statement, in rowid order), on the header and on the page count.
 * When the rows are, as a set, exactly those of a schema sql.js loaded in the tests
 * (`KNOWN_SCHEMAS`, session-buddy's), every index and trigger comes after its table (SQLite
 * writes them so; VACUUM reorders objects but keeps that), every root page is an integer in the
 * file, distinct, and the header is one SQLite opens, SQLite's load would succeed, and what
 * `detectSchema` and `emptyTables` would then read is read here from the pages: the tables, the
 * columns of skill_invocation, the versions in skill_migrations, the tables whose root page is an
 * empty leaf. Anything else (another schema, any doubt, a read that fails) answers null, and the
 * file is checked by SQLite as before, with the same errors.
 */
import type { SqlJsStatic } from 'sql.js';
import { KNOWN_SCHEMAS } from './known-schemas.js';
import { requireInvocationColumns, schemaInfo, type SchemaInfo } from './schema.js';
import type { SchemaOnlyOpen } from './schema-only-open.js';
import { SkillsDatabase } from './SkillsDatabase.js';
import { decodeSqlText } from './sqlite-pages/decode-text.js';
import { readRecordHeader, readValue, readVarint, type CellValue, type Varint } from './sqlite-pages/record.js';
import { openSqlitePages, type SchemaObject, type SqlitePages } from './sqlite-pages/sqlite-pages.js';

/**
 * Opens `bytes` (a database without a log) on its schema when the schema is a known one.
 * @param SQL sql.js (the file opens in it on first use)
 * @param bytes the database file (never modified)
 * @returns as `openSchemaOnly` answers for the file; null when the schema is not known to load (open it with SQLite then)
 * @example (await openKnownSchema(SQL, bytes))?.opened.db.schema.schemaVersion // 4
 */
export async function openKnownSchema(SQL: SqlJsStatic, bytes: Uint8Array): Promise<SchemaOnlyOpen | null> {
  try {
    const pages = await openSqlitePages((offset, length) => bytes.subarray(offset, offset + length), bytes.byteLength);
    const { header } = pages;
    // Rollback-journal or WAL mode (the log is not given here), schema formats 1-4, UTF-8 text.
    if (header.readVersion !== header.writeVersion || (header.readVersion !== 1 && header.readVersion !== 2)) return null;
    const format = (bytes[44] << 24) | (bytes[45] << 16) | (bytes[46] << 8) | bytes[47];
    if (format < 1 || format > 4 || bytes[56] !== 0 || bytes[57] !== 0 || bytes[58] !== 0 || bytes[59] !== 1) return null;
    if (!loadsAsKnown(pages.schema, header.pageCount)) return null;
    const fingerprint = await schemaFingerprint(pages.schema);
    if (fingerprint === null || !KNOWN_SCHEMAS.includes(fingerprint)) return null;
    const schema = schemaOf(pages, bytes);
    if (!schema) return null;
    const empty = emptyTablesOf(pages, schema.tables, bytes);
    const db = SkillsDatabase.deferred(SQL, bytes, schema, new Set(empty));
    return { opened: { db, bytes, wal: null, warnings: [], checked: null }, emptyTables: empty };
  } catch {
    return null;
  }
}

/**
 * The schema's rows as a set, as a hex SHA-256: type, name, table and CREATE statement of each
 * object (root pages and order left out: {@link loadsAsKnown} checks them). Null where this
 * runtime has no SubtleCrypto (a page served over plain http from another host).
 * @example await schemaFingerprint(pages.schema) // 'a3f0…' (64 hex digits)
 */
export async function schemaFingerprint(schema: readonly SchemaObject[]): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const rows = schema.map((o) => JSON.stringify([o.type, o.name, o.tableName, o.sql])).sort();
  const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(rows.join('\n'))));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The checks SQLite's schema load makes beyond parsing the statements, or stricter ones: rows
 * stored with SQLite's types; each index and trigger after its table; a table's or an index's
 * root page an integer in [2, pageCount], never shared; a view's, a trigger's and a virtual
 * table's root page 0; no two objects of one name.
 */
function loadsAsKnown(schema: readonly SchemaObject[], pageCount: number): boolean {
  const tables = new Set<string>();
  const names = new Set<string>();
  const roots = new Set<number>();
  for (const o of schema) {
    if (!o.wellTyped || names.has(o.name.toLowerCase())) return false;
    names.add(o.name.toLowerCase());
    const virtual = o.type === 'table' && o.sql !== null && /^create\s+virtual\s/i.test(o.sql);
    if ((o.type === 'table' && !virtual) || o.type === 'index') {
      if (o.rootPage < 2 || o.rootPage > pageCount || roots.has(o.rootPage)) return false;
      roots.add(o.rootPage);
    } else if (o.rootPage !== 0) return false;
    if ((o.type === 'index' || o.type === 'trigger') && !tables.has(o.tableName)) return false;
    if (o.type === 'table') tables.add(o.name);
  }
  return true;
}

/** What `detectSchema` reads through SQLite, read from the pages. */
function schemaOf(pages: SqlitePages, bytes: Uint8Array): SchemaInfo | null {
  // ORDER BY name: SQLite's BINARY order, the order of UTF-16 code units for these ASCII names.
  const tables = pages.schema
    .filter((o) => o.type === 'table' || o.type === 'view')
    .map((o) => o.name)
    .sort();
  const invocationColumns = pages.table('skill_invocation').columns.map((c) => c.name);
  requireInvocationColumns(invocationColumns);
  let versions: CellValue[] | null = [];
  if (tables.includes('skill_migrations')) {
    // `SELECT version FROM skill_migrations` reads only this index (its plan in every known schema: the test).
    const index = pages.schema.find((o) => o.type === 'index' && o.name === MIGRATIONS_INDEX);
    versions = index ? firstColumnOfIndexLeaf(bytes, index.rootPage, pages.header.pageSize, pages.header.usableSize) : null;
  }
  return versions && schemaInfo(tables, invocationColumns, versions);
}

/** The covering index SQLite reads `SELECT version FROM skill_migrations` from. */
export const MIGRATIONS_INDEX = 'sqlite_autoindex_skill_migrations_1';

/** Where the b-tree page `n` starts in the file, and where its header does. */
const pageAt = (n: number, pageSize: number) => ({ page: (n - 1) * pageSize, hdr: (n - 1) * pageSize + (n === 1 ? 100 : 0) });

/**
 * The first column of every entry of an index whose root is its only page: a leaf (type 10) with
 * no free block, no fragment and every record whole on the page, read as sql.js reads values.
 * Null for any other page (a larger index, any damage): SQLite reads it then.
 */
function firstColumnOfIndexLeaf(bytes: Uint8Array, n: number, pageSize: number, usable: number): CellValue[] | null {
  const { page, hdr } = pageAt(n, pageSize);
  const cells = (bytes[hdr + 3] << 8) | bytes[hdr + 4];
  const content = (bytes[hdr + 5] << 8) | bytes[hdr + 6] || 65536;
  if (bytes[hdr] !== 10 || bytes[hdr + 1] !== 0 || bytes[hdr + 2] !== 0 || bytes[hdr + 7] !== 0) return null;
  if (hdr - page + 8 + 2 * cells > content || content > usable) return null;
  const maxLocal = Math.floor(((usable - 12) * 64) / 255) - 23;
  const leaf = bytes.subarray(page, page + usable);
  const v: Varint = { value: 0, next: 0 };
  const types = new Int32Array(1);
  const offsets = new Int32Array(1);
  const values: CellValue[] = [];
  for (let i = 0; i < cells; i++) {
    const at = hdr - page + 8 + 2 * i;
    const cell = (leaf[at] << 8) | leaf[at + 1];
    if (cell < content || cell >= usable) return null;
    readVarint(leaf, cell, v);
    const size = v.value;
    const start = v.next;
    if (size > maxLocal || start + size > usable) return null;
    if (readRecordHeader(leaf, start, size, 0, types, offsets, v) < 1) return null;
    values.push(readValue(leaf, offsets[0], types[0], (length, from) => decodeSqlText(leaf, from, length)));
  }
  return values;
}

/** True when page `n` is a leaf of `type` (13 a table's, 10 an index's) holding no cell and nothing else (as SQLite leaves a new b-tree's root). */
function isEmptyLeaf(bytes: Uint8Array, n: number, type: number, pageSize: number, usable: number): boolean {
  const { hdr } = pageAt(n, pageSize);
  const content = (bytes[hdr + 5] << 8) | bytes[hdr + 6];
  return (
    bytes[hdr] === type &&
    bytes[hdr + 1] === 0 &&
    bytes[hdr + 2] === 0 &&
    bytes[hdr + 3] === 0 &&
    bytes[hdr + 4] === 0 &&
    bytes[hdr + 7] === 0 &&
    content === (usable === 65536 ? 0 : usable)
  );
}

/**
 * The tables `emptyTables` finds empty: `SELECT 1 FROM t LIMIT 1` reads the table or one of its
 * indexes, so a table counts as empty when its root and each of its indexes' roots are empty leaves.
 */
function emptyTablesOf(pages: SqlitePages, tables: readonly string[], bytes: Uint8Array): string[] {
  const { pageSize, usableSize } = pages.header;
  return tables.filter((t) => {
    const table = pages.schema.find((o) => o.type === 'table' && o.name === t);
    if (!table || table.rootPage === 0) return false;
    const indexes = pages.schema.filter((o) => o.type === 'index' && o.tableName === t);
    // A WITHOUT ROWID table is an index b-tree.
    const type = pages.table(t).withoutRowid ? 10 : 13;
    return isEmptyLeaf(bytes, table.rootPage, type, pageSize, usableSize) && indexes.every((o) => isEmptyLeaf(bytes, o.rootPage, 10, pageSize, usableSize));
  });
}
