/**
 * Helpers of the page-by-page reader's tests: open bytes through `readAt`, and the sql.js path's
 * answer for the same bytes (SkillsDatabase through openWithLog, as the engine opens a file).
 */
import type { SqlJsStatic } from 'sql.js';
import type { InvocationColumns } from '../../../src/engine/SkillsDatabase.js';
import { readInvocationColumns } from '../../../src/engine/sqlite-pages/read-invocation-columns.js';
import { openSqlitePages, type ReadAt } from '../../../src/engine/sqlite-pages/sqlite-pages.js';
import type { Warning } from '../../../src/engine/types.js';
import { openWithLog } from '../../../src/engine/wal/open-with-log.js';
import type { WalSummary } from '../../../src/engine/wal/apply-wal.js';

/** A readAt over bytes in memory that counts its calls and bytes (asynchronous, like a file handle). */
export function memoryReadAt(bytes: Uint8Array): ReadAt & { calls: number; bytesRead: number } {
  const f = Object.assign(
    async (offset: number, length: number) => {
      f.calls++;
      const out = bytes.slice(offset, offset + length);
      f.bytesRead += out.byteLength;
      return out;
    },
    { calls: 0, bytesRead: 0 },
  );
  return f;
}

/** Columns as plain arrays (typed arrays compared element by element, NaN equal to NaN). */
export function plain(cols: InvocationColumns) {
  return {
    length: cols.length,
    id: Array.from(cols.id),
    skillName: cols.skillName,
    invokedAt: Array.from(cols.invokedAt),
    sessionId: cols.sessionId,
    completed: Array.from(cols.completed),
    durationSeconds: Array.from(cols.durationSeconds),
    workflowPhase: cols.workflowPhase,
  };
}

export interface BothReads {
  sqljs: { columns: InvocationColumns; warnings: Warning[]; walWarnings: Warning[]; wal: WalSummary | null };
  pages: { columns: InvocationColumns; warnings: Warning[]; walWarnings: Warning[]; wal: WalSummary | null };
}

/** Reads the same database (and log) through sql.js and through the page-by-page reader. */
export async function readBoth(SQL: SqlJsStatic, db: Uint8Array, wal: Uint8Array | null = null): Promise<BothReads> {
  const opened = openWithLog(SQL, db, wal);
  const ref = opened.db.readInvocations();
  opened.db.close();
  const pages = await openSqlitePages(memoryReadAt(db), db.byteLength, { wal });
  const read = await readInvocationColumns(pages);
  return {
    sqljs: { ...ref, walWarnings: opened.warnings, wal: opened.wal },
    pages: { columns: read.columns, warnings: read.warnings, walWarnings: read.pages.warnings, wal: read.pages.wal },
  };
}
