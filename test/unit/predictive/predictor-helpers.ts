// Builders and an independent feature reference for the predictor tests.
import { readFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { parseTimestamp } from '../../../src/engine/time.js';

/** One invocation to write into a hand-built skills.db. */
export interface InvocationSpec {
  id?: number;
  skill: string;
  at: string;
  session: string;
  completed: 0 | 1;
  phase?: string | null;
}

/** skill_invocation as session-buddy's migrations V1..V3 create it (docs/skills-db-format.md). */
const CREATE = `CREATE TABLE skill_invocation (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  skill_name TEXT NOT NULL,
  invoked_at TEXT NOT NULL,
  session_id TEXT NOT NULL,
  workflow_path TEXT,
  completed BOOLEAN NOT NULL DEFAULT 0,
  duration_seconds REAL,
  user_query TEXT,
  alternatives_considered TEXT,
  selection_rank INTEGER,
  follow_up_actions TEXT,
  error_type TEXT,
  created_at TEXT NOT NULL DEFAULT (datetime('now')),
  embedding BLOB,
  workflow_phase TEXT,
  workflow_step_id TEXT
)`;

function insert(db: import('sql.js').Database, rows: InvocationSpec[]): void {
  const stmt = db.prepare('INSERT INTO skill_invocation (id, skill_name, invoked_at, session_id, completed, workflow_phase) VALUES (?, ?, ?, ?, ?, ?)');
  for (const r of rows) stmt.run([r.id ?? null, r.skill, r.at, r.session, r.completed, r.phase ?? null]);
  stmt.free();
}

/**
 * A skills.db holding only `rows` (ids given or autoincremented in order).
 * @returns the file's bytes
 */
export async function buildSkillsDb(rows: InvocationSpec[]): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(CREATE);
  insert(db, rows);
  const bytes = db.export();
  db.close();
  return bytes;
}

/**
 * A copy of an existing skills.db with `rows` appended (ids autoincremented after the last one).
 * @returns the copy's bytes
 */
export async function appendInvocations(file: string, rows: InvocationSpec[]): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(readFileSync(file));
  insert(db, rows);
  const bytes = db.export();
  db.close();
  return bytes;
}

/** A row as read from the file, for the reference. */
interface RawRow {
  id: number;
  skill: string;
  t: number;
  session: string;
  phase: string | null;
  completed: number;
}

const HOUR_US = 3_600_000_000;
const PHASES: Record<string, number> = { planning: 1, setup: 2, execution: 3, verification: 4 };

/** The reference features of every row of a file, ordered by (t, id). */
export interface ReferenceFeatures {
  ids: number[];
  /** Rows of [hour, weekday, count24h, rate24h, phase, sessionMinutes, familiarity]. */
  rows: number[][];
}

/**
 * The seven features of train20k.quality.json by plain per-row loops over the rows sorted by
 * (invoked_at, id), read straight from SQLite (no DuckDB, no feature SQL). "Earlier" = earlier in
 * that order, so rows at the same instant with a smaller id count as earlier.
 * @param file path of a skills.db
 */
export async function referenceFeatures(file: string): Promise<ReferenceFeatures> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(readFileSync(file));
  const [result] = db.exec('SELECT id, skill_name, invoked_at, session_id, workflow_phase, completed FROM skill_invocation');
  db.close();
  const raw: RawRow[] = result.values.map((v) => ({
    id: Number(v[0]),
    skill: String(v[1]),
    t: parseTimestamp(String(v[2]))!,
    session: String(v[3]),
    phase: v[4] === null ? null : String(v[4]),
    completed: Number(v[5]),
  }));
  raw.sort((a, b) => a.t - b.t || a.id - b.id);
  // Earlier rows, grouped by skill and by session (plain lists, scanned in full for every row).
  const bySkill = new Map<string, RawRow[]>();
  const bySession = new Map<string, RawRow[]>();
  const rows = raw.map((r) => {
    const date = new Date(Math.floor(r.t / 1000));
    const skillRows = bySkill.get(r.skill) ?? [];
    const sessionRows = bySession.get(r.session) ?? [];
    let count = 0;
    let done = 0;
    for (const e of skillRows) {
      if (e.t >= r.t - 24 * HOUR_US) {
        count++;
        done += e.completed;
      }
    }
    let sessionStart = r.t;
    let familiarity = 0;
    for (const e of sessionRows) {
      sessionStart = Math.min(sessionStart, e.t);
      if (e.skill === r.skill) familiarity += e.completed;
    }
    skillRows.push(r);
    sessionRows.push(r);
    bySkill.set(r.skill, skillRows);
    bySession.set(r.session, sessionRows);
    const phase = r.phase === null || r.phase.trim() === '' ? 0 : (PHASES[r.phase.trim().toLowerCase()] ?? 5);
    return [date.getUTCHours(), (date.getUTCDay() + 6) % 7, count, count === 0 ? 0 : done / count, phase, (r.t - sessionStart) / 60e6, familiarity];
  });
  return { ids: raw.map((r) => r.id), rows };
}
