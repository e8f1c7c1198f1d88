/**
 * Parquet out: the warehouse's `invocations` (with `source`) and the A/B tables as Parquet files,
 * written by native DuckDB (`COPY … TO … (FORMAT parquet)`), so the same SQL runs on DuckDB,
 * MotherDuck or Spark over object storage. DuckDB-WASM cannot write to this machine's disk (its
 * files live in its own memory), so this needs the native engine.
 */
import { mkdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AnalyticsEngine } from '../../analytics/AnalyticsEngine.js';
import { AnalyticsError } from '../../engine/errors.js';
import type { SkillsDatabase } from '../../engine/SkillsDatabase.js';
import type { Warehouse } from '../../engine/Warehouse.js';
import type { LoadColumn } from '../../engine/warehouse-connection.js';

/** The A/B tables written when the file has them (session-buddy's names). */
export const AB_TABLES = ['ab_test_configs', 'ab_test_assignments', 'ab_test_outcomes'] as const;

/** One Parquet file written. */
export interface ParquetFile {
  table: string;
  /** Absolute path of the .parquet file. */
  path: string;
  rows: number;
  bytes: number;
}

/** What `exportParquet` wrote. */
export interface ParquetExport {
  outDir: string;
  files: ParquetFile[];
}

/** A file whose A/B tables are exported, and the name its rows carry in `source` (null for a single file). */
export interface AbTableSource {
  name: string | null;
  db: SkillsDatabase;
}

/**
 * Writes `invocations.parquet` and one file per A/B table present (each with a `source` column)
 * into `outDir`, which must be a directory the engine's native warehouse may write to
 * (`createNativeHost({ allowedDirectories: [outDir] })`).
 * @param engine an open engine on the native host
 * @param outDir the output directory (created when missing)
 * @param abSources the files whose A/B tables to write (default: the engine's open file)
 * @returns the files written, with their row counts and sizes
 * @throws AnalyticsError NATIVE_UNAVAILABLE when the warehouse is DuckDB-WASM (it cannot write here)
 * @example
 * const engine = new AnalyticsEngine(createNativeHost({ allowedDirectories: ['/tmp/out'] }));
 * await engine.open(bytes);
 * await exportParquet(engine, '/tmp/out'); // { files: [{ table: 'invocations', rows: 2000, ... }, ...] }
 */
export async function exportParquet(engine: AnalyticsEngine, outDir: string, abSources?: readonly AbTableSource[]): Promise<ParquetExport> {
  const context = engine.context();
  const warehouse = context.warehouse;
  const [{ v }] = await warehouse.query<{ v: string }>("SELECT current_setting('allowed_directories')::VARCHAR AS v");
  const dir = await realpath(outDir).catch(() => null);
  if (!dir || !v.includes(dir)) {
    throw new AnalyticsError(
      'NATIVE_UNAVAILABLE',
      `export-parquet needs the native DuckDB warehouse allowed to write to ${outDir} (DuckDB-WASM cannot write files to this machine): use engine 'native' (npm install @duckdb/node-api)`,
    );
  }
  const files: ParquetFile[] = [];
  const write = async (table: string, select: string) => {
    const file = path.join(dir, `${table}.parquet`);
    await warehouse.query(`COPY (${select}) TO ${literal(file)} (FORMAT parquet, COMPRESSION zstd)`);
    const [{ n }] = await warehouse.query<{ n: number }>(`SELECT count(*) AS n FROM read_parquet(${literal(file)})`);
    files.push({ table, path: file, rows: n, bytes: (await stat(file)).size });
  };
  await write('invocations', 'SELECT * FROM invocations ORDER BY invoked_at_us, id');
  for (const table of AB_TABLES) {
    const sources = (abSources ?? [{ name: null, db: context.db }]).filter((s) => s.db.hasTable(table));
    if (!sources.length) continue;
    const selects: string[] = [];
    for (const [i, source] of sources.entries()) selects.push(await stageTable(warehouse, source, table, `export_${table}_${i}`));
    await write(table, selects.join('\nUNION ALL BY NAME\n'));
    for (let i = 0; i < sources.length; i++) await warehouse.query(`DROP TABLE IF EXISTS export_${table}_${i}`);
  }
  return { outDir: dir, files };
}

/**
 * Creates the export directory and resolves it (DuckDB's allowed_directories compares real paths).
 * @param outDir the directory asked for
 * @returns its real absolute path
 * @example await prepareOutDir('out') // '/home/me/out'
 */
export async function prepareOutDir(outDir: string): Promise<string> {
  try {
    await mkdir(outDir, { recursive: true });
    return await realpath(outDir);
  } catch (e) {
    throw new AnalyticsError('INVALID_ARGUMENT', `cannot create ${outDir}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

type Kind = 'BIGINT' | 'DOUBLE' | 'VARCHAR';

/**
 * Moves one SQLite table into DuckDB as typed columns (SQLite's declared type, checked against the
 * values: integers → BIGINT, numbers → DOUBLE, anything else → VARCHAR; NULL stays NULL).
 * @returns the SELECT that reads it back with its SQL types and `source`
 */
async function stageTable(warehouse: Warehouse, source: AbTableSource, table: string, staging: string): Promise<string> {
  const info = source.db.all<{ name: string; type: string }>(`PRAGMA table_info(${literal(table)})`);
  const rows = source.db.all<Record<string, unknown>>(`SELECT * FROM "${table}"`);
  const load: LoadColumn[] = [];
  const select: string[] = [];
  for (const { name, type } of info) {
    const values = rows.map((r) => r[name]);
    const kind = kindOf(type, values);
    const q = `"${name.replaceAll('"', '""')}"`;
    if (kind === 'VARCHAR') {
      load.push({
        name,
        type: 'VARCHAR',
        values: values.map((x) => (x === null || x === undefined ? null : x instanceof Uint8Array ? Buffer.from(x).toString('hex') : String(x))),
      });
      select.push(q);
    } else {
      load.push({ name, type: 'DOUBLE', values: Float64Array.from(values, (x) => (x === null || x === undefined ? NaN : Number(x))) });
      const value = `CASE WHEN isnan(${q}) THEN NULL ELSE ${q} END`;
      select.push(`${kind === 'BIGINT' ? `CAST(${value} AS BIGINT)` : value} AS ${q}`);
    }
  }
  await warehouse.insertColumns(staging, load, true);
  return `SELECT ${select.join(', ')}, CAST(${source.name === null ? 'NULL' : literal(source.name)} AS VARCHAR) AS source FROM ${staging}`;
}

/**
 * The column's type from SQLite's type affinity (INT → integer, CHAR/CLOB/TEXT → text,
 * REAL/FLOA/DOUB → real, else numeric or none: decided by the values), widened by the values the
 * column actually holds (SQLite stores any value in any column).
 */
function kindOf(declared: string, values: readonly unknown[]): Kind {
  const t = declared.toUpperCase();
  if (/CHAR|CLOB|TEXT/.test(t) && !t.includes('INT')) return 'VARCHAR';
  let kind: Kind = t.includes('INT') ? 'BIGINT' : /REAL|FLOA|DOUB/.test(t) ? 'DOUBLE' : 'BIGINT';
  for (const x of values) {
    if (x === null || x === undefined) continue;
    if (typeof x !== 'number') return 'VARCHAR';
    if (!Number.isSafeInteger(x)) kind = 'DOUBLE';
  }
  return kind;
}

/** A SQL string literal. */
function literal(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
