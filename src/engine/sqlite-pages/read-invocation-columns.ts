/**
 * skill_invocation read page by page into the same {@link InvocationColumns} and read warnings that
 * `SkillsDatabase.readInvocations` gives for the same file: the rows go through the same
 * {@link InvocationCollector}, in the same order (ORDER BY id), with the values sql.js would give.
 */
import { AnalyticsError } from '../errors.js';
import { yieldToEvents } from '../yield-to-events.js';
import { InvocationCollector, type InvocationColumns } from '../SkillsDatabase.js';
import { requireInvocationColumns } from '../schema.js';
import type { Warning } from '../types.js';
import { TextInterner } from './decode-text.js';
import { parseTimeBytes } from './parse-time-bytes.js';
import { readDouble, readValue, type CellValue } from './record.js';
import type { SqlitePages } from './sqlite-pages.js';

/** The invocations, the read warnings, and the reader they came from. */
export interface PagedInvocations {
  columns: InvocationColumns;
  /** UNPARSEABLE_TIME / WRONG_TYPE, exactly as `SkillsDatabase.readInvocations` gives them. */
  warnings: Warning[];
  /** Rows of skill_invocation read, including those left out (an unparseable time). */
  rows: number;
  /**
   * The reader the rows came from: `pages` itself, or the file opened without its log when the
   * log's pages made the table unreadable (then `pages.warnings` holds a WAL_MISMATCH warning).
   */
  pages: SqlitePages;
}

/** Rows between two progress reports of the row-by-row read (the batch read reports every 8192). */
const PROGRESS_ROWS = 8192;

/** Integers and reals only: a text reader that is never called. */
const NO_TEXT = (): string => {
  throw new Error('not a text');
};

/** Options of {@link readInvocationColumns}. */
export interface ReadPagedOptions {
  /** Called after each batch with the rows read so far. */
  onProgress?: (rowsRead: number) => void;
  /** Rows to make room for at first (the arrays grow past it). Default 65536. */
  expectedRows?: number;
  /** Lets the event loop run after about this many rows (a worker keeps answering heartbeats). Default: never. */
  yieldEvery?: number;
}

/**
 * Reads skill_invocation of a file opened with `openSqlitePages`.
 * @param pages the opened file
 * @param options progress callback, expected rows
 * @returns columns, warnings and the reader used
 * @throws AnalyticsError MISSING_TABLE, MISSING_COLUMN, CORRUPT_DATABASE, UNSUPPORTED_FORMAT
 * @example
 * const pages = await openSqlitePages(readAt, size, { wal });
 * const { columns, warnings } = await readInvocationColumns(pages);
 */
export async function readInvocationColumns(pages: SqlitePages, options: ReadPagedOptions = {}): Promise<PagedInvocations> {
  try {
    return await readFrom(pages, options);
  } catch (e) {
    if (!(e instanceof AnalyticsError) || e.code !== 'CORRUPT_DATABASE' || !pages.wal?.applied) throw e;
    // The log's pages do not fit this file (SQLite cannot tell either; the sql.js path finds it by quick_check).
    const alone = await pages.withoutLog(`with the -wal log's ${pages.wal.committedFrames} committed frame(s) applied, skill_invocation does not read (${e.message})`);
    return readFrom(alone, options);
  }
}

