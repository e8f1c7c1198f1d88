/**
 * A new SQLite file (built with sql.js) with every table, index, view and trigger of a big file
 * and every table's rows EXCEPT skill_invocation's, so the engine keeps its sql.js-side features
 * (A/B tables, session-buddy's V4 tables, the schema) for a file too big to load whole. Left out:
 * FTS virtual tables and their shadow tables (sql.js has no FTS5) with the triggers that feed
 * them, and sqlite_stat* (planner statistics). Values keep their storage class (64-bit integers
 * exact, reals as reals, text, blobs).
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
    // A new in-memory file that is thrown away on any error: no journal needed.
    db.run('PRAGMA journal_mode=OFF');
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
      const writer = new RowWriter(db, 'sqlite_sequence', ['name', 'seq']);
      for (const row of rows) writer.add(row);
      writer.flush();
      writer.free();
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
  // The rowid is copied too, so tables without an INTEGER PRIMARY KEY keep their row identities.
  const withRowid = info.rowidColumn < 0 && !columns.some((c) => ['rowid', '_rowid_', 'oid'].includes(c.toLowerCase()));
  const writer = new RowWriter(db, table, withRowid ? ['rowid', ...columns] : columns);
  db.run('BEGIN');
  try {
    await pages.scan(
      table,
      columns,
      (b) => {
        for (let i = 0; i < b.length; i++) {
          const values = b.values.map((c) => c[i]);
          writer.add(withRowid ? [BigInt(b.rowid[i]), ...values] : values);
        }
      },
      { exact: true },
    );
    writer.flush();
    db.run('COMMIT');
  } catch (e) {
    db.run('ROLLBACK');
    throw e;
  } finally {
    writer.free();
  }
}

/**
 * Writes rows with multi-row INSERTs. sql.js binds a number as an integer when it fits 32 bits
 * and as a double otherwise, so a value keeps its storage class through a cast in the statement:
 * a 64-bit integer is bound as its decimal text under CAST(? AS INTEGER) (exact), a whole-number
 * real under CAST(? AS REAL). Rows of the same shape share one prepared statement.
 */
class RowWriter {
  private readonly statements = new Map<string, Statement>();
  private shape = '';
  private params: SqlValue[] = [];
  private rows = 0;
  private readonly maxRows: number;

  constructor(
    private readonly db: Database,
    private readonly table: string,
    private readonly names: string[],
  ) {
    this.maxRows = Math.max(1, Math.min(100, Math.floor(999 / names.length)));
  }

  add(values: ExactValue[]): void {
    let shape = '';
    const params: SqlValue[] = [];
    for (const v of values) {
      if (typeof v === 'bigint') {
        if (v >= -2147483648n && v <= 2147483647n) {
          params.push(Number(v));
          shape += '?,';
        } else {
          params.push(v.toString());
          shape += 'CAST(? AS INTEGER),';
        }
      } else if (typeof v === 'number' && Number.isInteger(v)) {
        params.push(v);
        shape += 'CAST(? AS REAL),';
      } else {
        params.push(v);
        shape += '?,';
      }
    }
    if ((shape !== this.shape && this.rows > 0) || this.rows === this.maxRows) this.flush();
    this.shape = shape;
    for (const p of params) this.params.push(p);
    this.rows++;
  }

  flush(): void {
    if (this.rows === 0) return;
    const tuple = `(${this.shape.slice(0, -1)})`;
    const sql = `INSERT INTO ${ident(this.table)} (${this.names.map(ident).join(', ')}) VALUES ${Array.from({ length: this.rows }, () => tuple).join(', ')}`;
    let stmt = this.statements.get(sql);
    if (!stmt) {
      if (this.statements.size > 64) this.free();
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    try {
      stmt.run(this.params);
    } catch (e) {
      throw new AnalyticsError('CORRUPT_DATABASE', `open: a row of ${this.table} cannot be copied (${e instanceof Error ? e.message : String(e)}); the file is damaged`);
    }
    this.params = [];
    this.rows = 0;
  }

  free(): void {
    for (const s of this.statements.values()) s.free();
    this.statements.clear();
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
