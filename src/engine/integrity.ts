/**
 * SQLite's own consistency checks on an opened file: `PRAGMA quick_check` (b-tree structure, cell
 * bounds, record formats; O(N)) or `PRAGMA integrity_check` (also checks every index against its
 * table; O(N log N)). Problems are mapped to the tables they are in: SQLite reports "Tree <root
 * page>", and sqlite_master maps root pages to tables (an index counts for its table).
 */
import type { Database } from 'sql.js';

/** Which check to run on open. */
export type VerifyMode = 'quick' | 'full' | 'none';

/** What a check found. */
export interface IntegrityReport {
  mode: Exclude<VerifyMode, 'none'>;
  /** Problem lines SQLite reported (at most {@link MAX_PROBLEMS}). */
  problems: string[];
  /** Tables (or "(file structure)" for free-list/page-use problems) that the problems are in. */
  tables: string[];
}

/** Problems asked from SQLite at most (it stops after that many). */
export const MAX_PROBLEMS = 100;

/**
 * Runs quick_check or integrity_check.
 * @param db an open sql.js database
 * @param mode 'quick' or 'full'
 * @returns the problems (empty when the file is sound) and the tables they are in
 * @example
 * checkIntegrity(db, 'quick') // { mode: 'quick', problems: [], tables: [] }
 */
export function checkIntegrity(db: Database, mode: 'quick' | 'full'): IntegrityReport {
  const pragma = mode === 'quick' ? 'quick_check' : 'integrity_check';
  const roots = rootPages(db);
  const problems = runCheck(db, `PRAGMA ${pragma}(${MAX_PROBLEMS})`);
  if (problems === null) {
    // SQLite gave up ("malformed") before listing problems: check table by table to name them.
    const tables = new Set<string>();
    const lines: string[] = [];
    for (const table of new Set(roots.values())) {
      const p = runCheck(db, `PRAGMA ${pragma}(${quoteIdent(table)})`);
      if (p === null || p.length > 0) {
        tables.add(table);
        lines.push(...(p ?? [`${table}: database disk image is malformed`]));
      }
    }
    if (tables.size === 0) tables.add('(file structure)');
    return { mode, problems: lines.length ? lines.slice(0, MAX_PROBLEMS) : ['database disk image is malformed'], tables: [...tables] };
  }
  // "Tree <root> page <n>" locates a problem; other lines about page <n> belong to the same tree.
  const pageOwner = new Map<number, string>();
  for (const line of problems) {
    const tree = /Tree (\d+) page (\d+)/.exec(line);
    if (tree) pageOwner.set(Number(tree[2]), roots.get(Number(tree[1])) ?? '(file structure)');
  }
  const tables = new Set<string>();
  for (const line of problems) {
    if (line === 'database disk image is malformed') continue; // a summary, not a location
    const tree = /Tree (\d+) page (\d+)/.exec(line);
    const index = /(?:from|in) index (\S+)/.exec(line);
    const page = /of page (\d+)/.exec(line);
    if (tree) tables.add(pageOwner.get(Number(tree[2]))!);
    else if (index) tables.add(indexTable(db, index[1]) ?? '(file structure)');
    else tables.add((page && pageOwner.get(Number(page[1]))) || '(file structure)');
  }
  if (tables.size === 0 && problems.length > 0) tables.add('(file structure)');
  return { mode, problems, tables: [...tables] };
}

/** Problem lines, [] when SQLite says "ok", null when the check itself failed on a malformed file. */
function runCheck(db: Database, sql: string): string[] | null {
  try {
    const result = db.exec(sql);
    const lines = (result[0]?.values ?? []).flatMap((r) => String(r[0]).split('\n'));
    const problems = lines.filter((l) => l !== 'ok' && !l.startsWith('*** in database'));
    return problems;
  } catch {
    return null;
  }
}

/** Root page → table name (indexes map to their table). */
function rootPages(db: Database): Map<number, string> {
  const map = new Map<number, string>([[1, 'sqlite_master']]);
  try {
    for (const [root, table] of db.exec("SELECT rootpage, tbl_name FROM sqlite_master WHERE type IN ('table', 'index') AND rootpage > 0")[0]?.values ?? []) {
      map.set(Number(root), String(table));
    }
  } catch {
    /* an unreadable schema leaves only sqlite_master */
  }
  return map;
}

function indexTable(db: Database, index: string): string | null {
  try {
    const v = db.exec('SELECT tbl_name FROM sqlite_master WHERE name = ?', [index])[0]?.values[0]?.[0];
    return v === undefined ? null : String(v);
  } catch {
    return null;
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
