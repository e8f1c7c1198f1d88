/**
 * The Warehouse's connection over native DuckDB (`@duckdb/node-api`): the same SQL as DuckDB-WASM,
 * multi-threaded and without the wasm heap's limits. Results come back in exactly the shapes the
 * DuckDB-WASM connection gives (BIGINT/HUGEINT/DECIMAL as numbers, TIMESTAMP/DATE as epoch
 * milliseconds, NULL as null), so every capability reads both alike.
 *
 * Offline by construction: external access and extension auto-install/auto-load are off (parquet,
 * json and icu are linked into the binary; nothing is ever downloaded). Writing files (Parquet
 * export) is allowed only under the directories named at open (`allowedDirectories`).
 */
import type { DuckDBConnection, DuckDBDataChunk, DuckDBMaterializedResult, DuckDBInstance, DuckDBType, DuckDBVector } from '@duckdb/node-api';
import { AnalyticsError } from '../../engine/errors.js';
import { inlineParams } from '../../engine/sql-literals.js';
import type { LoadColumn, Row, WarehouseConnection } from '../../engine/warehouse-connection.js';
import type { NativeConnectionOptions } from './native-options.js';

export type { NativeConnectionOptions } from './native-options.js';

/** The `@duckdb/node-api` module (loaded on demand: it is an optional peer dependency). */
export type NodeApi = typeof import('@duckdb/node-api');

/** Rows per appended data chunk (DuckDB's vector size). */
const CHUNK = 2048;

/**
 * Opens an in-memory native DuckDB as a WarehouseConnection.
 * @param api the loaded `@duckdb/node-api` module
 * @param options threads and writable directories
 * @returns the connection (call `close()` when done)
 * @example
 * const conn = await nativeConnection(await import('@duckdb/node-api'), { threads: 2 });
 * await conn.query('SELECT 42 AS x'); // [{ x: 42 }]
 */
