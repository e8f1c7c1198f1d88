/**
 * Query results are built from whole Arrow columns: the rows and columns equal what reading every
 * cell with Arrow's `get` gives, over several record batches, NULLs and each type DuckDB returns.
 */
import { Bool, Float64, Int32, Int64, Table, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { expect, it } from 'vitest';
import { tableToColumns, tableToRows } from '../../../src/engine/warehouse-connection.js';
import { nodeHost } from '../../../src/node/host.js';

function batch(offset: number, n: number): Table {
  const idx = Array.from({ length: n }, (_, i) => i + offset);
  return new Table({
    int_nulls: vectorFromArray(
      idx.map((i) => (i % 7 === 0 ? null : i)),
      new Int32(),
    ),
    int_full: vectorFromArray(idx, new Int32()),
    double_full: vectorFromArray(
      idx.map((i) => i / 3),
      new Float64(),
    ),
    double_nulls: vectorFromArray(
      idx.map((i) => (i % 5 === 0 ? null : i * 1.5)),
      new Float64(),
    ),
    big: vectorFromArray(
      idx.map((i) => BigInt(i) * 1_000_000n),
      new Int64(),
    ),
    text: vectorFromArray(
      idx.map((i) => (i % 11 === 0 ? null : `s${i % 40}`)),
      new Utf8(),
    ),
    flag: vectorFromArray(
      idx.map((i) => i % 2 === 0),
      new Bool(),
    ),
    at: vectorFromArray(
      idx.map((i) => new Date(Date.UTC(2026, 10, 1) + i * 1000)),
      new TimestampMillisecond(),
    ),
  });
}

/** The per-cell reading the result builders replaced. */
function perCell(table: Table) {
  const names = table.schema.fields.map((f) => f.name);
  return Array.from({ length: table.numRows }, (_, r) =>
    Object.fromEntries(
      names.map((name, c) => {
        const v = table.getChildAt(c)!.get(r);
        return [name, typeof v === 'bigint' ? Number(v) : v === undefined ? null : v];
      }),
    ),
  );
}

it('rows from whole columns equal per-cell rows over three batches', () => {
  const table = batch(0, 2048).concat(batch(2048, 2048), batch(4096, 100));
  expect(table.batches.length).toBe(3);
  const rows = tableToRows(table);
  expect(rows).toEqual(perCell(table));
  expect(rows[7]).toMatchObject({ int_nulls: null, int_full: 7, big: 7_000_000, text: 's7', flag: false });
  expect(rows[4100]).toMatchObject({ int_nulls: 4100, double_nulls: null, text: 's20' });
});

it('columns: numbers as Float64Array with NaN for NULL, others as arrays', () => {
  const table = batch(0, 3000).concat(batch(3000, 50));
  const cols = tableToColumns(table);
  expect(cols.int_nulls).toBeInstanceOf(Float64Array);
  expect(Number.isNaN((cols.int_nulls as Float64Array)[14])).toBe(true);
  expect((cols.int_nulls as Float64Array)[15]).toBe(15);
  expect(Array.from(cols.big as Float64Array).slice(0, 3)).toEqual([0, 1_000_000, 2_000_000]);
  expect((cols.double_full as Float64Array)[3049]).toBe(3049 / 3);
  expect((cols.text as unknown[])[11]).toBeNull();
  expect((cols.text as unknown[]).length).toBe(3050);
  expect((cols.flag as unknown[])[1]).toBe(false);
});

it('a DuckDB hourly result reads the same as per cell', async () => {
  const conn = await nodeHost.openWarehouse();
  try {
    const sql = `SELECT hour, skill, count(*) AS n, avg(i * 0.5) AS mean, CASE WHEN skill = 'skill-0' THEN NULL ELSE sum(i) END AS total
                 FROM (SELECT i, i % 24 AS hour, 'skill-' || (i % 13) AS skill FROM range(20000) t(i)) GROUP BY hour, skill ORDER BY hour, skill`;
    const rows = await conn.query(sql);
    const cols = await conn.columns(sql);
    expect(rows.length).toBe(24 * 13);
    rows.forEach((row, r) => {
      expect(row.n).toBe((cols.n as Float64Array)[r]);
      expect(row.skill).toBe((cols.skill as unknown[])[r]);
      expect(row.total === null ? NaN : row.total).toBe((cols.total as Float64Array)[r]);
    });
    const [first] = rows;
    expect(first).toEqual({ hour: 0, skill: 'skill-0', n: expect.any(Number), mean: expect.any(Number), total: null });
  } finally {
    await conn.close();
  }
});
