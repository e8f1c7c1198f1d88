/**
 * Node's DuckDB-WASM runs on a thread of its own (worker_threads: warehouse-worker.ts), one per
 * process, holding every engine's instance. Why: a DuckDB-WASM instance holds ~64k wasm globals and
 * ~56k function wrappers, and on the thread that holds them every full GC takes 50-60 ms instead of
 * ~10; an open's file read (tens of MB of external memory) brings one about every other open
 * (docs/benchmarks.md, "Open speed, seventh pass"). On a thread of their own the main thread's GCs
 * never mark them, and building Arrow IPC and DuckDB's load leave the main thread too. Where a
 * worker cannot start, DuckDB-WASM runs on this thread as before.
 */
import type { Worker } from 'node:worker_threads';
import { AnalyticsError, ERROR_CODES, type ErrorCode } from '../engine/errors.js';
import type { LoadColumn, Row, WarehouseConnection } from '../engine/warehouse-connection.js';
import { openDuckdbWasm } from './duckdb-wasm-node.js';
import { startWorker } from './start-worker.js';

/** A request to the warehouse thread. */
export type ToWarehouseThread =
  | { id: number; op: 'open' | 'close'; conn: number }
  | { id: number; op: 'query' | 'columns'; conn: number; sql: string; params?: unknown[] }
  | { id: number; op: 'insert'; conn: number; table: string; columns: LoadColumn[]; create: boolean };

/** The thread's answer to request `id`: a value or an error, and whether the connection is now broken. */
export interface FromWarehouseThread {
  id: number;
  value?: unknown;
  /** An AnalyticsError's plain-data form (`toJSON()`); anything else thrown there arrives as INTERNAL. */
  error?: { code: string; message: string; details?: Record<string, unknown> };
  broken?: boolean;
}

/** A request before its id is given (Omit over each member of the union). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Unnumbered = WithoutId<ToWarehouseThread>;
type Pending = { resolve(reply: FromWarehouseThread): void; reject(e: Error): void };

/** The process's warehouse thread, started on the first need; a new one after it stopped. */
let current: WarehouseThread | null = null;
/** Set when a worker could not start here: DuckDB-WASM then runs on this thread. */
let inThread = false;

class WarehouseThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private nextConn = 1;
  /** Why the thread stopped, or null while it runs. */
  stopped: string | null = null;
  /** Whether it ever answered (a thread that stops before means workers do not start here). */
  answered = false;

  constructor() {
    this.worker = startWorker(new URL('./warehouse-worker.js', import.meta.url), ['@duckdb/duckdb-wasm', 'apache-arrow']);
    // Idle, it must not keep the process alive; ref'd while a request waits (a CLI has no other handle).
    this.worker.unref();
    // …and again once it runs: Node refs its port as the thread comes online (a process whose
    // thread started, with nothing asked of it since, hung at exit without this).
    this.worker.once('online', () => this.pending.size === 0 && this.worker.unref());
    this.worker.on('message', (reply: FromWarehouseThread) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      this.answered = true;
      if (this.pending.size === 0) this.worker.unref();
      waiting.resolve(reply);
    });
    this.worker.on('error', (e) => this.stop(e instanceof Error ? e.message : String(e)));
    this.worker.on('messageerror', (e) => this.stop(`message error: ${e.message}`));
    this.worker.on('exit', (code) => this.stop(`exited with code ${code}`));
  }

  connectionId(): number {
    return this.nextConn++;
  }

  request(message: Unnumbered, transfer: ArrayBuffer[] = []): Promise<FromWarehouseThread> {
    if (this.stopped) return Promise.reject(new AnalyticsError('INTERNAL', `the warehouse thread stopped (${this.stopped})`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      try {
        this.worker.postMessage({ ...message, id }, transfer);
      } catch (e) {
        this.pending.delete(id);
        if (this.pending.size === 0) this.worker.unref();
        reject(new AnalyticsError('INTERNAL', `a request could not cross to the warehouse thread: ${e instanceof Error ? e.message : String(e)}`));
      }
    });
  }

  stop(reason: string): void {
    if (this.stopped) return;
    this.stopped = reason;
    if (current === this) current = null;
    for (const waiting of this.pending.values()) waiting.reject(new AnalyticsError('INTERNAL', `the warehouse thread stopped: ${reason}`));
    this.pending.clear();
    void this.worker.terminate();
  }
}

/** The running thread, started when there is none (null when workers cannot start here). */
function thread(): WarehouseThread | null {
  if (inThread) return null;
  try {
    current ??= new WarehouseThread();
    return current;
  } catch {
    inThread = true; // `new Worker` refused: this platform runs DuckDB-WASM on the calling thread
    return null;
  }
}

/**
 * Ends the warehouse thread now: its connections report broken (an engine then starts a new
 * DuckDB, on a new thread, and loads its rows again) and requests waiting on it fail with INTERNAL.
 * Not needed before exit: an idle thread never keeps the process alive.
 * @example stopWarehouseThread();
 */
export function stopWarehouseThread(): void {
  current?.stop('stopped by stopWarehouseThread()');
}

/**
 * A new, empty DuckDB-WASM database on the warehouse thread.
 * @returns its connection: every call crosses to the thread; errors keep their code
 * @example const conn = await openWarehouseOnThread(); await conn.query('SELECT 42 AS n'); // [{ n: 42 }]
 */
export async function openWarehouseOnThread(): Promise<WarehouseConnection> {
  const t = thread();
  if (!t) return openDuckdbWasm();
  const conn = t.connectionId();
  try {
    await t.request({ op: 'open', conn });
  } catch (e) {
    if (t.answered || !t.stopped) throw e;
    inThread = true; // the thread stopped before it ever answered: workers do not run here
    return openDuckdbWasm();
  }
  return threadConnection(t, conn);
}

function threadConnection(t: WarehouseThread, conn: number): WarehouseConnection {
  let broken = false;
  const call = async (message: Unnumbered, transfer?: ArrayBuffer[]): Promise<unknown> => {
    const reply = await t.request(message, transfer);
    if (reply.broken) broken = true;
    if (reply.error) throw new AnalyticsError(knownCode(reply.error.code), reply.error.message, reply.error.details);
    return reply.value;
  };
  return {
    get broken() {
      return broken || t.stopped !== null;
    },
    query: (sql, params) => call({ op: 'query', conn, sql, params }) as Promise<Row[]>,
    columns: (sql, params) => call({ op: 'columns', conn, sql, params }) as Promise<Record<string, Float64Array | unknown[]>>,
    async insertColumns(table, columns, create) {
      // Copies of the typed values move to the thread; the caller's arrays (often views of the
      // dataset's columns) stay as they are.
      const own = columns.map((c) => (c.type === 'VARCHAR' ? c : { ...c, values: c.values.slice() })) as LoadColumn[];
      const transfer = own.flatMap((c) => (c.type === 'VARCHAR' ? [] : [c.values.buffer as ArrayBuffer]));
      await call({ op: 'insert', conn, table, columns: own, create }, transfer);
    },
    async close() {
      if (t.stopped) return;
      await call({ op: 'close', conn }).catch(() => undefined); // dropped either way
    },
  };
}

function knownCode(code: string): ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL';
}
