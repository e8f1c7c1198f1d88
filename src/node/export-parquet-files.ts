/**
 * `exportParquetFiles(db, outDir)`: opens a skills.db on native DuckDB allowed to write only into
 * `outDir`, and writes its invocations and A/B tables there as Parquet.
 */
import { AnalyticsError } from '../engine/errors.js';
import { exportParquet, type ParquetExport, prepareOutDir } from './native/export-parquet.js';
import { openNode } from './open-node.js';

/** Options of `exportParquetFiles`. */
export interface ExportParquetOptions {
  /** Must be 'native' or 'auto' (the default; both mean native): DuckDB-WASM cannot write files here. */
  engine?: 'native' | 'wasm' | 'auto';
  /** Native DuckDB's worker threads (default: all cores). */
  threads?: number;
}

/**
 * @param db the skills.db path (its `-wal` beside it is read too)
 * @param outDir the folder to write `invocations.parquet`, `ab_test_*.parquet` into (created when missing)
 * @param options engine and threads
 * @returns the files written (table, path, rows, bytes)
 * @throws AnalyticsError NATIVE_UNAVAILABLE without @duckdb/node-api or with `engine: 'wasm'`
 * @example
 * const { files } = await exportParquetFiles('skills.db', 'out');
 * // files[0]: { table: 'invocations', path: '/…/out/invocations.parquet', rows: 2000, bytes: … }
 */
export async function exportParquetFiles(db: string, outDir: string, options: ExportParquetOptions = {}): Promise<ParquetExport> {
  if (options.engine === 'wasm') {
    throw new AnalyticsError('NATIVE_UNAVAILABLE', 'Parquet export needs the native engine (DuckDB-WASM cannot write files to this machine): use --engine native or auto');
  }
  const dir = await prepareOutDir(outDir);
  const { engine } = await openNode(db, { engine: 'native', threads: options.threads }, { allowedDirectories: [dir] });
  try {
    return await exportParquet(engine, dir);
  } finally {
    await engine.dispose();
  }
}
