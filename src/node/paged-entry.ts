/**
 * Files too big for sql.js (which holds a whole file in wasm memory) are read page by page from
 * disk instead: the invocations go straight to the warehouse, the other tables into a small
 * SQLite file, and the file opens read-only.
 */
import { stat } from 'node:fs/promises';
import type { NamedSource } from '../engine/dataset/dataset-sources.js';
import { readLargeDatabase } from './read-large-database.js';

/**
 * From this size a path is read page by page (sql.js refuses files over 1.5 GiB; from 1 GiB its
 * heap holding the file and its copy is already at risk).
 */
export const PAGED_FROM_BYTES = 1024 * 1024 * 1024;

/**
 * True when `path` is a file of at least `PAGED_FROM_BYTES` bytes.
 * @param path a database path
 * @param threshold the size from which to read page by page
 * @returns whether to read it page by page
 * @example await isLargeFile('team.db') // true for a 3.4 GB file
 */
export async function isLargeFile(path: string, threshold = PAGED_FROM_BYTES): Promise<boolean> {
  const s = await stat(path).catch(() => null);
  return s?.isFile() === true && s.size >= threshold;
}

/**
 * Reads a big skills.db (and its `-wal` beside it, unless `wal` is null) into an `open([...])`
 * entry: `data` is the small file of every other table, `paged` the invocations.
 * @param path the database file
 * @param name the entry's name in a dataset (default: chosen by `open`)
 * @param wal the -wal path, or null for none (default: `<path>-wal` when it exists)
 * @returns the entry for `engine.open([...])`
 * @throws AnalyticsError as `readLargeDatabase`
 * @example await engine.open([await pagedEntry('/data/team.db', 'team.db')]);
 */
export async function pagedEntry(path: string, name?: string, wal?: string | null): Promise<NamedSource> {
  // session_skills (a derived table, ~0.5 rows per invocation) is read by no analysis: its rows stay
  // out of the small file, which saves most of its build time on a big file.
  const read = await readLargeDatabase(path, { wal, skipRows: ['skill_invocation', 'session_skills'] });
  const left = read.warnings.find((w) => w.code === 'UNPARSEABLE_TIME')?.count ?? 0;
  return {
    name,
    data: read.smallDb,
    paged: {
      columns: read.columns,
      warnings: read.warnings,
      wal: read.wal,
      fileBytes: read.fileBytes,
      rows: read.columns.length + left,
      walMode: read.walMode,
    },
  };
}
