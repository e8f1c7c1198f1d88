/**
 * Writes a real-format session-buddy skills.db of any size for benchmarks and tests.
 *
 *   npx tsx bench/generators/generate-skills-db.ts --n 100000 --days 30 --seed 1 --out bench/data/skills-100k.db
 *   options: --as-of 2026-11-24T19:00:00Z  --legacy-share 0.1
 *
 * The file has session-buddy's V1..V4 schema, with the CREATE statements copied from a file
 * session-buddy made (bench/generators/session-buddy-schema.ts), and `skill_migrations` rows V1..V4. Differences
 * from a file session-buddy writes, all forced by sql.js or chosen for speed:
 * - No FTS5 table `skill_invocation_fts` (sql.js has no FTS5 module); the fixture has no FTS triggers.
 * - The three AFTER INSERT triggers (skill_metrics, session_skills, skill_metrics_cache) work in
 *   sql.js but cost ~10 statements per row; they are created after the bulk load, and the tables they
 *   maintain are filled with the values they would have produced (bench/generators/derived-tables.ts; the unit
 *   test replays rows through the real triggers and compares). Indexes are also created after the
 *   load, so sqlite_master lists them after the tables (same objects, same SQL).
 * - Rollback-journal mode (header bytes 18-19 = 1, what sql.js exports), not WAL.
 * - A/B tables, skill_time_series and the other V4 tables are empty; `embedding` is NULL.
 * - duration_seconds is NULL exactly when the invocation did not complete (session-buddy's files
 *   also hold durations for some abandoned invocations: ~20% of them in the fixtures).
 * - `datetime('now')` columns are deterministic: created_at is the invocation's second (what
 *   session-buddy stores when it records an invocation as it happens); updated_at and applied_at
 *   are the asOf second.
 * invoked_at is session-buddy 0.21+'s `2026-11-20T13:45:12.123456+00:00` (0.1% of rows land on a
 * whole second and are written without the fraction, as Python's isoformat does); with
 * `legacyShare` the oldest share of rows uses the pre-0.21 naive format `2026-11-20T13:45:12.123456`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import { DerivedTables } from './derived-tables.js';
import { simulateInvocations } from './invocation-process.js';
import { seededPrng } from './prng.js';
import { SESSION_BUDDY_SCHEMA, SKILL_MIGRATIONS } from './session-buddy-schema.js';
import { COMPONENTS, ERROR_TYPES, FOLLOW_UPS, PHASES, QUERY_TEMPLATES, SKILLS, WORKFLOW_PATHS } from './skill-catalogue.js';

/** Options of generateSkillsDb. */
export interface GenerateOptions {
  /** Number of invocations (rows of skill_invocation). */
  n: number;
  /** Span in days; rows lie in (asOf - days, asOf]. Default 30. */
  days?: number;
  /** PRNG seed. Default 1. */
  seed?: number;
  /** End of the span (ISO-8601 UTC). Default 2026-11-24T19:00:00Z. */
  asOf?: string;
  /** Share of rows (the oldest) written in the naive pre-0.21 format. Default 0. */
  legacyShare?: number;
  /** A loaded sql.js, to skip loading it again. */
  SQL?: SqlJsStatic;
  /** Called after each build phase with its wall-clock milliseconds. */
  onPhase?: (phase: string, ms: number) => void;
}

export const DEFAULT_AS_OF = '2026-11-24T19:00:00Z';
/** File bytes per invocation with session-buddy's eight indexes (measured: 388 at 100k rows). */
const BYTES_PER_ROW = 420;

/**
 * Generates a skills.db in memory.
 * @returns the SQLite file's bytes
 * @throws Error when an option is out of range
 * @example
 * const bytes = await generateSkillsDb({ n: 5000, days: 14, seed: 1 });
 * const engine = await openAnalytics(bytes); // engine.info().invocations === 5000
 */
