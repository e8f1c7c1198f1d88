/**
 * Hourly data shared by the time-series and skill-tables capabilities: analysis windows, the SQL
 * that aggregates invocations per hour/day, and the merge with hours stored in session-buddy's
 * `skill_time_series` (history pruned from skill_invocation). Capabilities use it through this file.
 */
export { hourlyCubeIndex } from './cube.js';
export { cubeLastInvocations } from './cube-window.js';
export { fillHourlyGaps, groupBySkill, hourStart, hourStarts } from './hours.js';
export { higherIsBetter, isTimeSeriesMetric, metricValue, requireMetric, TIME_SERIES_METRICS } from './metrics.js';
export { cubeFor, firstActivity, readDailyRows, readHourlyColumns, readHourlyMetrics, readQualifyingDailyRows } from './source.js';
export { dailySeriesSql, firstInvocationSql, hourlyMetricsSql, type DailyRow } from './sql.js';
export { compareCodePoints, parseStoredRows, storedHoursIn, type StoredHour, type StoredHourTable } from './stored-hours.js';
export { completedCount, mergeDaily, mergeHourly, storedDurationWeight, type HourMismatch } from './stored-merge.js';
export type * from './types.js';
export { requireWindowLength, resolveAsOf, secondWindow, windowLabels, type TimeWindow } from './window.js';
