/**
 * A large file opened without copying it into sql.js before open() answers. sql.js copies a file
 * into its file system when it opens it (37 MiB on 100k invocations: ~30-50 ms, and the garbage
 * collection after it); here SQLite opens the caller's bytes in place, read-only, checks and reads
 * the schema and skill_migrations as every open does (a malformed schema entry, an unreadable
 * skill_migrations, a missing table or column fail as before), and the file itself opens in
 * sql.js on first use (a query of the small tables, a write, an export).
 */
import type { SqlJsStatic } from 'sql.js';
import { emptyTables } from './cache/saved-open.js';
import { SkillsDatabase } from './SkillsDatabase.js';
import type { OpenedWithLog } from './wal/open-with-log.js';

/** The file opened on its schema, and its tables found empty. */
export interface SchemaOnlyOpen {
  opened: OpenedWithLog;
  /** As `emptyTables` of saved-open.ts answers for the file. */
  emptyTables: string[];
}

/**
 * Opens `bytes` (a database without a log) with its schema read and checked by SQLite.
 * @param SQL sql.js
 * @param bytes the database file (never modified)
 * @returns the open; null when the file did not open this way without a failure (a bad header
 *   included) — open it whole then, as before, so that any error is the one it always gave
 */
export function openSchemaOnly(SQL: SqlJsStatic, bytes: Uint8Array): SchemaOnlyOpen | null {
  let checked: SkillsDatabase | undefined;
  try {
    checked = SkillsDatabase.open(SQL, inPlace(bytes));
    const schema = checked.schema;
    const empty = emptyTables(checked);
    const db = SkillsDatabase.deferred(SQL, bytes, schema, new Set(empty));
    return { opened: { db, bytes, wal: null, warnings: [], checked: null }, emptyTables: empty };
  } catch {
    return null;
  } finally {
    checked?.close();
  }
}

/**
 * `bytes` as sql.js's file system (Emscripten's MEMFS) keeps a new file without copying it: it
 * stores `data.slice()` of the data it is given, and this view's `slice` is the bytes themselves.
 * Reads see the bytes; a write (SQLite writes nothing to read one) fails as a read-only file
 * system would, so the bytes can never change.
 */
export function inPlace(bytes: Uint8Array): Uint8Array {
  const file = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  file.set = () => {
    throw Object.assign(new Error('read-only'), { name: 'ErrnoError', errno: 30 /* EROFS */ });
  };
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  data.slice = (() => file) as typeof data.slice;
  return data;
}