export async function generateSkillsDb({ n, days = 30, seed = 1, asOf = DEFAULT_AS_OF, legacyShare = 0, SQL, onPhase }: GenerateOptions): Promise<Uint8Array> {
  const asOfMs = Date.parse(asOf);
  if (!Number.isInteger(n) || n < 0) throw new Error(`generateSkillsDb: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(days) || days < 1) throw new Error(`generateSkillsDb: days must be a positive integer, got ${days}`);
  if (!Number.isFinite(asOfMs)) throw new Error(`generateSkillsDb: asOf "${asOf}" is not an ISO-8601 time`);
  if (!(legacyShare >= 0 && legacyShare <= 1)) throw new Error(`generateSkillsDb: legacyShare must be in [0, 1], got ${legacyShare}`);
  let last = performance.now();
  const lap = (phase: string) => {
    const t = performance.now();
    onPhase?.(phase, t - last);
    last = t;
  };
  const sim = simulateInvocations(n, days, seed, asOfMs * 1000);
  lap('simulate');
  const sql = SQL ?? (await initSqlJs());
  const now = sqliteDatetime(asOfMs * 1000);
  const db = new sql.Database(schemaFile(sql, now, n));
  lap('schema');
  try {
    // A fresh file nobody else reads: no rollback journal; index sorts in memory, not in MEMFS files.
    db.run('PRAGMA journal_mode = OFF');
    db.run('PRAGMA temp_store = MEMORY');
    db.run('BEGIN');
    const derived = new DerivedTables();
    insertInvocations(db, sim, seed, Math.floor(legacyShare * n), derived);
    lap('insert');
    derived.write(db, now);
    lap('trigger tables');
    for (const o of SESSION_BUDDY_SCHEMA) if (o.type === 'index' || o.type === 'trigger') db.run(o.sql);
    lap('indexes');
    db.run('COMMIT');
    const bytes = db.export();
    lap('export');
    return bytes;
  } finally {
    db.close();
  }
}

/**
 * The tables, views and migration rows as a file, padded with zeros to about the final size.
 * sql.js keeps the file in Emscripten's MEMFS, which grows a file by 12.5% at a time and copies it
 * each time: building a 400 MB file that way copies gigabytes (a plain JS replay of that growth to
 * 390 MB took 22 s here; at 300k rows padding cut CPU time by ~25%, on a busy machine).
 * SQLite trusts the page count in the header and ignores the zeros, and `export()` copies exactly
 * that many pages, so the padding never reaches the output.
 */
function schemaFile(sql: SqlJsStatic, now: string, n: number): Uint8Array {
  const db = new sql.Database();
  try {
    db.run('BEGIN');
    for (const o of SESSION_BUDDY_SCHEMA) if (o.type === 'table' || o.type === 'view') db.run(o.sql);
    for (const [version, description] of SKILL_MIGRATIONS) {
      db.run("INSERT INTO skill_migrations (version, applied_at, description, applied_by, success) VALUES (?, ?, ?, 'session-buddy', 1)", [version, now, description]);
    }
    db.run('COMMIT');
    const bytes = db.export();
    const padded = new Uint8Array(bytes.byteLength + n * BYTES_PER_ROW + (4 << 20));
    padded.set(bytes);
    return padded;
  } finally {
    db.close();
  }
}

function insertInvocations(db: import('sql.js').Database, sim: ReturnType<typeof simulateInvocations>, seed: number, legacyRows: number, derived: DerivedTables): void {
  const r = seededPrng((seed ^ 0x9e3779b9) >>> 0);
  const stmt = db.prepare(`INSERT INTO skill_invocation (id, skill_name, invoked_at, session_id, workflow_path, completed,
    duration_seconds, user_query, alternatives_considered, selection_rank, follow_up_actions, error_type, created_at,
    embedding, workflow_phase, workflow_step_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`);
  const pick = <T>(a: readonly T[]): T => a[r.int(a.length)];
  for (let i = 0; i < sim.length; i++) {
    const us = sim.invokedAtUs[i];
    const skillName = SKILLS[sim.skill[i]].name;
    const invokedAt = formatInvokedAt(us, i < legacyRows);
    const sessionId = sim.sessionIds[sim.session[i]];
    const pathIndex = sim.sessionPath[sim.session[i]];
    const workflowPath = pathIndex === 0 ? null : WORKFLOW_PATHS[pathIndex - 1];
    const completed = sim.completed[i] as 0 | 1;
    const duration = Number.isNaN(sim.duration[i]) ? null : sim.duration[i];
    const query = r.chance(0.6) ? pick(QUERY_TEMPLATES).replace('%', pick(COMPONENTS)) : null;
    const alternatives = query !== null && r.chance(0.75) ? alternativesJson(sim.skill[i], 1 + r.int(3), r.int) : null;
    const rank = query !== null ? 1 + r.int(5) : null;
    const followUp = r.chance(0.22) ? pick(FOLLOW_UPS) : null;
    const errorType = completed === 0 && r.chance(0.7) ? pick(ERROR_TYPES) : null;
    const phase = sim.phase[i] === 0 ? null : PHASES[sim.phase[i] - 1];
    const stepId = phase !== null && r.chance(0.5) ? `step-${1 + r.int(11)}` : null;
    stmt.run([
      i + 1,
      skillName,
      invokedAt,
      sessionId,
      workflowPath,
      completed,
      duration,
      query,
      alternatives,
      rank,
      followUp === null ? null : `["${followUp}"]`,
      errorType,
      sqliteDatetime(us),
      phase,
      stepId,
    ]);
    derived.add({ skillName, invokedAt, sessionId, workflowPath, completed, duration, errorType, firstFollowUp: followUp });
  }
  stmt.free();
}

/** Python's json.dumps of a list of other skills' names: `["a", "b"]`. */
function alternativesJson(skill: number, count: number, int: (n: number) => number): string {
  const names: string[] = [];
  while (names.length < count) {
    const k = int(SKILLS.length);
    if (k !== skill && !names.includes(SKILLS[k].name)) names.push(SKILLS[k].name);
  }
  return `[${names.map((s) => JSON.stringify(s)).join(', ')}]`;
}

/** `2026-11-20T13:45:12.123456+00:00` (no fraction on a whole second); legacy: no offset. */
export function formatInvokedAt(us: number, legacy: boolean): string {
  const sec = Math.floor(us / 1_000_000);
  const frac = us - sec * 1_000_000;
  const base = new Date(sec * 1000).toISOString().slice(0, 19);
  return base + (frac === 0 ? '' : `.${String(frac).padStart(6, '0')}`) + (legacy ? '' : '+00:00');
}

/** SQLite's `datetime()` text: `2026-11-20 13:45:12`. */
function sqliteDatetime(us: number): string {
  return new Date(Math.floor(us / 1_000_000) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

function parseCli(argv: string[]): Required<Omit<GenerateOptions, 'SQL' | 'onPhase'>> & { out: string } {
  const opts = { n: 100_000, days: 30, seed: 1, asOf: DEFAULT_AS_OF, legacyShare: 0, out: '' };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--n') opts.n = Number(value);
    else if (flag === '--days') opts.days = Number(value);
    else if (flag === '--seed') opts.seed = Number(value);
    else if (flag === '--as-of') opts.asOf = value;
    else if (flag === '--legacy-share') opts.legacyShare = Number(value);
    else if (flag === '--out') opts.out = value;
    else throw new Error(`unknown option ${flag}`);
  }
  opts.out ||= `bench/data/skills-${opts.n}.db`;
  return opts;
}

async function main(): Promise<void> {
  let opts: ReturnType<typeof parseCli>;
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\nusage: npx tsx bench/generators/generate-skills-db.ts --n 100000 [--days 30] [--seed 1] [--as-of ISO] [--legacy-share 0] [--out FILE]`);
    process.exit(2);
  }
  const phases: string[] = [];
  const t0 = performance.now();
  const bytes = await generateSkillsDb({ ...opts, onPhase: (p, ms) => phases.push(`${p} ${(ms / 1000).toFixed(2)} s`) });
  const ms = performance.now() - t0;
  await mkdir(path.dirname(opts.out), { recursive: true });
  await writeFile(opts.out, bytes);
  console.log(
    `${opts.out}: ${opts.n} invocations over ${opts.days} days (seed ${opts.seed}), ${(bytes.byteLength / 1e6).toFixed(1)} MB in ${(ms / 1000).toFixed(2)} s (${phases.join(', ')})`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
