/**
 * `exportParquetFiles(db, outDir)`: opens a skills.db (or several, as one dataset) on native DuckDB
 * allowed to write only into `outDir`, and writes the invocations and A/B tables there as Parquet.
 */
import { AnalyticsError } from '../engine/errors.js';
import { exportParquet, type ParquetExport, prepareOutDir } from './native/export-parquet.js';
import { loadNodeApi } from './native/native-host.js';
import { openNode } from './open-node.js';

/** Options of `exportParquetFiles`. */
export interface ExportParquetOptions {
  /** Must be 'native' or 'auto' (the default; both mean native): DuckDB-WASM cannot write files here. */
  engine?: 'native' | 'wasm' | 'auto';
  /** Native DuckDB's worker threads (default: all cores). */
  threads?: number;
}

/**
 * @param db the skills.db path (its `-wal` beside it is read too), or several paths: one dataset,
 *   each row's file in `source` (invocations: as `openAnalytics([...])` unions them; A/B tables:
 *   each file's rows as they are, with `source`)
 * @param outDir the folder to write `invocations.parquet`, `ab_test_*.parquet` into (created when missing)
 * @param options engine and threads
 * @returns the files written (table, path, rows, bytes)
 * @throws AnalyticsError NATIVE_UNAVAILABLE without @duckdb/node-api or with `engine: 'wasm'`
 * @example
 * const { files } = await exportParquetFiles('skills.db', 'out');
 * // files[0]: { table: 'invocations', path: '/…/out/invocations.parquet', rows: 2000, bytes: … }
 */
export async function exportParquetFiles(db: string | readonly string[], outDir: string, options: ExportParquetOptions = {}): Promise<ParquetExport> {
  if (options.engine === 'wasm') {
    throw new AnalyticsError('NATIVE_UNAVAILABLE', 'Parquet export needs the native engine (DuckDB-WASM cannot write files to this machine): use --engine native or auto');
  }
  if (typeof db !== 'string' && db.length === 0) throw new AnalyticsError('INVALID_ARGUMENT', 'exportParquetFiles: no database given');
  await loadNodeApi(); // NATIVE_UNAVAILABLE before anything is created
  const dir = await prepareOutDir(outDir);
  const several = typeof db !== 'string' && db.length > 1;
  const engine = await openNode(typeof db === 'string' ? db : several ? db : db[0], { engine: 'native', threads: options.threads }, { allowedDirectories: [dir] });
  try {
    const sources = several ? (await engine.info()).sources.map((s) => ({ name: s.name, db: engine.context({ source: s.name }).db })) : undefined;
    return await exportParquet(engine, dir, sources);
  } finally {
    await engine.dispose();
  }
}
