/**
 * A SQLite file read page by page, for files too big for sql.js (which holds the whole file in
 * wasm memory): the header, the schema on page 1, and scans of table b-trees in rowid order, with
 * a -wal log's committed pages applied. Host-independent: pages come from a `readAt(offset,
 * length)` function (a Node file handle, a browser Blob.slice). Read-only; the freelist is never
 * read; only UTF-8 files are supported.
 */
import { AnalyticsError } from '../errors.js';
import { checkSqliteHeader, type SqliteHeader } from '../sqlite-file.js';
import type { Warning } from '../types.js';
import { mismatch, planWal, type WalSummary } from '../wal/apply-wal.js';
import { parseCreateTable, type ColumnInfo, type TableShape } from './create-table.js';
import { TextInterner } from './decode-text.js';
import { PageSource, type ReadAt } from './page-source.js';
import { parseTimeBytes } from './parse-time-bytes.js';
import { corrupt, readExactValue, readRecordHeader, readValue, type CellValue, type ExactValue, type Varint } from './record.js';
import { countTableRows, walkTable } from './table-btree.js';

export type { ReadAt } from './page-source.js';
export type { CellValue, ExactValue } from './record.js';

/** The file's header as this reader uses it. */
export interface PagesHeader extends SqliteHeader {
  /** Page size minus the reserved bytes at the end of each page. */
  usableSize: number;
  /** Always 'UTF-8' (other encodings are refused at open). */
  textEncoding: 'UTF-8';
}

/** One row of sqlite_schema. */
export interface SchemaObject {
  type: string;
  name: string;
  tableName: string;
  rootPage: number;
  /** NULL for automatic indexes. */
  sql: string | null;
  /** True when type, name and tbl_name are stored as text, rootpage as an integer, sql as text or NULL (as SQLite writes them). */
  wellTyped: boolean;
}

/** A table's place in the file and its columns. */
export interface TableInfo extends TableShape {
  name: string;
  rootPage: number;
  sql: string;
}

/** Rows of a scan: `values[c][i]` is column `columns[c]` of row `i`. */
export interface ScanBatch<V> {
  length: number;
  rowid: number[];
  values: V[][];
  /**
   * With {@link ScanOptions.timeColumn}: that column's times, parsed from the bytes (epoch
   * microseconds), NaN where the cell is not a time in the canonical shape — there `values` holds
   * the cell as read (the caller parses it); where a time is given, `values` holds null.
   */
  times?: number[];
}

/** Options of {@link SqlitePages.scan}. */
export interface ScanOptions {
  /** Rows per batch (the last may be smaller). Default 8192. */
  batchRows?: number;
  /** One of `columns` whose canonical ISO times are parsed straight from the bytes into `times` (not decoded as text). */
  timeColumn?: string;
}

/**
 * Receives the rows of {@link SqlitePages.scanRows} one at a time, in rowid order. `record` sees
 * the row as stored: `types[c]` and `offsets[c]` are the serial type and the offset in `payload`
 * of wanted column `c`, or type -1 where the value is not in the record (the rowid alias, or a
 * column added after the row was written). When it answers false (or is absent), the row is
 * decoded as {@link SqlitePages.scan} decodes it and handed to `decoded`.
 */
export interface RowSink<V = CellValue> {
  record?(rowid: number, payload: Uint8Array, types: Int32Array, offsets: Int32Array): boolean;
  /** The row's values as `scan` gives them (an array reused for the next row), and its time as `ScanBatch.times` gives it (NaN: none; then `values` holds the cell). */
  decoded(rowid: number, values: readonly V[], time: number): void;
  /** Called after each leaf page's rows (a place to await). */
  afterLeaf?(): void | Promise<void>;
}

