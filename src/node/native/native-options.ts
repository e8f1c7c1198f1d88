/** Settings of a native DuckDB warehouse (kept apart from the code that imports @duckdb/node-api, an optional package). */
export interface NativeConnectionOptions {
  /** DuckDB worker threads; default: DuckDB's own choice (all cores). */
  threads?: number;
  /** Directories DuckDB may read and write (COPY … TO, read_parquet) although external access is off; default none. */
  allowedDirectories?: readonly string[];
  /** DuckDB's memory_limit (e.g. '8192MiB'); default DuckDB's own (80 % of the machine's memory). */
  memoryLimit?: string;
}