async function readFrom(pages: SqlitePages, options: ReadPagedOptions): Promise<PagedInvocations> {
  if (!pages.tables().includes('skill_invocation')) {
    const tables = [...pages.tables(), ...pages.schema.filter((o) => o.type === 'view').map((o) => o.name)].sort();
    throw new AnalyticsError(
      'MISSING_TABLE',
      `open: the file is a SQLite database but has no skill_invocation table (tables: ${tables.slice(0, 8).join(', ') || 'none'}); it is not a session-buddy skills.db`,
    );
  }
  const info = pages.table('skill_invocation');
  const names = info.columns.map((c) => c.name);
  requireInvocationColumns(names);
  const hasDuration = names.includes('duration_seconds');
  const hasPhase = names.includes('workflow_phase');
  const wanted = ['id', 'skill_name', 'invoked_at', 'session_id', 'completed', ...(hasDuration ? ['duration_seconds'] : []), ...(hasPhase ? ['workflow_phase'] : [])];
  const d = hasDuration ? 5 : -1;
  const ph = hasPhase ? wanted.length - 1 : -1;
  const rows = new InvocationCollector(options.expectedRows ?? 65_536);
  const idIsRowid = info.rowidColumn >= 0 && names[info.rowidColumn] === 'id';
  let read = 0;
  let reported = 0;
  let yielded = 0;
  const pause = async () => {
    if (options.yieldEvery && read - yielded >= options.yieldEvery) {
      yielded = read;
      await yieldToEvents();
    }
  };
  if (idIsRowid) {
    // Rowid order is id order. Rows of the expected types go straight into the columns; any other goes through the collector's conversions.
    const skills = new TextInterner();
    const sessions = new TextInterner();
    const phases = new TextInterner();
    await pages.scanRows(
      'skill_invocation',
      wanted,
      {
        record(rowid, b, types, at) {
          const ts = types[1],
            tt = types[2],
            tse = types[3],
            tc = types[4];
          if (ts < 13 || !(ts & 1) || tse < 13 || !(tse & 1) || tt < 13 || !(tt & 1)) return false;
          const micros = parseTimeBytes(b, at[2], (tt - 13) >> 1);
          if (micros === undefined) return false;
          // completed: 0/1 are serial types 8/9 (1 when written as a one-byte integer); NULL reads as 0.
          const completed = tc === 9 ? 1 : tc === 8 || tc === 0 ? 0 : tc === 1 ? (b[at[4]] !== 0 ? 1 : 0) : -1;
          if (completed < 0) return false;
          let duration = NaN;
          if (d >= 0) {
            const t = types[d];
            if (t === 7) duration = readDouble(b, at[d]) ?? NaN;
            else if (t >= 1 && t <= 9) duration = readValue(b, at[d], t, NO_TEXT) as number;
            else if (t !== 0) return false;
          }
          let phase: string | null = null;
          if (ph >= 0) {
            const t = types[ph];
            if (t >= 13 && t & 1) phase = phases.text(b, at[ph], (t - 13) >> 1);
            else if (t !== 0) return false;
          }
          rows.addExact(rowid, skills.text(b, at[1], (ts - 13) >> 1), micros, sessions.text(b, at[3], (tse - 13) >> 1), completed, duration, phase);
          read++;
          return true;
        },
        decoded(rowid, v, time) {
          // NaN: not a canonical time; the text (or whatever the cell holds) is parsed as sql.js's would be.
          if (!Number.isNaN(time)) rows.addTimed(v[0], v[1], time, v[3], v[4], d >= 0 ? v[d] : null, ph >= 0 ? v[ph] : undefined, rowid);
          else rows.add(v[0], v[1], v[2], v[3], v[4], d >= 0 ? v[d] : null, ph >= 0 ? v[ph] : undefined, rowid);
          read++;
        },
        afterLeaf() {
          if (read - reported < PROGRESS_ROWS) return;
          reported = read;
          options.onProgress?.(read);
          return pause();
        },
      },
      { timeColumn: 'invoked_at' },
    );
    options.onProgress?.(read);
    return { ...rows.finish(), rows: read, pages };
  }
  // id is an ordinary column: sort by it as SQLite's ORDER BY does (NULL, numbers, text, blobs).
  const all: { rowid: number; time: number; v: CellValue[] }[] = [];
  await pages.scan(
    'skill_invocation',
    wanted,
    (b) => {
      for (let i = 0; i < b.length; i++) all.push({ rowid: b.rowid[i], time: b.times![i], v: b.values.map((c) => c[i]) });
      read += b.length;
      options.onProgress?.(read);
      return pause();
    },
    { timeColumn: 'invoked_at' },
  );
  all.sort((a, b) => compareSql(a.v[0], b.v[0]));
  for (const { rowid, time, v } of all) {
    if (!Number.isNaN(time)) rows.addTimed(v[0], v[1], time, v[3], v[4], d >= 0 ? v[d] : null, ph >= 0 ? v[ph] : undefined, rowid);
    else rows.add(v[0], v[1], v[2], v[3], v[4], d >= 0 ? v[d] : null, ph >= 0 ? v[ph] : undefined, rowid);
  }
  return { ...rows.finish(), rows: read, pages };
}

/** SQLite's order of values of any type (BINARY collation for text). */
function compareSql(a: CellValue, b: CellValue): number {
  const ra = rank(a),
    rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1) return (a as number) - (b as number);
  if (ra === 2) return compareBytes(UTF8.encode(a as string), UTF8.encode(b as string));
  if (ra === 3) return compareBytes(a as Uint8Array, b as Uint8Array);
  return 0;
}

const UTF8 = new TextEncoder();

function rank(v: CellValue): number {
  return v === null ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : 3;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
