/**
 * The three A/B tables with session-buddy's exact definitions (text copied from the
 * `sqlite_master` of a file built by session-buddy's migration V4, indexes included), created in a
 * file that lacks them.
 */
import type { SkillsDatabase } from '../engine/SkillsDatabase.js';

/** CREATE TABLE / CREATE INDEX text exactly as session-buddy's V4 migration stores it. */
export const AB_TABLE_DDL: readonly { table: string; create: string; indexes: readonly { name: string; create: string }[] }[] = [
  {
    table: 'ab_test_configs',
    create: `CREATE TABLE ab_test_configs (
    test_id INTEGER PRIMARY KEY AUTOINCREMENT,
    test_name TEXT NOT NULL UNIQUE,
    description TEXT,
    control_strategy TEXT NOT NULL,  -- e.g., "semantic_search"
    treatment_strategy TEXT NOT NULL,  -- e.g., "workflow_aware_search"
    start_date TEXT NOT NULL,
    end_date TEXT,
    min_sample_size INTEGER DEFAULT 100,
    metrics TEXT,  -- JSON array: ["completion_rate", "user_satisfaction"]
    assignment_ratio REAL DEFAULT 0.5,  -- 50% control, 50% treatment
    status TEXT DEFAULT 'running',  -- 'running', 'completed', 'stopped'
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
)`,
    indexes: [],
  },
  {
    table: 'ab_test_assignments',
    create: `CREATE TABLE ab_test_assignments (
    assignment_id INTEGER PRIMARY KEY AUTOINCREMENT,
    test_id INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    group_name TEXT NOT NULL,  -- 'control' or 'treatment'
    assigned_at TEXT NOT NULL DEFAULT (datetime('now')),
    FOREIGN KEY (test_id) REFERENCES ab_test_configs(test_id),
    UNIQUE(test_id, user_id)
)`,
    indexes: [
      { name: 'idx_ab_assignments_test_user', create: `CREATE INDEX idx_ab_assignments_test_user\n    ON ab_test_assignments(test_id, user_id)` },
      { name: 'idx_ab_assignments_group', create: `CREATE INDEX idx_ab_assignments_group\n    ON ab_test_assignments(test_id, group_name)` },
    ],
  },
  {
    table: 'ab_test_outcomes',
    create: `CREATE TABLE ab_test_outcomes (
    outcome_id INTEGER PRIMARY KEY AUTOINCREMENT,
    test_id INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    skill_name TEXT NOT NULL,
    completed BOOLEAN NOT NULL,
    duration_seconds REAL,
    user_rating REAL,  -- Optional user feedback (1-5)
    recorded_at TEXT NOT NULL DEFAULT (datetime('now')),
    FOREIGN KEY (test_id) REFERENCES ab_test_configs(test_id),
    FOREIGN KEY (skill_name) REFERENCES skill_metrics(skill_name)
)`,
    indexes: [
      { name: 'idx_ab_outcomes_test', create: `CREATE INDEX idx_ab_outcomes_test\n    ON ab_test_outcomes(test_id)` },
      { name: 'idx_ab_outcomes_user', create: `CREATE INDEX idx_ab_outcomes_user\n    ON ab_test_outcomes(test_id, user_id)` },
    ],
  },
];

/** True when all three A/B tables exist (checked now, so tables created by a write count). */
export function hasAbTables(db: SkillsDatabase): boolean {
  return AB_TABLE_DDL.every((t) => db.hasTable(t.table));
}

function hasIndex(db: SkillsDatabase, name: string): boolean {
  return db.all('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?', ['index', name]).length > 0;
}

/**
 * Creates whichever A/B tables (and their indexes) are missing. Call inside the write's
 * transaction so a failed write leaves no half-made schema behind.
 * @param db the open skills.db
 * @returns the names of the tables created (empty when all existed)
 */
export function ensureAbTables(db: SkillsDatabase): string[] {
  const created: string[] = [];
  for (const t of AB_TABLE_DDL) {
    if (db.hasTable(t.table)) continue;
    db.run(t.create);
    created.push(t.table);
    for (const ix of t.indexes) if (!hasIndex(db, ix.name)) db.run(ix.create);
  }
  return created;
}
