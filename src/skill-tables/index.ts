/** Skill-tables capability (session-buddy's V4 tables): live skill snapshot (vs skill_metrics_cache) and write-back for session-buddy. */
export { SkillTables, MAX_MATERIALIZE_HOURS } from './SkillTables.js';
export { lastInvocationSql, sqliteDateTime, timeSeriesStamp } from './sql.js';
export { cacheDifferences, readMetricsCache } from './metrics-cache.js';
export { anomalyScore } from './snapshot.js';
export type * from './types.js';
