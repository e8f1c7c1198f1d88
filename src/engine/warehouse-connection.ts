/**
 * The tiny interface the Warehouse talks to, and its implementation over DuckDB-WASM's bindings.
 * Hosts (browser worker, Node) only differ in how they instantiate the bindings.
 */
import type { DuckDBBindings, DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { makeVector, Table, tableToIPC, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { AnalyticsError } from './errors.js';
import { inlineParams } from './sql-literals.js';

export type Row = Record<string, unknown>;

/**
 * One column to load, as typed values: the warehouse's load primitive is engine-neutral (DuckDB-WASM
 * builds an Arrow IPC stream from it, native DuckDB appends data chunks). NULLs: VARCHAR takes
 * `null`; numeric columns carry NaN, which the loading SQL maps to NULL where it means NULL.
 */
export type LoadColumn =
  | { name: string; type: 'DOUBLE'; values: Float64Array }
  | { name: string; type: 'INTEGER'; values: Int32Array }
  | { name: string; type: 'UTINYINT'; values: Uint8Array }
  | { name: string; type: 'VARCHAR'; values: readonly (string | null)[] };

/** What the Warehouse needs from a columnar SQL engine. */
export interface WarehouseConnection {
  /** Rows as plain objects (BIGINT as number, NULL as null). */
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Columns by name: numeric columns as Float64Array (NULL = NaN), others as arrays. */
  columns(sql: string, params?: unknown[]): Promise<Record<string, Float64Array | unknown[]>>;
  /** True after a fault (a wasm trap) made this connection unusable; the Warehouse then starts a new one. */
  readonly broken?: boolean;
  /**
   * Appends rows to `table`, creating it (with the columns' types, in order) when `create`.
   * Every column holds the same number of values.
   */
  insertColumns(table: string, columns: readonly LoadColumn[], create: boolean): Promise<void>;
  close(): Promise<void>;
}

/** The DuckDB settings every host applies right after opening: no network, ever. */
export const DUCKDB_OPEN_CONFIG = {
  query: { castBigIntToDouble: true, castTimestampToDate: false, castDecimalToDouble: true },
  allowUnsignedExtensions: false,
} as const;

/**
 * Wraps instantiated DuckDB-WASM bindings (blocking build) as a WarehouseConnection.
 * Opens the database with external access off, so DuckDB never tries to download extensions.
 */
export function duckdbConnection(bindings: DuckDBBindings): WarehouseConnection {
  bindings.open(DUCKDB_OPEN_CONFIG as never);
  const conn: DuckDBConnection = bindings.connect();
  conn.query('SET enable_external_access = false');
  conn.query('SET autoinstall_known_extensions = false');
  conn.query('SET autoload_known_extensions = false');
  let broken: string | null = null;
  const run = (sql: string, params?: unknown[]): Table => {
    if (broken) throw new AnalyticsError('INTERNAL', `the warehouse stopped after a fault (${broken})`);
    const text = params?.length ? inlineParams(sql, params) : sql;
    try {
      return conn.query(text);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // A wasm trap leaves DuckDB's memory in an unknown state: never use this instance again.
      if (e instanceof WebAssembly.RuntimeError || /memory access out of bounds|unreachable|RuntimeError/i.test(message)) broken = message;
      throw new AnalyticsError('INTERNAL', `warehouse query failed: ${message}`);
    }
  };
  return {
    get broken() {
      return broken !== null;
    },
    async query(sql, params) {
      return tableToRows(run(sql, params));
    },
    async columns(sql, params) {
      return tableToColumns(run(sql, params));
    },
    async insertColumns(table, columns, create) {
      conn.insertArrowFromIPCStream(columnsToIPC(columns), { name: table, create });
    },
    async close() {
      try {
        conn.close();
        bindings.reset();
      } catch {
        /* a broken instance may fail to close; it is dropped either way */
      }
      // DuckDB-WASM's blocking build keeps the instance it started last in a global it never
      // reads: closed, it held ~64k wasm globals that made every full GC ~50 ms slower (Node: 10 →
      // 52-73 ms after dispose, measured). Let it go with its engine.
      const global = globalThis as { DUCKDB_BINDINGS?: unknown };
      if (global.DUCKDB_BINDINGS === bindings) delete global.DUCKDB_BINDINGS;
    },
  };
}

/**
 * Typed columns → one Arrow IPC stream (typed arrays are wrapped, not copied; text becomes Utf8).
 * @param columns the columns to send, all of one length
 * @returns the IPC stream's bytes
 * @example columnsToIPC([{ name: 'n', type: 'INTEGER', values: Int32Array.of(1, 2) }]) // a 2-row stream
 */
export function columnsToIPC(columns: readonly LoadColumn[]): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const c of columns) vectors[c.name] = c.type === 'VARCHAR' ? vectorFromArray(c.values as (string | null)[], new Utf8()) : makeVector(c.values);
  return tableToIPC(new Table(vectors), 'stream');
}

function cell(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  return v === undefined ? null : v;
}

/** Arrow type ids of the columns read as whole arrays (Int, Float). */
const INT = 2;
const FLOAT = 3;

/**
 * One column's values, read a batch at a time: numeric columns without NULLs as Arrow's own typed
 * array (BigInt64 → numbers), others through the vector's iterator (no per-cell chunk search).
 */
function columnValues(vector: Vector, n: number): ArrayLike<unknown> {
  const typeId = vector.type.typeId as number;
  if ((typeId === INT || typeId === FLOAT) && vector.nullCount === 0) {
    const values = vector.toArray() as ArrayLike<number | bigint>;
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) return Float64Array.from(values, Number);
    return values;
  }
  const out: unknown[] = new Array(n);
  let i = 0;
  for (const v of vector) out[i++] = cell(v);
  return out;
}

/** Arrow table → plain row objects, built from whole columns. */
export function tableToRows(table: Table): Row[] {
  const names = table.schema.fields.map((f) => f.name);
  const n = table.numRows;
  const columns = names.map((_, i) => columnValues(table.getChildAt(i)!, n));
  const rows: Row[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c]] = columns[c][r];
    rows[r] = row;
  }
  return rows;
}

/** Arrow table → columns; numeric columns become Float64Array with NaN for NULL. */
export function tableToColumns(table: Table): Record<string, Float64Array | unknown[]> {
  const out: Record<string, Float64Array | unknown[]> = {};
  const n = table.numRows;
  table.schema.fields.forEach((field, i) => {
    const vector = table.getChildAt(i)!;
    const typeId = field.type.typeId as number;
    const values = columnValues(vector, n);
    if (typeId === INT || typeId === FLOAT) {
      if (values instanceof Float64Array) out[field.name] = values;
      else {
        const arr = new Float64Array(n);
        for (let r = 0; r < n; r++) {
          const x = values[r];
          arr[r] = x === null || x === undefined ? NaN : Number(x);
        }
        out[field.name] = arr;
      }
    } else out[field.name] = Array.isArray(values) ? values : Array.from(values);
  });
  return out;
}
