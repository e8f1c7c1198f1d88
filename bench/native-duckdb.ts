/**
 * Native DuckDB (@duckdb/node-api) holding the same `invocations` table as our Warehouse, for the
 * time-series benchmark: the rows come from the engine's own sql.js read, so both DuckDBs see
 * identical data; loading is not timed.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { InvocationColumns } from '../src/engine/SkillsDatabase.js';

/** A native DuckDB connection with the invocations table loaded. */
export interface NativeWarehouse {
  /** Runs SQL with positional parameters ($1, $2, ...) and returns plain rows. */
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): void;
}

/**
 * Opens an in-memory native DuckDB and loads `cols` with the appender, then builds the table
 * exactly as Warehouse.loadInvocations does (same columns, types and physical order).
 * @param cols the invocations as read by SkillsDatabase.readInvocations
 * @param threads DuckDB worker threads (default: DuckDB's own choice, all cores)
 * @returns the connection
 */
export async function openNativeWarehouse(cols: InvocationColumns, threads?: number): Promise<NativeWarehouse> {
  const instance = await DuckDBInstance.create(':memory:', threads ? { threads: String(threads) } : {});
  const conn: DuckDBConnection = await instance.connect();
  await conn.run(`CREATE TABLE invocations_staging (id BIGINT, skill_name VARCHAR, invoked_at_us BIGINT, session_id VARCHAR,
    workflow_phase VARCHAR, completed INTEGER, duration_seconds DOUBLE)`);
  const app = await conn.createAppender('invocations_staging');
  for (let i = 0; i < cols.length; i++) {
    app.appendBigInt(BigInt(cols.id[i]));
    app.appendVarchar(cols.skillName[i]);
    app.appendBigInt(BigInt(cols.invokedAt[i]));
    app.appendVarchar(cols.sessionId[i]);
    const phase = cols.workflowPhase[i];
    if (phase === null) app.appendNull();
    else app.appendVarchar(phase);
    app.appendInteger(cols.completed[i]);
    const d = cols.durationSeconds[i];
    if (Number.isNaN(d)) app.appendNull();
    else app.appendDouble(d);
    app.endRow();
  }
  app.closeSync();
  await conn.run(`CREATE TABLE invocations AS
    SELECT id, skill_name, make_timestamp(invoked_at_us) AS invoked_at, invoked_at_us, session_id, workflow_phase,
           completed, duration_seconds
    FROM invocations_staging ORDER BY invoked_at_us, id`);
  await conn.run('DROP TABLE invocations_staging');
  return {
    async query(sql, params) {
      const reader = await conn.runAndReadAll(sql, (params ?? []) as never);
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
