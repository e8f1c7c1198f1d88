/**
 * A new SQLite file (built with sql.js) with every table, index, view and trigger of a big file
 * and every table's rows EXCEPT skill_invocation's, so the engine keeps its sql.js-side features
 * (A/B tables, session-buddy's V4 tables, the schema) for a file too big to load whole. Left out:
 * FTS virtual tables and their shadow tables (sql.js has no FTS5) with the triggers that feed
 * them, and sqlite_stat* (planner statistics). Values keep their storage class: integers are
 * written as exact 64-bit literals, reals as doubles, text and blobs as bound values.
 */
import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import { AnalyticsError } from '../errors.js';
import type { ExactValue } from './record.js';
import type { SchemaObject, SqlitePages } from './sqlite-pages.js';

/** Options of {@link copySmallTables}. */
export interface CopyOptions {
  /** Tables whose rows are not copied (their schema is). Default `['skill_invocation']`. */
  skipRows?: string[];
}

/**
 * Copies the schema and the small tables of a file read page by page into a new sql.js file.
 * @param SQL sql.js
 * @param pages the big file, opened with `openSqlitePages`
 * @param options tables whose rows to leave out
 * @returns the new file's bytes (rollback-journal mode)
 * @throws AnalyticsError CORRUPT_DATABASE, UNSUPPORTED_FORMAT (a WITHOUT ROWID table with rows to copy)
 * @example
 * const small = await copySmallTables(SQL, pages);
 * const db = SkillsDatabase.open(SQL, small); // every table, skill_invocation empty
 */
export async function copySmallTables(SQL: SqlJsStatic, pages: SqlitePages, options: CopyOptions = {}): Promise<Uint8Array> {
  const skipRows = new Set((options.skipRows ?? ['skill_invocation']).map((t) => t.toLowerCase()));
  const virtual = pages.schema.filter((o) => o.type === 'table' && /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(o.sql ?? '')).map((o) => o.name.toLowerCase());
  const left = (o: SchemaObject) => {
    const name = o.name.toLowerCase();
    const table = o.tableName.toLowerCase();
    if (name.startsWith('sqlite_') || o.sql === null) return true;
    if (virtual.some((v) => name === v || name.startsWith(`${v}_`) || table === v || table.startsWith(`${v}_`))) return true;
    // Triggers that feed a left-out FTS table would fail when they fire.
    return o.type === 'trigger' && virtual.some((v) => new RegExp(`\\b${escapeRegExp(v)}\\b`, 'i').test(o.sql ?? ''));
  };
  const kept = pages.schema.filter((o) => !left(o));
  const db = new SQL.Database();
  try {
    const tables = kept.filter((o) => o.type === 'table');
    for (const t of tables) run(db, t.sql!, `creating table ${t.name}`);
    for (const t of tables) {
      if (skipRows.has(t.name.toLowerCase())) continue;
      await copyRows(db, pages, t.name);
    }
    if (pages.tables().includes('sqlite_sequence') && kept.some((o) => /\bAUTOINCREMENT\b/i.test(o.sql ?? ''))) {
      const rows: [ExactValue, ExactValue][] = [];
      await pages.scan(
        'sqlite_sequence',
        ['name', 'seq'],
        (b) => {
          for (let i = 0; i < b.length; i++) rows.push([b.values[0][i], b.values[1][i]]);
        },
        { exact: true },
      );
      db.run('DELETE FROM sqlite_sequence');
      for (const [name, seq] of rows) insert(db, new Map(), 'sqlite_sequence', ['name', 'seq'], [name, seq]);
    }
    for (const o of kept) if (o.type !== 'table') run(db, o.sql!, `creating ${o.type} ${o.name}`);
    return db.export();
  } finally {
    db.close();
  }
}

async function copyRows(db: Database, pages: SqlitePages, table: string): Promise<void> {
  const info = pages.table(table);
  const columns = info.columns.map((c) => c.name);
  const statements = new Map<string, Statement>();
  db.run('BEGIN');
  try {
    // The rowid is copied too, so tables without an INTEGER PRIMARY KEY keep their row identities.
    const withRowid = info.rowidColumn < 0 && !columns.some((c) => ['rowid', '_rowid_', 'oid'].includes(c.toLowerCase()));
    const names = withRowid ? ['rowid', ...columns] : columns;
    await pages.scan(
      table,
      columns,
      (b) => {
        for (let i = 0; i < b.length; i++) {
          const values = b.values.map((c) => c[i]);
          insert(db, statements, table, names, withRowid ? [BigInt(b.rowid[i]), ...values] : values);
        }
      },
      { exact: true },
    );
    db.run('COMMIT');
  } catch (e) {
    db.run('ROLLBACK');
    throw e;
  } finally {
    for (const s of statements.values()) s.free();
  }
}

/**
 * Inserts one row. sql.js binds a number as an integer when it fits 32 bits and as a double
 * otherwise, so integers outside 32 bits and whole-number reals are written as literals instead
 * (exact), each shape of row with its own prepared statement.
 */
function insert(db: Database, statements: Map<string, Statement>, table: string, names: string[], values: ExactValue[]): void {
  const params: SqlValue[] = [];
  const slots = values.map((v) => {
    if (typeof v === 'bigint') {
      if (v >= -2147483648n && v <= 2147483647n) {
        params.push(Number(v));
        return '?';
      }
      return v.toString();
    }
    if (typeof v === 'number') {
      if (Number.isInteger(v) && Math.abs(v) < 1e15) return `${v}.0`;
      if (!Number.isFinite(v)) return v > 0 ? '9e999' : '-9e999';
    }
    params.push(v);
    return '?';
  });
  const sql = `INSERT INTO ${ident(table)} (${names.map(ident).join(', ')}) VALUES (${slots.join(', ')})`;
  let stmt = statements.get(sql);
  if (!stmt) {
    if (statements.size > 256) {
      for (const s of statements.values()) s.free();
      statements.clear();
    }
    stmt = db.prepare(sql);
    statements.set(sql, stmt);
  }
  try {
    stmt.run(params);
  } catch (e) {
    throw new AnalyticsError('CORRUPT_DATABASE', `open: a row of ${table} cannot be copied (${e instanceof Error ? e.message : String(e)}); the file is damaged`);
  }
}

function run(db: Database, sql: string, what: string): void {
  try {
    db.run(sql);
  } catch (e) {
    throw new AnalyticsError('UNSUPPORTED_FORMAT', `open: ${what} in a copy of the file's small tables failed (${e instanceof Error ? e.message : String(e)})`);
  }
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
