/**
 * Entry point of the warehouse thread (worker_threads; started by warehouse-thread.ts): holds the
 * process's DuckDB-WASM instances and answers their requests in order.
 */
import { parentPort } from 'node:worker_threads';
import { AnalyticsError } from '../engine/errors.js';
import type { WarehouseConnection } from '../engine/warehouse-connection.js';
import { openDuckdbWasm } from './duckdb-wasm-node.js';
import type { FromWarehouseThread, ToWarehouseThread } from './warehouse-thread.js';

if (!parentPort) throw new Error('warehouse-worker.ts runs only as a worker thread');
const port = parentPort;
const connections = new Map<number, WarehouseConnection>();

port.on('message', (m: ToWarehouseThread) => void handle(m));

async function handle(m: ToWarehouseThread): Promise<void> {
  const transfer: ArrayBuffer[] = [];
  let reply: FromWarehouseThread;
  try {
    reply = { id: m.id, value: await run(m, transfer) };
  } catch (e) {
    const error = e instanceof AnalyticsError ? e.toJSON() : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
    reply = { id: m.id, error };
  }
  reply.broken = connections.get(m.conn)?.broken ?? false;
  try {
    port.postMessage(reply, transfer);
  } catch (e) {
    const message = `a warehouse answer could not cross to the main thread: ${e instanceof Error ? e.message : String(e)}`;
    port.postMessage({ id: m.id, error: { code: 'INTERNAL', message } } satisfies FromWarehouseThread);
  }
}

async function run(m: ToWarehouseThread, transfer: ArrayBuffer[]): Promise<unknown> {
  if (m.op === 'open') {
    connections.set(m.conn, await openDuckdbWasm());
    return undefined;
  }
  const conn = connections.get(m.conn);
  if (!conn) throw new AnalyticsError('INTERNAL', `warehouse connection ${m.conn} is closed`);
  switch (m.op) {
    case 'query':
      return conn.query(m.sql, m.params);
    case 'columns': {
      const columns = await conn.columns(m.sql, m.params);
      for (const [name, values] of Object.entries(columns)) {
        if (!(values instanceof Float64Array)) continue;
        // Arrow's arrays are views into one message buffer: each column moves as its own copy.
        const own = values.byteOffset === 0 && values.byteLength === values.buffer.byteLength && !transfer.includes(values.buffer as ArrayBuffer) ? values : values.slice();
        columns[name] = own;
        transfer.push(own.buffer as ArrayBuffer);
      }
      return columns;
    }
    case 'insert':
      await conn.insertColumns(m.table, m.columns, m.create);
      return undefined;
    case 'close':
      connections.delete(m.conn);
      await conn.close();
      return undefined;
  }
}
