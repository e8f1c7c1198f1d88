/**
 * session-buddy's skills.db schema (migrations V1..V4, upstream commit a2e4633), copied verbatim from
 * `sqlite_master` of test/fixtures/sample.db, which session-buddy's own MigrationManager created.
 *
 * Left out: `sqlite_sequence` (SQLite creates it with the first AUTOINCREMENT table), and the FTS5 virtual table `skill_invocation_fts` (V2) and its four shadow tables
 * (`skill_invocation_fts_data`, `_idx`, `_docsize`, `_config`): sql.js is built without FTS5
 * (`no such module: fts5`). The fixture has no FTS triggers, so nothing else depends on it.
 * Regenerate with the python snippet in bench/README.md if upstream's schema changes.
 */

/** One schema object in session-buddy's creation order. */
export interface SchemaObject {
  type: 'table' | 'index' | 'view' | 'trigger';
  name: string;
  sql: string;
}

/** The migrations session-buddy logs in `skill_migrations` (version, description). */
export const SKILL_MIGRATIONS: ReadonlyArray<readonly [string, string]> = [
  ['V1__initial_schema', 'Initial Schema'],
  ['V2__add_semantic_search', 'Add vector embedding support for semantic search'],
  ['V3__add_workflow_correlation', 'Add Oneiric workflow phase tracking for skills'],
  ['V4__phase4_extensions', 'Phase 4: Advanced analytics, real-time monitoring, cross-session learning, and multi-modal skills'],
];

