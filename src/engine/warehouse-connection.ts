/**
 * The tiny interface the Warehouse talks to, and its implementation over DuckDB-WASM's bindings.
 * Hosts (browser worker, Node) only differ in how they instantiate the bindings.
 */
import type { DuckDBBindings, DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import type { Table } from 'apache-arrow';
import { AnalyticsError } from './errors.js';
import { inlineParams } from './sql-literals.js';

export type Row = Record<string, unknown>;

/** What the Warehouse needs from a columnar SQL engine. */
export interface WarehouseConnection {
  /** Rows as plain objects (BIGINT as number, NULL as null). */
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Columns by name: numeric columns as Float64Array (NULL = NaN), others as arrays. */
  columns(sql: string, params?: unknown[]): Promise<Record<string, Float64Array | unknown[]>>;
  /** True after a fault (a wasm trap) made this connection unusable; the Warehouse then starts a new one. */
  readonly broken?: boolean;
  /** Appends an Arrow IPC stream to `table`, creating it when `create`. */
  insertArrowIPC(table: string, ipc: Uint8Array, create: boolean): Promise<void>;
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
    const text = params && params.length ? inlineParams(sql, params) : sql;
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
    async insertArrowIPC(table, ipc, create) {
      conn.insertArrowFromIPCStream(ipc, { name: table, create });
    },
    async close() {
      try {
        conn.close();
        bindings.reset();
      } catch {
        /* a broken instance may fail to close; it is dropped either way */
      }
    },
  };
}

function cell(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  return v === undefined ? null : v;
}

/** Arrow table → plain row objects (for small, aggregated results). */
export function tableToRows(table: Table): Row[] {
  const names = table.schema.fields.map((f) => f.name);
  const vectors = names.map((_, i) => table.getChildAt(i)!);
  const rows: Row[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c]] = cell(vectors[c].get(r));
    rows[r] = row;
  }
  return rows;
}

/** Arrow table → columns; numeric columns become Float64Array with NaN for NULL. */
export function tableToColumns(table: Table): Record<string, Float64Array | unknown[]> {
  const out: Record<string, Float64Array | unknown[]> = {};
  table.schema.fields.forEach((field, i) => {
    const v = table.getChildAt(i)!;
    const typeId = field.type.typeId as number;
    const numeric = typeId === 2 || typeId === 3; // Int, Float
    if (numeric) {
      const arr = new Float64Array(table.numRows);
      for (let r = 0; r < table.numRows; r++) {
        const x = v.get(r);
        arr[r] = x === null || x === undefined ? NaN : Number(x);
      }
      out[field.name] = arr;
    } else {
      out[field.name] = Array.from({ length: table.numRows }, (_, r) => cell(v.get(r)));
    }
  });
  return out;
}