/** What {@link openSqlitePages} returns. */
export interface SqlitePages {
  readonly header: PagesHeader;
  /** What happened to the -wal log; null when none was given. */
  readonly wal: WalSummary | null;
  /** Warnings about the log (WAL_TORN_TAIL, WAL_MISMATCH), as the sql.js path gives them. */
  readonly warnings: Warning[];
  /** Every row of sqlite_schema, in file order. */
  readonly schema: SchemaObject[];
  /** Names of the tables (sqlite_schema type 'table'), in file order. */
  tables(): string[];
  /**
   * A table's columns and root page.
   * @throws AnalyticsError MISSING_TABLE
   */
  table(name: string): TableInfo;
  /**
   * Reads `columns` of every row of `table` in rowid order, handing them on in batches; integers
   * come as numbers (as sql.js gives them), or as bigint with `exact: true`.
   * @returns rows read
   * @throws AnalyticsError MISSING_TABLE, MISSING_COLUMN, CORRUPT_DATABASE, UNSUPPORTED_FORMAT
   */
  scan(table: string, columns: readonly string[], onBatch: (batch: ScanBatch<CellValue>) => void | Promise<void>, options?: ScanOptions): Promise<number>;
  scan(table: string, columns: readonly string[], onBatch: (batch: ScanBatch<ExactValue>) => void | Promise<void>, options: ScanOptions & { exact: true }): Promise<number>;
  /**
   * As {@link scan}, one row at a time, with the row's bytes offered to `sink.record` before any
   * value is decoded (a reader that decodes what it expects straight into its own columns).
   * @returns rows read
   * @throws AnalyticsError as {@link scan}
   */
  scanRows(table: string, columns: readonly string[], sink: RowSink, options?: Pick<ScanOptions, 'timeColumn'>): Promise<number>;
  /** The same file opened without its log, with a WAL_MISMATCH warning saying `why`. */
  withoutLog(why: string): Promise<SqlitePages>;
  /**
   * Rows of a table from its leaf pages' cell counts, without reading a row: null when its b-tree
   * does not walk cleanly (a scan then reports the damage).
   * @throws AnalyticsError MISSING_TABLE
   */
  rowCount(table: string): Promise<number | null>;
}

/** Options of {@link openSqlitePages}. */
export interface OpenPagesOptions {
  /** The -wal file's bytes (logs stay small: SQLite checkpoints them every ~1000 pages by default). */
  wal?: Uint8Array | null;
}

/**
 * Opens a SQLite file for page-by-page reading. Reads the header and the schema (page 1 and the
 * schema's other pages) only.
 * @param readAt reads bytes of the database file
 * @param size the database file's length in bytes
 * @param options the -wal log, if any
 * @returns the reader
 * @throws AnalyticsError NOT_SQLITE, CORRUPT_DATABASE, UNSUPPORTED_FORMAT (not UTF-8)
 * @example
 * const fh = await open('skills.db');
 * const pages = await openSqlitePages((o, n) => readFileRange(fh, o, n), (await fh.stat()).size);
 * await pages.scan('skill_invocation', ['id', 'skill_name'], (b) => console.log(b.length));
 */
export async function openSqlitePages(readAt: ReadAt, size: number, options: OpenPagesOptions = {}): Promise<SqlitePages> {
  const head = size >= 100 ? await readAt(0, 100) : size > 0 ? await readAt(0, size) : new Uint8Array(0);
  const base = checkSqliteHeader(head, size);
  const encoding = ((head[56] << 24) | (head[57] << 16) | (head[58] << 8) | head[59]) >>> 0;
  if (encoding === 2 || encoding === 3) {
    throw new AnalyticsError(
      'UNSUPPORTED_FORMAT',
      `open: the file stores its text as UTF-16${encoding === 2 ? 'le' : 'be'}; the page-by-page reader reads UTF-8 files only (session-buddy writes UTF-8). Convert it with the sqlite3 shell (.dump into a new file) or open it through sql.js if it fits in memory`,
      { textEncoding: encoding },
    );
  }
  if (encoding !== 1 && encoding !== 0) throw corrupt(`text encoding ${encoding} in the header`);
  const reserved = head[20];
  const header: PagesHeader = { ...base, usableSize: base.pageSize - reserved, textEncoding: 'UTF-8' };
  if (header.usableSize < 480) throw corrupt(`${reserved} reserved bytes on ${base.pageSize}-byte pages`);
  const wal = options.wal ?? null;
  if (wal === null) return build(readAt, size, header, null, null, []);
  const plan = planWal(base.pageSize, wal);
  if (!plan.log) return build(readAt, size, header, null, plan.summary, plan.warnings);
  const withLog = await build(readAt, size, header, { bytes: wal, log: plan.log }, plan.summary, plan.warnings).catch((e: unknown) => {
    if (e instanceof AnalyticsError && e.code === 'CORRUPT_DATABASE') return e;
    throw e;
  });
  if (withLog instanceof AnalyticsError) {
    return (await build(readAt, size, header, null, plan.summary, [])).withoutLog(
      `with the -wal log's ${plan.summary.committedFrames} committed frame(s) applied, the file does not open (${withLog.message})`,
    );
  }
  return withLog;
}

