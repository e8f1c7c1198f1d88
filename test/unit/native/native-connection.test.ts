/**
 * The native DuckDB connection reads and loads exactly as the DuckDB-WASM one: the same SQL gives
 * the same values in the same JavaScript shapes, and `insertColumns` builds the same tables.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WarehouseConnection } from '../../../src/engine/warehouse-connection.js';
import { nodeHost } from '../../../src/node/host.js';
import { nativeHost } from '../../../src/node/native/native-host.js';

let wasm: WarehouseConnection;
let native: WarehouseConnection;
beforeAll(async () => {
  [wasm, native] = await Promise.all([nodeHost.openWarehouse(), nativeHost.openWarehouse()]);
});
afterAll(async () => {
  await wasm?.close();
  await native?.close();
});

const TYPED = `SELECT 1::BIGINT AS a, 2::INTEGER AS b, sum(x) AS s, avg(x) AS av, 1.5::DECIMAL(10,2) AS d,
  TIMESTAMP '2026-01-02 03:04:05.123456' AS ts, DATE '2026-01-02' AS dt, x % 2 = 0 AS bo, 'x' || x AS v,
  NULL::VARCHAR AS nv, NULL::BIGINT AS nb, 3::HUGEINT AS h, 4::UTINYINT AS u, 1.5::FLOAT AS f,
  epoch_us(TIMESTAMP '2026-01-02') AS e, count(*) AS n, TIMESTAMPTZ '2026-01-02 00:00:00+00' AS tz
  FROM range(3) t(x) GROUP BY x ORDER BY x`;

it('returns the same rows, cell for cell and type for type', async () => {
  const [a, b] = await Promise.all([wasm.query(TYPED), native.query(TYPED)]);
  expect(b).toEqual(a);
  expect(b[0]).toEqual({
    a: 1,
    b: 2,
    s: 0,
    av: 0,
    d: 1.5,
    ts: 1767323045123.456,
    dt: 1767312000000,
    bo: true,
    v: 'x0',
    nv: null,
    nb: null,
    h: 3,
    u: 4,
    f: 1.5,
    e: 1767312000000000,
    n: 1,
    tz: 1767312000000,
  });
});

it('returns the same columns (numeric as Float64Array with NaN for NULL)', async () => {
  const [a, b] = await Promise.all([wasm.columns(TYPED), native.columns(TYPED)]);
  expect(Object.keys(b)).toEqual(Object.keys(a));
  for (const k of Object.keys(a)) expect(b[k], k).toEqual(a[k]);
  expect(b.nb).toBeInstanceOf(Float64Array);
  expect(Number.isNaN((b.nb as Float64Array)[0])).toBe(true);
  expect(b.v).toEqual(['x0', 'x1', 'x2']);
});

it('insertColumns creates and appends the same table on both engines, across chunk boundaries', async () => {
  const n = 5000; // > 2 native data chunks of 2048 rows
  const cols = [
    { name: 'd', type: 'DOUBLE' as const, values: Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? NaN : i / 4)) },
    { name: 'i', type: 'INTEGER' as const, values: Int32Array.from({ length: n }, (_, i) => i - 100) },
    { name: 'u', type: 'UTINYINT' as const, values: Uint8Array.from({ length: n }, (_, i) => i % 2) },
    { name: 's', type: 'VARCHAR' as const, values: Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : `é'"${i}`)) },
  ];
  for (const conn of [wasm, native]) {
    await conn.insertColumns('t', cols, true);
    await conn.insertColumns('t', cols.map((c) => ({ ...c, values: c.values.slice(0, 10) })) as typeof cols, false);
  }
  const sql = `SELECT count(*) AS n, count(s) AS ns, sum(i) AS si, sum(u) AS su, sum(CASE WHEN isnan(d) THEN 0 ELSE d END) AS sd,
    count(*) FILTER (WHERE isnan(d)) AS nan, max(s) AS ms, typeof(any_value(d)) AS td, typeof(any_value(u)) AS tu FROM t`;
  const [a, b] = await Promise.all([wasm.query(sql), native.query(sql)]);
  expect(b).toEqual(a);
  // by hand: 5010 rows; s NULL at multiples of 5 (1000 + 2 of the first ten); Σ(i-100) = 12,497,500 - 500,000 + (45 - 1000)
  expect(b[0]).toMatchObject({ n: 5010, ns: 5010 - 1000 - 2, si: 12_497_500 - 500_000 + 45 - 1000, su: 2500 + 5, nan: 715 + 2, td: 'DOUBLE', tu: 'UTINYINT' });
  const [row] = await native.query('SELECT s FROM t WHERE i = -99');
  expect(row.s).toBe(`é'"1`);
});

it('never reaches the network: external access and extension autoloading are off', async () => {
  const rows = await native.query(
    "SELECT name, value FROM duckdb_settings() WHERE name IN ('enable_external_access', 'autoload_known_extensions', 'autoinstall_known_extensions') ORDER BY name",
  );
  expect(rows).toEqual([
    { name: 'autoinstall_known_extensions', value: 'false' },
    { name: 'autoload_known_extensions', value: 'false' },
    { name: 'enable_external_access', value: 'false' },
  ]);
  await expect(native.query("SELECT * FROM read_csv('/etc/hostname')")).rejects.toMatchObject({ code: 'INTERNAL' });
  const [{ t }] = await native.query("SELECT current_setting('threads') AS t");
  expect(t).toBeGreaterThanOrEqual(1);
});
