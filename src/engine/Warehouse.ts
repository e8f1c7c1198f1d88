/**
 * The columnar copy of skill_invocation in DuckDB (DuckDB-WASM, or native DuckDB in Node), for fast
 * scans, windows and hourly buckets. Rows move over as typed columns (`insertColumns`: Arrow IPC
 * for DuckDB-WASM, data chunks for native DuckDB; no CSV/JSON detour); times arrive already parsed (UTC).
 *
 * Table `invocations`: id BIGINT, skill_name VARCHAR, invoked_at TIMESTAMP (UTC),
 * invoked_at_us BIGINT (epoch microseconds), session_id VARCHAR, workflow_phase VARCHAR,
 * completed INTEGER (0/1), duration_seconds DOUBLE (NULL when unknown), source VARCHAR (the file
 * the row came from when several files are one dataset, else NULL). Ordered by (invoked_at, id).
 */
import type { InvocationColumns, RowProgress } from './SkillsDatabase.js';
import { dictionaryEncode } from './dictionary.js';
import { AnalyticsError } from './errors.js';
import type { LoadColumn, Row, WarehouseConnection } from './warehouse-connection.js';
import { yieldToEvents } from './yield-to-events.js';

const LOAD_CHUNK = 100_000;

/** A background load: how many queries wait for it, and whether a newer load made it pointless. */
interface LoadRun {
  waiters: number;
  superseded: boolean;
}

/** Why a background load stopped: a newer one replaced it before any query needed it. */
const SUPERSEDED = new Error('superseded by a newer load');

export class Warehouse {
  private conn: WarehouseConnection | null = null;
  /** Re-reads the invocations from the file, to rebuild after a fault. */
  private source: (() => InvocationColumns) | null = null;
  /** The load started last (queries wait for it); loads run one after another. */
  private pending: Promise<void> = Promise.resolve();
  /** The last load failed: the next query loads again from `source`. */
  private stale = false;
  /** The DuckDB instance being started, so that it starts once. */
  private starting: Promise<WarehouseConnection> | null = null;
  /** The background load started last. */
  private run: LoadRun | null = null;
  /** Open calls holding the background loads ({@link pauseLoads}), and what they wait on. */
  private paused = 0;
  private resumed: Promise<void> = Promise.resolve();
  private resume: () => void = () => undefined;
  /** Closed for good ({@link close}): nothing starts DuckDB again. */
  private closed = false;

  /** @param connect starts a fresh DuckDB database (the host's) */
  constructor(private readonly connect: () => Promise<WarehouseConnection>) {}

  /**
   * The live connection. After a fault made DuckDB unusable (a wasm trap), a new instance is
   * started and the invocations are loaded again from the file: one failed query, not a dead worker.
   */
  private async connection(): Promise<WarehouseConnection> {
    if (this.conn && !this.conn.broken) return this.conn;
    if (this.conn) await this.conn.close().catch(() => undefined);
    this.conn = null;
    this.starting ??= this.connect().finally(() => (this.starting = null));
    const conn = await this.starting;
    // Two callers awaited the same start: the first one in has installed it (and loaded it).
    const installed = this.conn as WarehouseConnection | null;
    if (installed === conn) return conn;
    this.conn = conn;
    if (this.source) await this.load(conn, this.source());
    return conn;
  }

  /**
   * Starts DuckDB now (its wasm compiles and initialises while the caller reads the file).
   * @returns when DuckDB answers; a failure is kept for the first query (which starts it again)
   */
  start(): Promise<void> {
    if (this.closed) return Promise.resolve();
    const started = this.connection().then(() => undefined);
    started.catch(() => undefined);
    return started;
  }

  /**
   * Loads `cols` behind the caller's back: returns at once; every query waits for the load (and
   * for the loads queued before it). A failed load is retried from `source` by the next query.
   * @param source re-reads the same rows (rebuild after a fault or a failed load)
   * @returns the load's completion (already handled: awaiting it is optional)
   */
  loadInBackground(cols: InvocationColumns, onProgress?: RowProgress, source?: () => InvocationColumns): Promise<void> {
    // The load before this one stops at its next step when no query waits for it: its rows would
    // be replaced at once (a query waiting for it still gets the table it waited for).
    this.supersedeUnwaited();
    const mine: LoadRun = { waiters: 0, superseded: false };
    this.run = mine;
    const run = this.pending
      .catch(() => undefined)
      .then(async () => {
        // One macrotask first: the caller's answer (open() through the worker) is posted before
        // the load's synchronous work (encoding the text columns, the first chunk) starts.
        await yieldToEvents();
        await this.step(mine);
        this.source = null;
        try {
          await this.load(await this.connection(), cols, onProgress, mine);
          this.source = source ?? null;
          this.stale = false;
        } catch (e) {
          if (e === SUPERSEDED) throw e;
          this.source = source ?? null;
          this.stale = true;
          throw e;
        }
      });
    // A superseded load is no failure: the queries wait for the newer one.
    this.pending = run.catch((e) => {
      if (e !== SUPERSEDED) throw e;
    });
    this.pending.catch(() => undefined);
    run.catch(() => undefined);
    return run;
  }

