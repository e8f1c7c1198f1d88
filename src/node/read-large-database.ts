/**
 * Reads a skills.db too big for sql.js (which holds the whole file in wasm memory) page by page
 * from disk: the invocations as columns for the warehouse, and a small sql.js file with every
 * other table (A/B tables, session-buddy's V4 tables) for the engine's sql.js side. The file is
 * never held in memory: pages are read with a file handle, a few MiB at a time.
 */
import { open, readFile, stat } from 'node:fs/promises';
import type { SqlJsStatic } from 'sql.js';
import { AnalyticsError } from '../engine/errors.js';
import { copySmallTables } from '../engine/sqlite-pages/copy-small-tables.js';
import { readInvocationColumns } from '../engine/sqlite-pages/read-invocation-columns.js';
import { openSqlitePages } from '../engine/sqlite-pages/sqlite-pages.js';
import { isWalMode } from '../engine/sqlite-file.js';
import type { InvocationColumns } from '../engine/SkillsDatabase.js';
import type { Warning } from '../engine/types.js';
import type { WalSummary } from '../engine/wal/apply-wal.js';
import { nodeHost } from './host.js';

/** What {@link readLargeDatabase} returns. */
export interface LargeDatabase {
  /** The invocations, as `SkillsDatabase.readInvocations` gives them for the same file. */
  columns: InvocationColumns;
  /** A SQLite file (rollback-journal mode) with every table's schema and rows except skill_invocation's rows. */
  smallDb: Uint8Array;
  /** The log's warnings (WAL_TORN_TAIL, WAL_MISMATCH) then the read's (UNPARSEABLE_TIME, WRONG_TYPE). */
  warnings: Warning[];
  /** What happened to the -wal log; null when there was none. */
  wal: WalSummary | null;
  /** Bytes of the database file. */
  fileBytes: number;
  /** The file's header says WAL mode (bytes 18-19 = 2). */
  walMode: boolean;
}

/** Options of {@link readLargeDatabase}. */
export interface ReadLargeOptions {
  /** The -wal file: a path, or null for none. Default: `<path>-wal` when it exists. */
  wal?: string | null;
  /** sql.js, to build the small file (default: the Node host's). */
  SQL?: SqlJsStatic;
  /** Called with the invocations read so far. */
  onProgress?: (rowsRead: number) => void;
  /**
   * Tables whose rows stay out of `smallDb` (their schema is in). Default `['skill_invocation']`;
   * add `session_skills` (a derived table no analysis reads, ~0.5 rows per invocation) to save
   * most of the small file's build time on a big file.
   */
  skipRows?: string[];
}

/**
 * Reads a skills.db of any size through the page-by-page reader.
 * @param path the database file
 * @param options its -wal file, sql.js, progress
 * @returns the invocations, the small tables as a new file, warnings
 * @throws AnalyticsError INVALID_ARGUMENT (a file cannot be read), NOT_SQLITE, CORRUPT_DATABASE, MISSING_TABLE, MISSING_COLUMN, UNSUPPORTED_FORMAT
 * @example
 * const { columns, smallDb, warnings } = await readLargeDatabase('/data/team-skills.db');
 * columns.length // 10000000
 */
export async function readLargeDatabase(path: string, options: ReadLargeOptions = {}): Promise<LargeDatabase> {
  const size = await stat(path).then(
    (s) => {
      if (s.isDirectory()) throw new AnalyticsError('INVALID_ARGUMENT', `cannot read ${path}: it is a directory`);
      return s.size;
    },
    (e: NodeJS.ErrnoException) => {
      throw new AnalyticsError('INVALID_ARGUMENT', `cannot read ${path}: ${e.code === 'ENOENT' ? 'no such file' : String(e)}`);
    },
  );
  const walPath = options.wal === undefined ? `${path}-wal` : options.wal;
  const wal =
    walPath === null
      ? null
      : await readFile(walPath).then(
          (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
          (e: NodeJS.ErrnoException) => {
            if (options.wal === undefined && e.code === 'ENOENT') return null;
            throw new AnalyticsError('INVALID_ARGUMENT', `cannot read ${walPath}: ${e.code === 'ENOENT' ? 'no such file' : String(e)}`);
          },
        );
  const handle = await open(path, 'r');
  try {
    const readAt = async (offset: number, length: number) => {
      const buffer = new Uint8Array(length);
      let got = 0;
      while (got < length) {
        const { bytesRead } = await handle.read(buffer, got, length - got, offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return got < length ? buffer.subarray(0, got) : buffer;
    };
    const opened = await openSqlitePages(readAt, size, { wal });
    const read = await readInvocationColumns(opened, { onProgress: options.onProgress, expectedRows: Math.max(1024, Math.round(size / 300)) });
    const SQL = options.SQL ?? (await nodeHost.loadSqlJs());
    const smallDb = await copySmallTables(SQL, read.pages, { skipRows: options.skipRows });
    return {
      columns: read.columns,
      smallDb,
      warnings: [...read.pages.warnings, ...read.warnings],
      wal: read.pages.wal,
      fileBytes: size,
      walMode: isWalMode(opened.header),
    };
  } finally {
    await handle.close();
  }
}
