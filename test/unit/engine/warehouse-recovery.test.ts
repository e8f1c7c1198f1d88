/**
 * A fault inside DuckDB (a wasm trap leaves its memory in an unknown state) costs one failed query,
 * not the worker: the next call starts a fresh DuckDB and reloads the invocations from the file.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { AnalyticsEngine } from '../../../src/analytics/index.js';
import type { WarehouseConnection } from '../../../src/engine/warehouse-connection.js';
import { nodeHost } from '../../../src/node/host.js';

it('rebuilds the warehouse after a trap and answers again', async () => {
  let connections = 0;
  const host = {
    ...nodeHost,
    async openWarehouse(): Promise<WarehouseConnection> {
      const real = await nodeHost.openWarehouse();
      connections++;
      let broken = false;
      return {
        get broken() {
          return broken;
        },
        query: async (sql, params) => {
          if (sql.includes('/* trap */')) {
            broken = true;
            throw new WebAssembly.RuntimeError('memory access out of bounds');
          }
          return real.query(sql, params);
        },
        columns: (sql, params) => real.columns(sql, params),
        insertColumns: (t, columns, c) => real.insertColumns(t, columns, c),
        close: () => real.close(),
      };
    },
  };
  const engine = new AnalyticsEngine(host);
  try {
    await engine.open(new Uint8Array(readFileSync('test/fixtures/sample.db')));
    const warehouse = engine.context().warehouse;
    await expect(warehouse.query('SELECT 1 /* trap */')).rejects.toThrow(/memory access out of bounds/);
    const [{ n }] = await warehouse.query<{ n: number }>('SELECT count(*) AS n FROM invocations');
    expect(n).toBe(2000);
    expect(connections).toBe(2);
    const trend = await engine.timeSeries.detectTrend('pytest-run', { asOf: '2026-11-24 19:05:46' });
    expect(trend.pValue).toBeCloseTo(0.059170200148162544, 12);
  } finally {
    await engine.dispose();
  }
});
