/**
 * Detects which session-buddy migrations a skills.db has: files in the wild stop at any of them.
 */
import type { Database } from 'sql.js';
import { AnalyticsError } from './errors.js';

/** What a skills.db holds. */
export interface SchemaInfo {
  /** Highest session-buddy migration applied (1-4), from skill_migrations or inferred from the tables. */
  schemaVersion: number;
  tables: string[];
  /** Columns of skill_invocation. */
  invocationColumns: string[];
  hasWorkflowPhase: boolean;
  hasDuration: boolean;
}

export const REQUIRED_INVOCATION_COLUMNS = ['id', 'skill_name', 'invoked_at', 'session_id', 'completed'] as const;

/**
 * @param names the columns skill_invocation has
 * @throws AnalyticsError MISSING_COLUMN when one of {@link REQUIRED_INVOCATION_COLUMNS} is not among them
 */
export function requireInvocationColumns(names: readonly string[]): void {
  const missing = REQUIRED_INVOCATION_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) {
    throw new AnalyticsError(
      'MISSING_COLUMN',
      `open: skill_invocation lacks column(s) ${missing.join(', ')}; the file is not a session-buddy skills.db (or an unsupported early version)`,
      { missing },
    );
  }
}

/** Tables and views of the file, by name (read now: writes may have added some). */
export function listTables(db: Database): string[] {
  return column<string>(db, "SELECT name FROM sqlite_master WHERE type IN ('table','view') ORDER BY name");
}

function column<T>(db: Database, sql: string): T[] {
  const res = db.exec(sql);
  return res.length ? res[0].values.map((r) => r[0] as T) : [];
}

/**
 * Reads the schema and checks that skill_invocation has what every analysis needs.
 * @throws AnalyticsError MISSING_TABLE, MISSING_COLUMN
 */
export function detectSchema(db: Database): SchemaInfo {
  const tables = listTables(db);
  if (!tables.includes('skill_invocation')) {
    throw new AnalyticsError(
      'MISSING_TABLE',
      `open: the file is a SQLite database but has no skill_invocation table (tables: ${tables.slice(0, 8).join(', ') || 'none'}); it is not a session-buddy skills.db`,
    );
  }
  const invocationColumns = column<string>(db, "SELECT name FROM pragma_table_info('skill_invocation')");
  requireInvocationColumns(invocationColumns);
  return schemaInfo(tables, invocationColumns, tables.includes('skill_migrations') ? column<unknown>(db, 'SELECT version FROM skill_migrations') : []);
}

/**
 * The schema a file's tables, skill_invocation's columns and skill_migrations' versions describe.
 * @param tables tables and views, by name
 * @param invocationColumns the columns of skill_invocation
 * @param versions the `version` of every row of skill_migrations (none when there is no such table)
 * @example schemaInfo(['skill_invocation'], ['id', 'skill_name', 'invoked_at', 'session_id', 'completed'], []).schemaVersion // 1
 */
export function schemaInfo(tables: string[], invocationColumns: string[], versions: readonly unknown[]): SchemaInfo {
  let schemaVersion = invocationColumns.includes('workflow_phase') ? 3 : invocationColumns.includes('embedding') ? 2 : 1;
  if (tables.includes('skill_time_series') || tables.includes('ab_test_configs')) schemaVersion = 4;
  for (const v of versions) {
    const m = /^V?(\d+)/i.exec(String(v));
    if (m) schemaVersion = Math.max(schemaVersion, Number(m[1]));
  }
  return {
    schemaVersion,
    tables,
    invocationColumns,
    hasWorkflowPhase: invocationColumns.includes('workflow_phase'),
    hasDuration: invocationColumns.includes('duration_seconds'),
  };
}