async function build(
  readAt: ReadAt,
  size: number,
  header: PagesHeader,
  wal: { bytes: Uint8Array; log: import('../wal/wal-log.js').WalLog } | null,
  walSummary: WalSummary | null,
  warnings: Warning[],
): Promise<SqlitePages> {
  const source = new PageSource(readAt, size, header.pageSize, header.pageCount, wal);
  const usable = header.usableSize;
  const schema: SchemaObject[] = [];
  const schemaShape: TableShape = {
    columns: ['type', 'name', 'tbl_name', 'rootpage', 'sql'].map((name) => ({ name, type: '', realAffinity: false, defaultValue: { value: null } })),
    rowidColumn: -1,
    withoutRowid: false,
  };
  await scanTree(source, usable, 1, schemaShape, [0, 1, 2, 3, 4], true, -1, {
    decoded(_rowid, [type, name, tableName, rootPage, sql]) {
      schema.push({
        type: String(type),
        name: String(name),
        tableName: String(tableName),
        rootPage: typeof rootPage === 'bigint' ? Number(rootPage) : typeof rootPage === 'number' ? rootPage : 0,
        sql: typeof sql === 'string' ? sql : null,
        wellTyped:
          typeof type === 'string' && typeof name === 'string' && typeof tableName === 'string' && typeof rootPage === 'bigint' && (sql === null || typeof sql === 'string'),
      });
    },
  });
  const shapes = new Map<string, TableInfo>();
  const table = (name: string): TableInfo => {
    const key = name.toLowerCase();
    let info = shapes.get(key);
    if (!info) {
      const entry = schema.find((o) => o.type === 'table' && o.name.toLowerCase() === key);
      if (!entry) throw new AnalyticsError('MISSING_TABLE', `open: the file has no table ${name}`);
      if (entry.sql === null) throw corrupt(`table ${entry.name} has no CREATE statement`);
      info = { name: entry.name, rootPage: entry.rootPage, sql: entry.sql, ...parseCreateTable(entry.sql) };
      shapes.set(key, info);
    }
    return info;
  };
  const pages: SqlitePages = {
    header,
    wal: walSummary,
    warnings,
    schema,
    tables: () => schema.filter((o) => o.type === 'table').map((o) => o.name),
    table,
    scan: (async (name: string, columns: readonly string[], onBatch: (b: ScanBatch<ExactValue>) => void | Promise<void>, options: ScanOptions & { exact?: boolean } = {}) => {
      const { info, wanted, time } = scanPlan(table(name), columns, options.timeColumn);
      const sink = batches(wanted.length, options.batchRows ?? 8192, time >= 0, onBatch);
      const rows = await scanTree(source, usable, info.rootPage, info, wanted, options.exact === true, time, sink);
      await sink.last();
      return rows;
    }) as SqlitePages['scan'],
    scanRows: async (name, columns, sink, options = {}) => {
      const { info, wanted, time } = scanPlan(table(name), columns, options.timeColumn);
      return scanTree(source, usable, info.rootPage, info, wanted, false, time, sink);
    },
    rowCount: async (name: string) => {
      const info = table(name);
      return info.withoutRowid || info.rootPage < 1 ? null : countTableRows(source, info.rootPage, usable);
    },
    withoutLog: async (why: string) => {
      const alone: WalSummary | null = walSummary && {
        ...walSummary,
        applied: false,
        ignoredFrames: walSummary.ignoredFrames + walSummary.committedFrames,
        committedFrames: 0,
        commits: 0,
        pages: 0,
      };
      return build(readAt, size, header, null, alone, [mismatch(why)]);
    },
  };
  return pages;
}

/** The table's columns `columns` as indexes into its shape, and the index in `columns` of the time column (-1: none, or the rowid alias: decoded as a value). */
function scanPlan(info: TableInfo, columns: readonly string[], timeColumn: string | undefined): { info: TableInfo; wanted: number[]; time: number } {
  if (info.withoutRowid) {
    throw new AnalyticsError('UNSUPPORTED_FORMAT', `open: table ${info.name} is a WITHOUT ROWID table, which the page-by-page reader does not read`);
  }
  if (info.rootPage < 1) throw new AnalyticsError('UNSUPPORTED_FORMAT', `open: table ${info.name} has no b-tree of its own (a virtual table)`);
  const wanted = columns.map((c) => {
    const i = info.columns.findIndex((col) => col.name.toLowerCase() === c.toLowerCase());
    if (i < 0) throw new AnalyticsError('MISSING_COLUMN', `open: table ${info.name} has no column ${c}`, { missing: [c] });
    return i;
  });
  const time = timeColumn === undefined ? -1 : columns.findIndex((c) => c.toLowerCase() === timeColumn.toLowerCase());
  return { info, wanted, time: time >= 0 && wanted[time] !== info.rowidColumn ? time : -1 };
}

/**
 * Scans one table b-tree, offering each row to `sink` and decoding the record columns `wanted`
 * (indexes into `shape.columns`) of the rows it does not take.
 * @param timeColumn the index in `wanted` of a column whose canonical times are parsed from the bytes (-1: none)
 */
