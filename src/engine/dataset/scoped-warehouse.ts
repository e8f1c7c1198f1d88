/**
 * A source filter without rewriting any capability's SQL: a CTE named `invocations` shadows the
 * warehouse table (DuckDB resolves a CTE before a table of the same name; `main.invocations` still
 * names the table), so every query sees only the chosen files' rows.
 */
import { sqlLiteral } from '../sql-literals.js';
import type { Warehouse } from '../Warehouse.js';

/** How a scope sees the rows of one file alone: its own ids and session ids back. */
export interface OneFileView {
  name: string;
  /** What was added to the file's ids in the dataset. */
  idOffset: number;
}

/**
 * The CTE body selecting the scope's rows.
 * @param names files of the scope (several), or one file seen as if opened alone
 * @returns a SELECT over `main.invocations`
 * @example scopeSelect({ name: 'b.db', idOffset: 2000 }) // "SELECT * REPLACE (id - 2000 AS id, substr(session_id, length('b.db') + 2) AS session_id) FROM main.invocations WHERE source = 'b.db'"
 */
export function scopeSelect(names: readonly string[] | OneFileView): string {
  if (Array.isArray(names)) return `SELECT * FROM main.invocations WHERE source IN (${names.map(sqlLiteral).join(', ')})`;
  const one = names as OneFileView;
  // The session key is `<name>:<session_id>`: the file's own id starts after the name and the colon.
  return `SELECT * REPLACE (id - ${one.idOffset} AS id, substr(session_id, length(${sqlLiteral(one.name)}) + 2) AS session_id) FROM main.invocations WHERE source = ${sqlLiteral(one.name)}`;
}

/**
 * Puts `WITH invocations AS (…)` in front of a query (merged into its own WITH list when it has one).
 * @param select the CTE body ({@link scopeSelect})
 * @param sql a query over `invocations`
 * @returns the scoped query; parameters ($1, …) are unchanged
 * @example scopedSql("SELECT * FROM main.invocations WHERE source IN ('a')", 'WITH q AS (SELECT 1) SELECT * FROM q')
 * // "WITH invocations AS (SELECT * FROM main.invocations WHERE source IN ('a')), q AS (SELECT 1) SELECT * FROM q"
 */
export function scopedSql(select: string, sql: string): string {
  const cte = `invocations AS (${select})`;
  const withList = /^\s*WITH\s+(RECURSIVE\s+)?/i.exec(sql);
  if (withList) return `WITH ${withList[1] ? 'RECURSIVE ' : ''}${cte}, ${sql.slice(withList[0].length)}`;
  return `WITH ${cte}\n${sql}`;
}

/**
 * The warehouse as one scope sees it: `query` and `columns` run on the scope's rows; nothing else
 * of the warehouse is reachable through it.
 * @param warehouse the dataset's warehouse
 * @param select the CTE body ({@link scopeSelect})
 * @returns an object usable wherever capabilities take a Warehouse
 */
export function scopedWarehouse(warehouse: Warehouse, select: string): Warehouse {
  const scoped = Object.create(warehouse) as Warehouse;
  Object.defineProperties(scoped, {
    query: { value: (sql: string, params?: unknown[]) => warehouse.query(scopedSql(select, sql), params) },
    columns: { value: (sql: string, params?: unknown[]) => warehouse.columns(scopedSql(select, sql), params) },
  });
  return scoped;
}
