/**
 * The columnar copy of skill_invocation in DuckDB-WASM, for fast scans, windows and hourly buckets.
 * Rows move over as Arrow IPC (no CSV/JSON detour); times arrive already parsed (UTC).
 *
 * Table `invocations`: id BIGINT, skill_name VARCHAR, invoked_at TIMESTAMP (UTC),
 * invoked_at_us BIGINT (epoch microseconds), session_id VARCHAR, workflow_phase VARCHAR,
 * completed INTEGER (0/1), duration_seconds DOUBLE (NULL when unknown). Ordered by (invoked_at, id).
 */
import { Table, makeVector, tableToIPC, vectorFromArray, Utf8 } from 'apache-arrow';
import type { InvocationColumns, RowProgress } from './SkillsDatabase.js';
import type { Row, WarehouseConnection } from './warehouse-connection.js';

const LOAD_CHUNK = 100_000;

export class Warehouse {
  constructor(private readonly conn: WarehouseConnection) {}

  /** Replaces the invocations table with `cols` (the old table stays until the new one is complete). */
  async loadInvocations(cols: InvocationColumns, onProgress?: RowProgress): Promise<void> {
    await this.conn.query('DROP TABLE IF EXISTS invocations_staging');
    await this.conn.query('DROP TABLE IF EXISTS invocations_next');
    for (let start = 0; start < Math.max(cols.length, 1); start += LOAD_CHUNK) {
      const end = Math.min(cols.length, start + LOAD_CHUNK);
      const slice = <T>(a: T[]) => a.slice(start, end);
      const table = new Table({
        id: makeVector(cols.id.subarray(start, end)),
        skill_name: vectorFromArray(slice(cols.skillName), new Utf8()),
        invoked_at_us: makeVector(cols.invokedAt.subarray(start, end)),
        session_id: vectorFromArray(slice(cols.sessionId), new Utf8()),
        workflow_phase: vectorFromArray(slice(cols.workflowPhase), new Utf8()),
        completed: makeVector(cols.completed.subarray(start, end)),
        duration_seconds: makeVector(cols.durationSeconds.subarray(start, end)),
      });
      await this.conn.insertArrowIPC('invocations_staging', tableToIPC(table, 'stream'), start === 0);
      onProgress?.(end, cols.length);
    }
    await this.conn.query(`CREATE TABLE invocations_next AS
      SELECT CAST(id AS BIGINT) AS id, skill_name, make_timestamp(CAST(invoked_at_us AS BIGINT)) AS invoked_at,
             CAST(invoked_at_us AS BIGINT) AS invoked_at_us, session_id, workflow_phase,
             CAST(completed AS INTEGER) AS completed,
             CASE WHEN isnan(duration_seconds) THEN NULL ELSE duration_seconds END AS duration_seconds
      FROM invocations_staging ${cols.length === 0 ? 'WHERE false' : ''}
      ORDER BY invoked_at_us, id`);
    await this.conn.query('DROP TABLE invocations_staging');
    // Swap at the end, so a failed load leaves the previous file's table in place.
    await this.conn.query('DROP TABLE IF EXISTS invocations');
    await this.conn.query('ALTER TABLE invocations_next RENAME TO invocations');
  }

  /** Drops the invocations table (the file was closed). */
  async dropInvocations(): Promise<void> {
    await this.conn.query('DROP TABLE IF EXISTS invocations');
  }

  /** Runs analytic SQL and returns plain rows. */
  query<T = Row>(sql: string, params?: unknown[]): Promise<T[]> {
    return this.conn.query(sql, params) as Promise<T[]>;
  }

  /** Runs analytic SQL and returns columns (numeric → Float64Array, NULL → NaN). */
  columns(sql: string, params?: unknown[]): Promise<Record<string, Float64Array | unknown[]>> {
    return this.conn.columns(sql, params);
  }

  close(): Promise<void> {
    return this.conn.close();
  }
}