export async function nativeConnection(api: NodeApi, options: NativeConnectionOptions = {}): Promise<WarehouseConnection> {
  const config: Record<string, string> = { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' };
  if (options.threads) config.threads = String(options.threads);
  if (options.memoryLimit) config.memory_limit = options.memoryLimit;
  const instance: DuckDBInstance = await api.DuckDBInstance.create(':memory:', config);
  const conn: DuckDBConnection = await instance.connect();
  const dirs = options.allowedDirectories ?? [];
  if (dirs.length) await conn.run(`SET allowed_directories = [${dirs.map((d) => `'${d.replaceAll("'", "''")}'`).join(', ')}]`);
  await conn.run('SET enable_external_access = false');
  const typeOf = (c: LoadColumn): DuckDBType => (c.type === 'DOUBLE' ? api.DOUBLE : c.type === 'INTEGER' ? api.INTEGER : c.type === 'UTINYINT' ? api.UTINYINT : api.VARCHAR);
  let closed = false;
  const run = async (sql: string, params?: unknown[]) => {
    if (closed) throw new AnalyticsError('INTERNAL', 'the native warehouse is closed');
    const text = params?.length ? inlineParams(sql, params) : sql;
    try {
      return await conn.run(text);
    } catch (e) {
      throw new AnalyticsError('INTERNAL', `warehouse query failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return {
    async query(sql, params) {
      const result = await run(sql, params);
      const chunks = allChunks(result);
      const names = result.deduplicatedColumnNames();
      const columns = names.map((_, c) => readColumn(api, result.columnTypeId(c), chunks, c, result.rowCount));
      const rows: Row[] = new Array(result.rowCount);
      for (let r = 0; r < rows.length; r++) {
        const row: Row = {};
        for (let c = 0; c < names.length; c++) row[names[c]] = columns[c][r];
        rows[r] = row;
      }
      return rows;
    },
    async columns(sql, params) {
      const result = await run(sql, params);
      const chunks = allChunks(result);
      const out: Record<string, Float64Array | unknown[]> = {};
      result.deduplicatedColumnNames().forEach((name, c) => {
        const typeId = result.columnTypeId(c);
        out[name] = isNumeric(api, typeId) ? readNumbers(api, typeId, chunks, c, result.rowCount) : readColumn(api, typeId, chunks, c, result.rowCount);
      });
      return out;
    },
    async insertColumns(table, columns, create) {
      const quoted = `"${table.replaceAll('"', '""')}"`;
      if (create) await conn.run(`CREATE TABLE ${quoted} (${columns.map((c) => `"${c.name.replaceAll('"', '""')}" ${c.type}`).join(', ')})`);
      const n = columns[0]?.values.length ?? 0;
      if (n === 0) return;
      const appender = await conn.createAppender(table);
      const types = columns.map(typeOf);
      let chunk: DuckDBDataChunk | null = null;
      try {
        for (let start = 0; start < n; start += CHUNK) {
          const size = Math.min(CHUNK, n - start);
          if (!chunk || size !== chunk.rowCount) chunk = api.DuckDBDataChunk.create(types, size);
          columns.forEach((col, c) => fillVector(chunk!.getColumnVector(c), col, start, size));
          appender.appendDataChunk(chunk);
        }
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** Every chunk of a materialized result. */
function allChunks(result: DuckDBMaterializedResult): DuckDBDataChunk[] {
  const chunks: DuckDBDataChunk[] = [];
  for (let i = 0; i < result.chunkCount; i++) chunks.push(result.getChunk(i));
  return chunks;
}

/** Writes rows [start, start + size) of `col` into a chunk's vector (NaN stays NaN: the SQL decides). */
function fillVector(vector: DuckDBVector, col: LoadColumn, start: number, size: number): void {
  const values = col.values;
  for (let i = 0; i < size; i++) vector.setItem(i, values[start + i] as never);
  vector.flush();
}

const NUMERIC_NAMES = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'HUGEINT', 'UHUGEINT', 'FLOAT', 'DOUBLE', 'DECIMAL'] as const;
/** Type ids read as numbers (DuckDB-WASM's castBigIntToDouble / castDecimalToDouble). */
const NUMERIC = new Set<number>();

function isNumeric(api: NodeApi, typeId: number): boolean {
  if (NUMERIC.size === 0) for (const name of NUMERIC_NAMES) NUMERIC.add(api.DuckDBTypeId[name]);
  return NUMERIC.has(typeId);
}

/**
 * A numeric result column straight into a Float64Array (NULL → NaN), as `columns` returns it:
 * the values of {@link readColumn} without an array of boxed cells in between.
 */
function readNumbers(api: NodeApi, typeId: number, chunks: readonly DuckDBDataChunk[], column: number, rows: number): Float64Array {
  return readCells(new Float64Array(rows), NaN, converter(api, typeId, api.DuckDBTypeId) as (v: unknown) => number, chunks, column);
}

/** One result column as the DuckDB-WASM connection returns it. */
function readColumn(api: NodeApi, typeId: number, chunks: readonly DuckDBDataChunk[], column: number, rows: number): unknown[] {
  return readCells(new Array<unknown>(rows), null, converter(api, typeId, api.DuckDBTypeId), chunks, column);
}

/** Fills `out` with a column's cells, converted, `missing` for NULL. */
function readCells<T extends { [row: number]: V }, V>(out: T, missing: V, convert: (v: unknown) => V, chunks: readonly DuckDBDataChunk[], column: number): T {
  let r = 0;
  for (const chunk of chunks) {
    const vector = chunk.getColumnVector(column);
    const n = chunk.rowCount;
    for (let i = 0; i < n; i++) {
      const v = vector.getItem(i);
      out[r++] = v === null || v === undefined ? missing : convert(v);
    }
  }
  return out;
}

/** The cell conversion for one column type. */
function converter(api: NodeApi, typeId: number, id: NodeApi['DuckDBTypeId']): (v: unknown) => unknown {
  switch (typeId) {
    case id.BOOLEAN:
    case id.VARCHAR:
    case id.FLOAT:
    case id.DOUBLE:
    case id.TINYINT:
    case id.SMALLINT:
    case id.INTEGER:
    case id.UTINYINT:
    case id.USMALLINT:
    case id.UINTEGER:
      return (v) => v;
    case id.BIGINT:
    case id.UBIGINT:
    case id.HUGEINT:
    case id.UHUGEINT:
      return (v) => Number(v as bigint);
    case id.DECIMAL:
      return (v) => (v as InstanceType<NodeApi['DuckDBDecimalValue']>).toDouble();
    case id.TIMESTAMP:
    case id.TIMESTAMP_TZ:
      return (v) => Number((v as { micros: bigint }).micros) / 1000;
    case id.TIMESTAMP_MS:
      return (v) => Number((v as { millis: bigint }).millis);
    case id.TIMESTAMP_S:
      return (v) => Number((v as { seconds: bigint }).seconds) * 1000;
    case id.TIMESTAMP_NS:
      return (v) => Number((v as { nanos: bigint }).nanos) / 1e6;
    case id.DATE:
      return (v) => (v as { days: number }).days * 86_400_000;
    default:
      return (v) => api.JSDuckDBValueConverter(v as never, undefined as never, api.JSDuckDBValueConverter);
  }
}