  /**
   * Holds the background loads at their next step until the returned function is called: a new
   * open reads its file without the previous file's load taking turns on this thread (a load the
   * open then replaces never resumes).
   * @returns resumes the loads (once; later calls do nothing)
   */
  pauseLoads(): () => void {
    if (this.paused++ === 0) this.resumed = new Promise((resolve) => (this.resume = resolve));
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      if (--this.paused === 0) this.resume();
    };
  }

  /** Between two steps of a background load: waits while loads are held, stops a superseded one. */
  private async step(run: LoadRun | undefined): Promise<void> {
    if (!run) return;
    while (this.paused > 0) await this.resumed;
    if (run.superseded) throw SUPERSEDED;
  }

  /** Waits for the pending load; after a failed one, loads again from the file (or fails with why). */
  private async ready(): Promise<WarehouseConnection> {
    const run = this.run;
    if (run) run.waiters++;
    try {
      await this.pending;
    } catch (e) {
      if (!this.stale || !this.source) throw e;
    } finally {
      if (run) run.waiters--;
    }
    if (this.stale && this.source) {
      const source = this.source;
      await this.loadInBackground(source(), undefined, source);
    }
    return this.connection();
  }

  /**
   * Replaces the invocations table with `cols` (the old table stays until the new one is complete).
   * @param source re-reads the same rows, used to rebuild after a fault
   */
  async loadInvocations(cols: InvocationColumns, onProgress?: RowProgress, source?: () => InvocationColumns): Promise<void> {
    await this.load(await this.connection(), cols, onProgress);
    this.source = source ?? null;
  }

  private async load(conn: WarehouseConnection, cols: InvocationColumns, onProgress?: RowProgress, run?: LoadRun): Promise<void> {
    await this.step(run);
    for (const t of ['invocations_staging', 'invocations_next', 'skill_names', 'session_ids', 'phases', 'source_names']) await conn.query(`DROP TABLE IF EXISTS ${t}`);
    // Text columns cross as integer codes plus one small table of distinct values each: building
    // Arrow strings row by row cost ~6.5 s per million rows, codes cost ~0.1 s.
    const skills = encode(cols.skillName, cols.length);
    const sessions = encode(cols.sessionId, cols.length);
    const phases = encode(cols.workflowPhase, cols.length);
    const source = cols.source;
    const dictionaries: [string, readonly (string | null)[]][] = [
      ['skill_names', skills.values],
      ['session_ids', sessions.values],
      ['phases', phases.values],
    ];
    if (source) dictionaries.push(['source_names', source.names.length ? source.names : [null]]);
    for (const [name, values] of dictionaries) {
      await conn.insertColumns(
        name,
        [
          { name: 'code', type: 'INTEGER', values: Int32Array.from(values, (_, i) => i) },
          { name: 'value', type: 'VARCHAR', values },
        ],
        true,
      );
    }
    for (let start = 0; start < Math.max(cols.length, 1); start += LOAD_CHUNK) {
      await this.step(run);
      const end = Math.min(cols.length, start + LOAD_CHUNK);
      await conn.insertColumns(
        'invocations_staging',
        [
          { name: 'id', type: 'DOUBLE', values: cols.id.subarray(start, end) },
          { name: 'skill_code', type: 'INTEGER', values: skills.codes.subarray(start, end) },
          { name: 'invoked_at_us', type: 'DOUBLE', values: cols.invokedAt.subarray(start, end) },
          { name: 'session_code', type: 'INTEGER', values: sessions.codes.subarray(start, end) },
          { name: 'phase_code', type: 'INTEGER', values: phases.codes.subarray(start, end) },
          { name: 'completed', type: 'UTINYINT', values: cols.completed.subarray(start, end) },
          { name: 'duration_seconds', type: 'DOUBLE', values: cols.durationSeconds.subarray(start, end) },
          ...(source ? [{ name: 'source_code', type: 'INTEGER' as const, values: source.codes.subarray(start, end) }] : []),
        ],
        start === 0,
      );
      onProgress?.(end, cols.length);
      await yieldToEvents();
    }
    await this.step(run);
    await conn.query(`CREATE TABLE invocations_next AS
      SELECT CAST(s.id AS BIGINT) AS id, k.value AS skill_name, make_timestamp(CAST(s.invoked_at_us AS BIGINT)) AS invoked_at,
             CAST(s.invoked_at_us AS BIGINT) AS invoked_at_us, x.value AS session_id, p.value AS workflow_phase,
             CAST(s.completed AS INTEGER) AS completed,
             CASE WHEN isnan(s.duration_seconds) THEN NULL ELSE s.duration_seconds END AS duration_seconds,
             ${source ? 'f.value' : 'CAST(NULL AS VARCHAR)'} AS source
      FROM invocations_staging s
      JOIN skill_names k ON k.code = s.skill_code
      JOIN session_ids x ON x.code = s.session_code
      JOIN phases p ON p.code = s.phase_code
      ${source ? 'LEFT JOIN source_names f ON f.code = s.source_code' : ''}
      ${cols.length === 0 ? 'WHERE false' : ''}
      ORDER BY s.invoked_at_us, s.id`);
    for (const t of ['invocations_staging', 'skill_names', 'session_ids', 'phases', 'source_names']) await conn.query(`DROP TABLE IF EXISTS ${t}`);
    // Swap at the end, so a failed load leaves the previous file's table in place.
    await conn.query('DROP TABLE IF EXISTS invocations');
    await conn.query('ALTER TABLE invocations_next RENAME TO invocations');
  }

  /**
   * Drops the invocations table (the file was closed). The closed file's load stops at its next
   * step unless a query waits for it, and a DuckDB that never started is not started for this.
   */
  async dropInvocations(): Promise<void> {
    this.supersedeUnwaited();
    await this.pending.catch(() => undefined);
    this.source = null;
    this.stale = false;
    if (!this.conn && !this.starting) return;
    await (await this.connection()).query('DROP TABLE IF EXISTS invocations');
  }

  /** The background load started last stops at its next step, unless a query waits for it. */
  private supersedeUnwaited(): void {
    if (this.run && this.run.waiters === 0) this.run.superseded = true;
  }

  /** Runs analytic SQL and returns plain rows (after the pending load). */
  async query<T = Row>(sql: string, params?: unknown[]): Promise<T[]> {
    return (await this.ready()).query(sql, params) as Promise<T[]>;
  }

  /** Runs analytic SQL and returns columns (numeric → Float64Array, NULL → NaN), after the pending load. */
  async columns(sql: string, params?: unknown[]): Promise<Record<string, Float64Array | unknown[]>> {
    return (await this.ready()).columns(sql, params);
  }

  /**
   * Appends typed columns to a table of its own (after the pending load): for data that is not the
   * invocations, e.g. A/B tables on their way to Parquet.
   * @param table a new or existing table (never `invocations`)
   * @param columns the columns, all of one length
   * @param create create the table from the columns' types first
   */
  async insertColumns(table: string, columns: readonly LoadColumn[], create: boolean): Promise<void> {
    if (/^invocations/i.test(table)) throw new AnalyticsError('INVALID_ARGUMENT', `insertColumns: table ${table} is the warehouse's own`);
    await (await this.ready()).insertColumns(table, columns, create);
  }

  /** From now on {@link start} starts nothing (the engine is being disposed; {@link close} ends it). */
  retire(): void {
    this.closed = true;
  }

  /** Closes DuckDB for good: a load no query waits for stops, and a start in flight is closed when it ends. */
  async close(): Promise<void> {
    this.closed = true;
    this.supersedeUnwaited();
    await this.pending.catch(() => undefined);
    this.source = null;
    if (this.starting) await this.starting.catch(() => undefined);
    await this.conn?.close();
    this.conn = null;
  }
}

/** Dictionary-encodes a text column: distinct values (NULL kept as a value) and one code per row. */
export function encode(column: readonly (string | null)[], length: number): { values: (string | null)[]; codes: Int32Array } {
  const encoded = dictionaryEncode(column, length);
  if (encoded.values.length === 0) encoded.values.push(null); // an empty file still gets a typed dictionary table
  return encoded;
}
