/** Time-series capability: hourly aggregates, trends and anomalies (session-buddy compatible). */
export { TimeSeriesAnalyzer } from './TimeSeriesAnalyzer.js';
export { TIME_SERIES_METRICS, isTimeSeriesMetric } from './metrics.js';
export { hourlyMetricsSql, dailySeriesSql, firstInvocationSql } from './sql.js';
export { analyzeDailyTrend, changePercent, isPartialDay, trendLabel, TREND_ALPHA } from './trend.js';
export { seasonalAnomalies, zScoreAnomalies } from './anomalies.js';
export { parseStoredRows, storedHoursIn, type StoredHour, type StoredHourTable } from './stored-hours.js';
export { completedCount, mergeDaily, mergeHourly, storedDurationWeight, type HourMismatch } from './stored-merge.js';
export type * from './types.js';