async function scanTree(
  source: PageSource,
  usable: number,
  root: number,
  shape: TableShape,
  wanted: number[],
  exact: boolean,
  timeColumn: number,
  sink: RowSink<ExactValue>,
): Promise<number> {
  const width = wanted.length;
  const maxColumn = Math.max(-1, ...wanted.filter((c) => c !== shape.rowidColumn));
  const types = new Int32Array(maxColumn + 1);
  const offsets = new Int32Array(maxColumn + 1);
  const interners = wanted.map(() => new TextInterner());
  const defaults = wanted.map((c) => defaultOf(shape.columns[c], exact));
  // SQLite stores whole-number reals of REAL columns as integers and reads them back as reals.
  const real = wanted.map((c) => exact && shape.columns[c].realAffinity);
  const v: Varint = { value: 0, next: 0 };
  const timeCol = timeColumn >= 0 ? wanted[timeColumn] : -1;
  let buf: Uint8Array = new Uint8Array(0);
  let column = 0;
  const text = (length: number, at: number) => interners[column].text(buf, at, length);
  const read = exact ? readExactValue : readValue;
  // The wanted columns' serial types and offsets as `sink.record` sees them, and one row of values.
  const wantedTypes = new Int32Array(width);
  const wantedOffsets = new Int32Array(width);
  const row = new Array<ExactValue>(width);

  const visit = (rowid: number, payload: Uint8Array, start: number, length: number) => {
    buf = payload;
    const stored = readRecordHeader(payload, start, length, maxColumn, types, offsets, v);
    if (sink.record) {
      for (let c = 0; c < width; c++) {
        const col = wanted[c];
        const inRecord = col !== shape.rowidColumn && col < stored;
        wantedTypes[c] = inRecord ? types[col] : -1;
        wantedOffsets[c] = inRecord ? offsets[col] : 0;
      }
      if (sink.record(rowid, payload, wantedTypes, wantedOffsets)) return;
    }
    let time = NaN;
    let parsed = -1;
    if (timeCol >= 0) {
      const t = timeCol < stored ? types[timeCol] : 0;
      const micros = t >= 13 && t & 1 ? parseTimeBytes(payload, offsets[timeCol], (t - 13) >> 1) : undefined;
      time = micros ?? NaN;
      if (micros !== undefined) parsed = timeColumn;
    }
    for (let c = 0; c < width; c++) {
      const col = wanted[c];
      let value: ExactValue;
      if (c === parsed) value = null;
      else if (col === shape.rowidColumn) value = exact ? BigInt(rowid) : rowid;
      else if (col < stored) {
        column = c;
        value = read(payload, offsets[col], types[col], text);
        if (real[c] && typeof value === 'bigint') value = Number(value);
      } else value = defaults[c]();
      row[c] = value;
    }
    sink.decoded(rowid, row, time);
  };
  return walkTable(source, root, usable, visit, sink.afterLeaf && (() => sink.afterLeaf!()));
}

/** A sink that hands the rows on in batches of `size` or more (a batch goes after the leaf page that fills it), and `last()` the rest. */
function batches<V extends ExactValue>(
  width: number,
  size: number,
  timed: boolean,
  onBatch: (batch: ScanBatch<V>) => void | Promise<void>,
): RowSink<ExactValue> & { last(): void | Promise<void> } {
  let batch = newBatch<V>(width, size, timed);
  return {
    decoded(rowid, values, time) {
      const i = batch.length;
      for (let c = 0; c < width; c++) batch.values[c][i] = values[c] as V;
      batch.rowid[i] = rowid;
      if (batch.times) batch.times[i] = time;
      batch.length = i + 1;
    },
    afterLeaf() {
      if (batch.length < size) return;
      const full = batch;
      batch = newBatch<V>(width, size, timed);
      return onBatch(full);
    },
    last: () => (batch.length > 0 ? onBatch(batch) : undefined),
  };
}

function newBatch<V>(width: number, size: number, times: boolean): ScanBatch<V> {
  const batch: ScanBatch<V> = { length: 0, rowid: new Array(size), values: Array.from({ length: width }, () => new Array<V>(size)) };
  if (times) batch.times = new Array<number>(size);
  return batch;
}

/** The value a row written before `ALTER TABLE … ADD COLUMN` reads for the column. */
function defaultOf(column: ColumnInfo, exact: boolean): () => ExactValue {
  const d = column.defaultValue;
  if ('expression' in d) {
    return () => {
      throw new AnalyticsError(
        'UNSUPPORTED_FORMAT',
        `open: rows written before column ${column.name} was added read its DEFAULT ${d.expression}, an expression the page-by-page reader does not evaluate`,
      );
    };
  }
  const value = typeof d.value === 'bigint' && !exact ? Number(d.value) : d.value;
  return () => value;
}