/** Every schema object except FTS5, in the order session-buddy creates them. */
export const SESSION_BUDDY_SCHEMA: readonly SchemaObject[] = [
  {
    type: 'table',
    name: 'skill_migrations',
    sql: "CREATE TABLE skill_migrations (\n                version TEXT PRIMARY KEY,\n                applied_at TEXT NOT NULL,\n                description TEXT,\n                rollback_sql TEXT,\n                checksum TEXT,\n                applied_by TEXT DEFAULT 'session-buddy',\n                success BOOLEAN NOT NULL DEFAULT 1\n            )",
  },
  {
    type: 'table',
    name: 'skill_invocation',
    sql: 'CREATE TABLE skill_invocation (\n    -- Primary key\n    id INTEGER PRIMARY KEY AUTOINCREMENT,\n\n    -- Core fields\n    skill_name TEXT NOT NULL,                -- Name of skill used\n    invoked_at TEXT NOT NULL,                 -- ISO format timestamp\n    session_id TEXT NOT NULL,                -- Session this belongs to\n\n    -- Workflow context\n    workflow_path TEXT,                       -- "quick", "comprehensive", etc.\n\n    -- Completion tracking\n    completed BOOLEAN NOT NULL DEFAULT 0,     -- 0 = False, 1 = True\n    duration_seconds REAL,                    -- How long skill took (NULL if not completed)\n\n    -- Semantic search context (enhanced features)\n    user_query TEXT,                          -- User\'s problem description\n    alternatives_considered TEXT,             -- JSON array of other skills shown\n    selection_rank INTEGER,                   -- Position in recommendations (1=best)\n\n    -- Outcomes\n    follow_up_actions TEXT,                   -- JSON array of actions taken\n    error_type TEXT,                          -- If skill failed\n\n    -- Metadata\n    created_at TEXT NOT NULL DEFAULT (datetime(\'now\'))\n, embedding BLOB, workflow_phase TEXT, workflow_step_id TEXT)',
  },
  { type: 'index', name: 'idx_invocation_session', sql: 'CREATE INDEX idx_invocation_session\n    ON skill_invocation(session_id)' },
  { type: 'index', name: 'idx_invocation_skill', sql: 'CREATE INDEX idx_invocation_skill\n    ON skill_invocation(skill_name)' },
  { type: 'index', name: 'idx_invocation_invoked_at', sql: 'CREATE INDEX idx_invocation_invoked_at\n    ON skill_invocation(invoked_at DESC)' },
  { type: 'index', name: 'idx_invocation_session_completed', sql: 'CREATE INDEX idx_invocation_session_completed\n    ON skill_invocation(session_id, completed)' },
  {
    type: 'table',
    name: 'skill_metrics',
    sql: 'CREATE TABLE skill_metrics (\n    -- Primary key\n    skill_name TEXT PRIMARY KEY,\n\n    -- Invocation counts\n    total_invocations INTEGER NOT NULL DEFAULT 0,\n    completed_invocations INTEGER NOT NULL DEFAULT 0,\n    abandoned_invocations INTEGER NOT NULL DEFAULT 0,\n\n    -- Duration tracking\n    total_duration_seconds REAL NOT NULL DEFAULT 0.0,\n\n    -- Workflow preferences (JSON: {"quick": 10, "comprehensive": 5})\n    workflow_paths TEXT NOT NULL DEFAULT \'{}\',\n\n    -- Error patterns (JSON: {"timeout": 2, "validation": 1})\n    common_errors TEXT NOT NULL DEFAULT \'{}\',\n\n    -- Follow-up actions (JSON: {"git commit": 15, "continue": 8})\n    follow_up_actions TEXT NOT NULL DEFAULT \'{}\',\n\n    -- Recommendation effectiveness (enhanced features)\n    avg_selection_rank REAL,\n    recommendation_success_rate REAL,\n\n    -- Timestamps\n    first_invoked TEXT,\n    last_invoked TEXT,\n\n    -- Computed fields (updated via triggers)\n    completion_rate REAL NOT NULL DEFAULT 0.0,\n    avg_duration_seconds REAL,  -- NULL when no completed invocations\n\n    -- Metadata\n    updated_at TEXT NOT NULL DEFAULT (datetime(\'now\'))\n)',
  },
  {
    type: 'trigger',
    name: 'trg_skill_metrics_after_insert',
    sql: "CREATE TRIGGER trg_skill_metrics_after_insert\n    AFTER INSERT ON skill_invocation\n    BEGIN\n        -- Insert new skill metrics row if not exists\n        INSERT OR IGNORE INTO skill_metrics (skill_name, first_invoked, last_invoked)\n        VALUES (NEW.skill_name, NEW.invoked_at, NEW.invoked_at);\n\n        -- Update invocations count\n        UPDATE skill_metrics SET\n            total_invocations = total_invocations + 1,\n            last_invoked = NEW.invoked_at\n        WHERE skill_name = NEW.skill_name;\n\n        -- Update completion tracking (when completed)\n        UPDATE skill_metrics SET\n            completed_invocations = completed_invocations + 1,\n            total_duration_seconds = total_duration_seconds + COALESCE(NEW.duration_seconds, 0)\n        WHERE skill_name = NEW.skill_name AND NEW.completed = 1;\n\n        -- Update abandonment tracking (when not completed)\n        UPDATE skill_metrics SET\n            abandoned_invocations = abandoned_invocations + 1\n        WHERE skill_name = NEW.skill_name AND NEW.completed = 0;\n\n        -- Update workflow paths (when specified)\n        UPDATE skill_metrics SET\n            workflow_paths = json_set(\n                workflow_paths,\n                '$.' || NEW.workflow_path,\n                COALESCE(json_extract(workflow_paths, '$.' || NEW.workflow_path), 0) + 1\n            )\n        WHERE skill_name = NEW.skill_name AND NEW.workflow_path IS NOT NULL;\n\n        -- Update common errors (when error occurred)\n        UPDATE skill_metrics SET\n            common_errors = json_set(\n                common_errors,\n                '$.' || NEW.error_type,\n                COALESCE(json_extract(common_errors, '$.' || NEW.error_type), 0) + 1\n            )\n        WHERE skill_name = NEW.skill_name AND NEW.error_type IS NOT NULL;\n\n        -- Update follow-up actions (when specified)\n        UPDATE skill_metrics SET\n            follow_up_actions = (\n                CASE\n                    WHEN NEW.follow_up_actions IS NOT NULL THEN\n                        json_set(\n                            follow_up_actions,\n                            '$.' || json_extract(NEW.follow_up_actions, '$[0]'),\n                            COALESCE(json_extract(follow_up_actions, '$.' || json_extract(NEW.follow_up_actions, '$[0]')), 0) + 1\n                        )\n                    ELSE follow_up_actions\n                END\n            )\n        WHERE skill_name = NEW.skill_name;\n\n        -- Update computed fields\n        UPDATE skill_metrics SET\n            completion_rate = CAST(completed_invocations AS REAL) / NULLIF(total_invocations, 0) * 100.0,\n            avg_duration_seconds = total_duration_seconds / NULLIF(completed_invocations, 0),\n            updated_at = datetime('now')\n        WHERE skill_name = NEW.skill_name\n            AND completed_invocations > 0;\n\n        -- Handle case where no invocations are completed\n        UPDATE skill_metrics SET\n            avg_duration_seconds = NULL,\n            updated_at = datetime('now')\n        WHERE skill_name = NEW.skill_name\n            AND completed_invocations = 0;\n    END",
  },
  {
    type: 'table',
    name: 'session_skills',
    sql: 'CREATE TABLE session_skills (\n    session_id TEXT NOT NULL,\n    skill_name TEXT NOT NULL,\n    invocation_count INTEGER NOT NULL DEFAULT 1,\n\n    PRIMARY KEY (session_id, skill_name)\n)',
  },
  { type: 'index', name: 'idx_session_skills_skill', sql: 'CREATE INDEX idx_session_skills_skill\n    ON session_skills(skill_name)' },
  {
    type: 'trigger',
    name: 'trg_session_skills_after_insert',
    sql: 'CREATE TRIGGER trg_session_skills_after_insert\n    AFTER INSERT ON skill_invocation\n    BEGIN\n        -- Insert or update junction table\n        INSERT INTO session_skills (session_id, skill_name, invocation_count)\n        VALUES (NEW.session_id, NEW.skill_name, 1)\n        ON CONFLICT(session_id, skill_name)\n        DO UPDATE SET\n            invocation_count = invocation_count + 1;\n    END',
  },
  { type: 'index', name: 'idx_migrations_applied_at', sql: 'CREATE INDEX idx_migrations_applied_at\n    ON skill_migrations(applied_at DESC)' },
  {
    type: 'view',
    name: 'v_session_skill_summary',
    sql: 'CREATE VIEW v_session_skill_summary AS\nSELECT\n    session_id,\n    COUNT(DISTINCT skill_name) as unique_skills,\n    COUNT(*) as total_invocations,\n    SUM(CASE WHEN completed = 1 THEN 1 ELSE 0 END) as completed_count,\n    SUM(CASE WHEN completed = 0 THEN 1 ELSE 0 END) as abandoned_count,\n    SUM(COALESCE(duration_seconds, 0)) as total_duration_seconds,\n    MIN(invoked_at) as first_skill_at,\n    MAX(invoked_at) as last_skill_at\nFROM skill_invocation\nGROUP BY session_id',
  },
  {
    type: 'view',
    name: 'v_skill_effectiveness',
    sql: "CREATE VIEW v_skill_effectiveness AS\nSELECT\n    skill_name,\n    total_invocations,\n    completed_invocations,\n    abandoned_invocations,\n    completion_rate,\n    avg_duration_seconds,\n    first_invoked,\n    last_invoked,\n    -- Compute most recent activity\n    CAST(julianday('now') - julianday(last_invoked) AS INTEGER) as days_since_last_use\nFROM skill_metrics\nWHERE total_invocations > 0\nORDER BY total_invocations DESC",
  },
  {
    type: 'view',
    name: 'v_top_skills',
    sql: "CREATE VIEW v_top_skills AS\nSELECT\n    skill_name,\n    total_invocations,\n    completion_rate,\n    avg_duration_seconds,\n    -- Extract most used workflow path\n    json_extract(workflow_paths, '$.' || (\n        SELECT key FROM json_each(workflow_paths)\n         ORDER BY value DESC\n         LIMIT 1\n    )) as preferred_workflow\nFROM skill_metrics\nWHERE total_invocations > 0\nORDER BY total_invocations DESC",
  },
  {
    type: 'table',
    name: 'mv_daily_skills',
    sql: 'CREATE TABLE mv_daily_skills (\n    date TEXT NOT NULL,\n    skill_name TEXT NOT NULL,\n    invocations INTEGER NOT NULL,\n    completions INTEGER NOT NULL,\n    abandonments INTEGER NOT NULL,\n    avg_duration_seconds REAL,\n    PRIMARY KEY (date, skill_name)\n)',
  },
  { type: 'index', name: 'idx_mv_daily_date', sql: 'CREATE INDEX idx_mv_daily_date\n    ON mv_daily_skills(date DESC)' },
  { type: 'index', name: 'idx_mv_daily_skill', sql: 'CREATE INDEX idx_mv_daily_skill\n    ON mv_daily_skills(skill_name)' },
  {
    type: 'view',
    name: 'v_daily_skill_source',
    sql: 'CREATE VIEW v_daily_skill_source AS\nSELECT\n    DATE(invoked_at) as date,\n    skill_name,\n    COUNT(*) as invocations,\n    SUM(CASE WHEN completed = 1 THEN 1 ELSE 0 END) as completions,\n    SUM(CASE WHEN completed = 0 THEN 1 ELSE 0 END) as abandonments,\n    AVG(CASE WHEN completed = 1 THEN duration_seconds END) as avg_duration_seconds\nFROM skill_invocation\nGROUP BY DATE(invoked_at), skill_name',
  },
  { type: 'index', name: 'idx_invocation_embedding', sql: 'CREATE INDEX idx_invocation_embedding\n    ON skill_invocation(embedding)\n    WHERE embedding IS NOT NULL' },
  {
    type: 'index',
    name: 'idx_invocation_workflow_phase',
    sql: 'CREATE INDEX idx_invocation_workflow_phase\n    ON skill_invocation(workflow_phase)\n    WHERE workflow_phase IS NOT NULL',
  },
  {
    type: 'index',
    name: 'idx_invocation_workflow_step',
    sql: 'CREATE INDEX idx_invocation_workflow_step\n    ON skill_invocation(workflow_step_id)\n    WHERE workflow_step_id IS NOT NULL',
  },
  {
    type: 'index',
    name: 'idx_invocation_phase_completion',
    sql: 'CREATE INDEX idx_invocation_phase_completion\n    ON skill_invocation(workflow_phase, completed)\n    WHERE workflow_phase IS NOT NULL',
  },
  {
    type: 'view',
    name: 'v_skill_effectiveness_by_phase',
    sql: 'CREATE VIEW v_skill_effectiveness_by_phase AS\nSELECT\n    skill_name,\n    workflow_phase,\n    COUNT(*) as total_invocations,\n    SUM(CASE WHEN completed = 1 THEN 1 ELSE 0 END) as completed_count,\n    SUM(CASE WHEN completed = 0 THEN 1 ELSE 0 END) as abandoned_count,\n    AVG(CASE WHEN completed = 1 THEN duration_seconds END) as avg_duration_seconds,\n    AVG(CASE WHEN completed = 1 THEN duration_seconds END) as avg_completion_time,\n    CAST(SUM(CASE WHEN completed = 1 THEN 1 ELSE 0 END) AS FLOAT) / COUNT(*) * 100.0 as completion_rate\nFROM skill_invocation\nWHERE workflow_phase IS NOT NULL\nGROUP BY skill_name, workflow_phase',
  },
  {
    type: 'view',
    name: 'v_workflow_phase_patterns',
    sql: 'CREATE VIEW v_workflow_phase_patterns AS\nSELECT\n    workflow_phase,\n    COUNT(*) as invocations_in_phase,\n    COUNT(DISTINCT skill_name) as unique_skills_in_phase,\n    SUM(CASE WHEN completed = 1 THEN 1 ELSE 0 END) as successful_completions,\n    AVG(CASE WHEN duration_seconds IS NOT NULL THEN duration_seconds END) as avg_phase_duration\nFROM skill_invocation\nWHERE workflow_phase IS NOT NULL\nGROUP BY workflow_phase\nORDER BY workflow_phase',
  },
  {
    type: 'view',
    name: 'v_skills_by_phase_usage',
    sql: 'CREATE VIEW v_skills_by_phase_usage AS\nSELECT\n    skill_name,\n    workflow_phase,\n    COUNT(*) as usage_count,\n    AVG(CASE WHEN completed = 1 THEN 1.0 ELSE 0.0 END) as success_rate\nFROM skill_invocation\nWHERE workflow_phase IS NOT NULL\nGROUP BY skill_name, workflow_phase\nORDER BY skill_name, workflow_phase',
  },
  {
    type: 'table',
    name: 'skill_metrics_cache',
    sql: 'CREATE TABLE skill_metrics_cache (\n    skill_name TEXT PRIMARY KEY,\n    last_invocation_at TEXT NOT NULL,\n    invocation_count_1h INTEGER DEFAULT 0,\n    invocation_count_24h INTEGER DEFAULT 0,\n    avg_completion_rate_24h REAL,\n    is_anomalous BOOLEAN DEFAULT 0,\n    anomaly_score REAL,\n    updated_at TEXT NOT NULL,\n    UNIQUE(skill_name),\n    FOREIGN KEY (skill_name) REFERENCES skill_metrics(skill_name)\n)',
  },
  { type: 'index', name: 'idx_metrics_cache_updated', sql: 'CREATE INDEX idx_metrics_cache_updated\n    ON skill_metrics_cache(updated_at)' },
  {
    type: 'table',
    name: 'skill_time_series',
    sql: 'CREATE TABLE skill_time_series (\n    id INTEGER PRIMARY KEY AUTOINCREMENT,\n    skill_name TEXT NOT NULL,\n    timestamp TEXT NOT NULL,  -- ISO format, hourly granularity\n    invocation_count INTEGER DEFAULT 0,\n    completion_rate REAL,\n    avg_duration_seconds REAL,\n    unique_sessions INTEGER DEFAULT 0,\n    FOREIGN KEY (skill_name) REFERENCES skill_metrics(skill_name)\n)',
  },
  { type: 'index', name: 'idx_time_series_skill_timestamp', sql: 'CREATE INDEX idx_time_series_skill_timestamp\n    ON skill_time_series(skill_name, timestamp DESC)' },
  {
    type: 'table',
    name: 'skill_anomalies',
    sql: "CREATE TABLE skill_anomalies (\n    id INTEGER PRIMARY KEY AUTOINCREMENT,\n    skill_name TEXT NOT NULL,\n    detected_at TEXT NOT NULL,\n    anomaly_type TEXT NOT NULL,  -- 'drop', 'spike', 'pattern_shift'\n    baseline_value REAL,\n    observed_value REAL,\n    deviation_score REAL,\n    resolved_at TEXT,\n    FOREIGN KEY (skill_name) REFERENCES skill_metrics(skill_name)\n)",
  },
  { type: 'index', name: 'idx_anomalies_detected_at', sql: 'CREATE INDEX idx_anomalies_detected_at\n    ON skill_anomalies(detected_at DESC)' },
  { type: 'index', name: 'idx_anomalies_skill', sql: 'CREATE INDEX idx_anomalies_skill\n    ON skill_anomalies(skill_name, detected_at DESC)' },
  {
    type: 'table',
    name: 'skill_community_baselines',
    sql: 'CREATE TABLE skill_community_baselines (\n    skill_name TEXT PRIMARY KEY,\n    total_users INTEGER DEFAULT 0,\n    total_invocations INTEGER DEFAULT 0,\n    global_completion_rate REAL,\n    global_avg_duration_seconds REAL,\n    most_common_workflow_phase TEXT,\n    effectiveness_percentile REAL,  -- 0-100, relative to other skills\n    last_updated TEXT NOT NULL,\n    UNIQUE(skill_name),\n    FOREIGN KEY (skill_name) REFERENCES skill_metrics(skill_name)\n)',
  },
  {
    type: 'table',
    name: 'skill_user_interactions',
    sql: 'CREATE TABLE skill_user_interactions (\n    id INTEGER PRIMARY KEY AUTOINCREMENT,\n    user_id TEXT NOT NULL,  -- Anonymous user identifier\n    session_id TEXT NOT NULL,\n    skill_name TEXT NOT NULL,\n    invoked_at TEXT NOT NULL,\n    completed BOOLEAN NOT NULL,\n    rating REAL,  -- Optional user feedback (1-5)\n    alternatives_considered TEXT,  -- JSON array\n    FOREIGN KEY (skill_name) REFERENCES skill_metrics(skill_name)\n)',
  },
  { type: 'index', name: 'idx_user_interactions_user', sql: 'CREATE INDEX idx_user_interactions_user\n    ON skill_user_interactions(user_id, invoked_at DESC)' },
  { type: 'index', name: 'idx_user_interactions_skill', sql: 'CREATE INDEX idx_user_interactions_skill\n    ON skill_user_interactions(skill_name, completed)' },
  { type: 'index', name: 'idx_user_interactions_session', sql: 'CREATE INDEX idx_user_interactions_session\n    ON skill_user_interactions(session_id)' },
  {
    type: 'table',
    name: 'skill_clusters',
    sql: 'CREATE TABLE skill_clusters (\n    cluster_id INTEGER PRIMARY KEY AUTOINCREMENT,\n    cluster_name TEXT NOT NULL,\n    description TEXT,\n    centroid_embedding BLOB,  -- Packed 384-dim embedding\n    created_at TEXT NOT NULL,\n    UNIQUE(cluster_name)\n)',
  },
  {
    type: 'table',
    name: 'skill_cluster_membership',
    sql: 'CREATE TABLE skill_cluster_membership (\n    skill_name TEXT NOT NULL,\n    cluster_id INTEGER NOT NULL,\n    membership_score REAL,  -- 0-1, how well skill fits cluster\n    PRIMARY KEY (skill_name, cluster_id),\n    FOREIGN KEY (skill_name) REFERENCES skill_metrics(skill_name),\n    FOREIGN KEY (cluster_id) REFERENCES skill_clusters(cluster_id)\n)',
  },
  { type: 'index', name: 'idx_cluster_membership_cluster', sql: 'CREATE INDEX idx_cluster_membership_cluster\n    ON skill_cluster_membership(cluster_id)' },
  {
    type: 'table',
    name: 'ab_test_configs',
    sql: "CREATE TABLE ab_test_configs (\n    test_id INTEGER PRIMARY KEY AUTOINCREMENT,\n    test_name TEXT NOT NULL UNIQUE,\n    description TEXT,\n    control_strategy TEXT NOT NULL,  -- e.g., \"semantic_search\"\n    treatment_strategy TEXT NOT NULL,  -- e.g., \"workflow_aware_search\"\n    start_date TEXT NOT NULL,\n    end_date TEXT,\n    min_sample_size INTEGER DEFAULT 100,\n    metrics TEXT,  -- JSON array: [\"completion_rate\", \"user_satisfaction\"]\n    assignment_ratio REAL DEFAULT 0.5,  -- 50% control, 50% treatment\n    status TEXT DEFAULT 'running',  -- 'running', 'completed', 'stopped'\n    created_at TEXT NOT NULL DEFAULT (datetime('now'))\n)",
  },
  {
    type: 'table',
    name: 'ab_test_assignments',
    sql: "CREATE TABLE ab_test_assignments (\n    assignment_id INTEGER PRIMARY KEY AUTOINCREMENT,\n    test_id INTEGER NOT NULL,\n    user_id TEXT NOT NULL,\n    group_name TEXT NOT NULL,  -- 'control' or 'treatment'\n    assigned_at TEXT NOT NULL DEFAULT (datetime('now')),\n    FOREIGN KEY (test_id) REFERENCES ab_test_configs(test_id),\n    UNIQUE(test_id, user_id)\n)",
  },
  { type: 'index', name: 'idx_ab_assignments_test_user', sql: 'CREATE INDEX idx_ab_assignments_test_user\n    ON ab_test_assignments(test_id, user_id)' },
  { type: 'index', name: 'idx_ab_assignments_group', sql: 'CREATE INDEX idx_ab_assignments_group\n    ON ab_test_assignments(test_id, group_name)' },
  {
    type: 'table',
    name: 'ab_test_outcomes',
    sql: "CREATE TABLE ab_test_outcomes (\n    outcome_id INTEGER PRIMARY KEY AUTOINCREMENT,\n    test_id INTEGER NOT NULL,\n    user_id TEXT NOT NULL,\n    skill_name TEXT NOT NULL,\n    completed BOOLEAN NOT NULL,\n    duration_seconds REAL,\n    user_rating REAL,  -- Optional user feedback (1-5)\n    recorded_at TEXT NOT NULL DEFAULT (datetime('now')),\n    FOREIGN KEY (test_id) REFERENCES ab_test_configs(test_id),\n    FOREIGN KEY (skill_name) REFERENCES skill_metrics(skill_name)\n)",
  },
  { type: 'index', name: 'idx_ab_outcomes_test', sql: 'CREATE INDEX idx_ab_outcomes_test\n    ON ab_test_outcomes(test_id)' },
  { type: 'index', name: 'idx_ab_outcomes_user', sql: 'CREATE INDEX idx_ab_outcomes_user\n    ON ab_test_outcomes(test_id, user_id)' },
  {
    type: 'table',
    name: 'skill_categories',
    sql: "CREATE TABLE skill_categories (\n    category_id INTEGER PRIMARY KEY AUTOINCREMENT,\n    category_name TEXT NOT NULL UNIQUE,\n    parent_category_id INTEGER,\n    description TEXT,\n    domain TEXT,  -- 'code', 'documentation', 'testing', 'deployment'\n    created_at TEXT NOT NULL DEFAULT (datetime('now')),\n    FOREIGN KEY (parent_category_id) REFERENCES skill_categories(category_id)\n)",
  },
  {
    type: 'table',
    name: 'skill_category_mapping',
    sql: "CREATE TABLE skill_category_mapping (\n    skill_name TEXT NOT NULL,\n    category_id INTEGER NOT NULL,\n    confidence_score REAL,  -- 0-1, how well skill fits category\n    assigned_at TEXT NOT NULL DEFAULT (datetime('now')),\n    PRIMARY KEY (skill_name, category_id),\n    FOREIGN KEY (skill_name) REFERENCES skill_metrics(skill_name),\n    FOREIGN KEY (category_id) REFERENCES skill_categories(category_id)\n)",
  },
  { type: 'index', name: 'idx_category_mapping_skill', sql: 'CREATE INDEX idx_category_mapping_skill\n    ON skill_category_mapping(skill_name)' },
  { type: 'index', name: 'idx_category_mapping_category', sql: 'CREATE INDEX idx_category_mapping_category\n    ON skill_category_mapping(category_id)' },
  {
    type: 'table',
    name: 'skill_dependencies',
    sql: "CREATE TABLE skill_dependencies (\n    skill_a TEXT NOT NULL,\n    skill_b TEXT NOT NULL,\n    co_occurrence_count INTEGER DEFAULT 1,\n    lift_score REAL,  -- >1 means skills used together more than expected\n    last_updated TEXT NOT NULL DEFAULT (datetime('now')),\n    PRIMARY KEY (skill_a, skill_b),\n    FOREIGN KEY (skill_a) REFERENCES skill_metrics(skill_name),\n    FOREIGN KEY (skill_b) REFERENCES skill_metrics(skill_name)\n)",
  },
  { type: 'index', name: 'idx_dependencies_skill_a', sql: 'CREATE INDEX idx_dependencies_skill_a\n    ON skill_dependencies(skill_a)' },
  { type: 'index', name: 'idx_dependencies_lift', sql: 'CREATE INDEX idx_dependencies_lift\n    ON skill_dependencies(lift_score DESC)' },
  {
    type: 'table',
    name: 'skill_modalities',
    sql: "CREATE TABLE skill_modalities (\n    skill_name TEXT PRIMARY KEY,\n    modality_type TEXT NOT NULL,  -- 'code', 'documentation', 'testing', 'deployment'\n    input_format TEXT,  -- e.g., 'python_code', 'markdown', 'yaml'\n    output_format TEXT,\n    requires_human_review BOOLEAN DEFAULT 0,\n    created_at TEXT NOT NULL DEFAULT (datetime('now')),\n    FOREIGN KEY (skill_name) REFERENCES skill_metrics(skill_name)\n)",
  },
  {
    type: 'trigger',
    name: 'trg_metrics_cache_after_insert',
    sql: "CREATE TRIGGER trg_metrics_cache_after_insert\n    AFTER INSERT ON skill_invocation\n    BEGIN\n        -- Insert or update metrics cache\n        INSERT INTO skill_metrics_cache (skill_name, last_invocation_at, invocation_count_1h, invocation_count_24h, updated_at)\n        VALUES (\n            NEW.skill_name,\n            NEW.invoked_at,\n            1,  -- Initial count for 1h\n            1,  -- Initial count for 24h\n            datetime('now')\n        )\n        ON CONFLICT(skill_name) DO UPDATE SET\n            last_invocation_at = NEW.invoked_at,\n            invocation_count_1h = invocation_count_1h + 1,\n            invocation_count_24h = invocation_count_24h + 1,\n            updated_at = datetime('now');\n    END",
  },
  {
    type: 'view',
    name: 'v_realtime_skill_dashboard',
    sql: 'CREATE VIEW v_realtime_skill_dashboard AS\nSELECT\n    smc.skill_name,\n    smc.last_invocation_at,\n    smc.invocation_count_1h,\n    smc.invocation_count_24h,\n    smc.avg_completion_rate_24h,\n    smc.is_anomalous,\n    smc.anomaly_score,\n    sm.total_invocations,\n    sm.completion_rate,\n    sm.avg_duration_seconds\nFROM skill_metrics_cache smc\nJOIN skill_metrics sm ON smc.skill_name = sm.skill_name\nORDER BY smc.invocation_count_24h DESC',
  },
  {
    type: 'view',
    name: 'v_skill_effectiveness_trend',
    sql: "CREATE VIEW v_skill_effectiveness_trend AS\nWITH daily_stats AS (\n    SELECT\n        skill_name,\n        DATE(invoked_at) as date,\n        COUNT(*) as invocations,\n        AVG(CASE WHEN completed = 1 THEN 1.0 ELSE 0.0 END) as completion_rate\n    FROM skill_invocation\n    WHERE datetime(invoked_at) >= datetime('now', '-7 days')\n    GROUP BY skill_name, DATE(invoked_at)\n)\nSELECT\n    skill_name,\n    AVG(completion_rate) as avg_completion_rate_7d,\n    MAX(completion_rate) as max_completion_rate_7d,\n    MIN(completion_rate) as min_completion_rate_7d,\n    -- Linear regression slope (trend direction)\n    (MAX(completion_rate) - MIN(completion_rate)) / NULLIF(COUNT(*) - 1, 1) as trend_slope\nFROM daily_stats\nGROUP BY skill_name",
  },
  {
    type: 'view',
    name: 'v_community_baseline_comparison',
    sql: 'CREATE VIEW v_community_baseline_comparison AS\nSELECT\n    si.skill_name,\n    COUNT(DISTINCT si.session_id) as user_invocations,\n    AVG(CASE WHEN si.completed = 1 THEN 1.0 ELSE 0.0 END) as user_completion_rate,\n    scb.global_completion_rate as baseline_completion_rate,\n    scb.effectiveness_percentile,\n    (AVG(CASE WHEN si.completed = 1 THEN 1.0 ELSE 0.0 END) - scb.global_completion_rate) as delta_from_baseline\nFROM skill_invocation si\nJOIN skill_community_baselines scb ON si.skill_name = scb.skill_name\nGROUP BY si.skill_name, scb.global_completion_rate, scb.effectiveness_percentile',
  },
  {
    type: 'view',
    name: 'v_skill_dependency_network',
    sql: "CREATE VIEW v_skill_dependency_network AS\nSELECT\n    skill_a,\n    skill_b,\n    co_occurrence_count,\n    lift_score,\n    -- Interpret lift score\n    CASE\n        WHEN lift_score > 2.0 THEN 'strong_positive'\n        WHEN lift_score > 1.5 THEN 'moderate_positive'\n        WHEN lift_score > 1.0 THEN 'weak_positive'\n        WHEN lift_score = 1.0 THEN 'independent'\n        WHEN lift_score > 0.5 THEN 'weak_negative'\n        ELSE 'moderate_negative'\n    END as relationship_type\nFROM skill_dependencies\nWHERE lift_score IS NOT NULL\nORDER BY co_occurrence_count DESC",
  },
  {
    type: 'view',
    name: 'v_ab_test_summary',
    sql: "CREATE VIEW v_ab_test_summary AS\nSELECT\n    tc.test_id,\n    tc.test_name,\n    tc.control_strategy,\n    tc.treatment_strategy,\n    tc.status,\n    COUNT(DISTINCT aa.user_id) as total_users,\n    SUM(CASE WHEN aa.group_name = 'control' THEN 1 ELSE 0 END) as control_users,\n    SUM(CASE WHEN aa.group_name = 'treatment' THEN 1 ELSE 0 END) as treatment_users,\n    AVG(CASE WHEN ao.completed = 1 AND aa.group_name = 'control' THEN 1.0 ELSE NULL END) as control_completion_rate,\n    AVG(CASE WHEN ao.completed = 1 AND aa.group_name = 'treatment' THEN 1.0 ELSE NULL END) as treatment_completion_rate\nFROM ab_test_configs tc\nLEFT JOIN ab_test_assignments aa ON tc.test_id = aa.test_id\nLEFT JOIN ab_test_outcomes ao ON tc.test_id = ao.test_id AND aa.user_id = ao.user_id\nGROUP BY tc.test_id, tc.test_name, tc.control_strategy, tc.treatment_strategy, tc.status",
  },
  {
    type: 'view',
    name: 'v_multimodal_skill_catalog',
    sql: 'CREATE VIEW v_multimodal_skill_catalog AS\nSELECT\n    si.skill_name,\n    sm.modality_type,\n    sm.input_format,\n    sm.output_format,\n    sm.requires_human_review,\n    COUNT(DISTINCT si.session_id) as total_sessions,\n    AVG(CASE WHEN si.completed = 1 THEN 1.0 ELSE 0.0 END) as completion_rate,\n    AVG(si.duration_seconds) as avg_duration_seconds,\n    sc.category_name,\n    sc.domain\nFROM skill_invocation si\nLEFT JOIN skill_modalities sm ON si.skill_name = sm.skill_name\nLEFT JOIN skill_category_mapping scm ON si.skill_name = scm.skill_name\nLEFT JOIN skill_categories sc ON scm.category_id = sc.category_id\nGROUP BY si.skill_name, sm.modality_type, sm.input_format, sm.output_format,\n         sm.requires_human_review, sc.category_name, sc.domain\nORDER BY si.skill_name',
  },
];
