/**
 * skill_invocation of a file already in memory, read page by page: the default reader of every
 * open (with the same validation, 1.4-1.5× faster than sql.js row by row on 100k rows at load ~3,
 * 1.5× on 1M at load ~20: docs/benchmarks.md, "Opening"). It reads exactly the bytes sql.js opened (the -wal log merged into them), so both
 * see the same rows; the same InvocationCollector gives the same columns and warnings. It is at
 * least as strict as sql.js's read (test/unit/sqlite-pages/reader-strictness.test.ts). A file
 * this reader does not read (UTF-16 text, a WITHOUT ROWID skill_invocation, a DEFAULT it cannot
 * evaluate) answers null, and the caller reads it with sql.js.
 */
import { AnalyticsError } from '../errors.js';
import type { InvocationColumns } from '../SkillsDatabase.js';
import type { Warning } from '../types.js';
import { readInvocationColumns } from './read-invocation-columns.js';
import { openSqlitePages } from './sqlite-pages.js';

/** Rows between two pauses of the event loop (the sql.js read pauses as often). */
const YIELD_ROWS = 50_000;

/**
 * Reads the invocations of a SQLite file held in memory.
 * @param bytes the database as sql.js opened it (rollback-journal or WAL header, no log)
 * @param expectedRows rows to make room for; default: the cell counts of skill_invocation's leaf pages
 * @param onProgress rows read so far, of the rows expected
 * @returns the columns, the read warnings and the rows read; null when this reader does not read the file
 * @throws AnalyticsError CORRUPT_DATABASE, MISSING_TABLE, MISSING_COLUMN (as sql.js's open would)
 * @example (await readInvocationsInMemory(bytes))?.columns.length // 100000
 */
export async function readInvocationsInMemory(
  bytes: Uint8Array,
  expectedRows?: number,
  onProgress?: (rowsRead: number, expectedRows: number) => void,
): Promise<{ columns: InvocationColumns; warnings: Warning[]; rows: number } | null> {
  try {
    const pages = await openSqlitePages((offset, length) => bytes.subarray(offset, offset + length), bytes.byteLength);
    // A table the count cannot walk is read anyway: the read reports the damage.
    const expected = expectedRows ?? (pages.tables().includes('skill_invocation') ? await pages.rowCount('skill_invocation') : null) ?? 65_536;
    const { columns, warnings, rows } = await readInvocationColumns(pages, {
      onProgress: onProgress && ((read) => onProgress(read, Math.max(read, expected))),
      expectedRows: Math.max(1, expected),
      yieldEvery: YIELD_ROWS,
    });
    return { columns, warnings, rows };
  } catch (e) {
    if (e instanceof AnalyticsError && e.code === 'UNSUPPORTED_FORMAT') return null;
    throw e;
  }
}
