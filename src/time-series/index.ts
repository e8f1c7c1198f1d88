/** Time-series capability: hourly aggregates, trends and anomalies (session-buddy compatible). */
export { TimeSeriesAnalyzer } from './TimeSeriesAnalyzer.js';
export { TIME_SERIES_METRICS, isTimeSeriesMetric } from '../hourly/index.js';
export { hourlyMetricsSql, dailySeriesSql, firstInvocationSql } from '../hourly/index.js';
export { analyzeDailyTrend, changePercent, isPartialDay, trendLabel, TREND_ALPHA } from './trend.js';
export { seasonalAnomalies, zScoreAnomalies } from './anomalies.js';
export { parseStoredRows, storedHoursIn, type StoredHour, type StoredHourTable } from '../hourly/index.js';
export { completedCount, mergeDaily, mergeHourly, storedDurationWeight, type HourMismatch } from '../hourly/index.js';
export type * from './types.js';
export { decomposeSeries, HOURLY_PERIODS, MIN_DECOMPOSITION_HOURS } from './decomposition.js';
export { anscombe, fromAnscombe, dailyPoints, deseasonalize, findChangepoints, hourlyCountPoints, penaltyValue } from './changepoints.js';
export { forecastHourlyCounts, Z80, Z95 } from './forecast.js';
export { hourlySeries, interpolateGaps } from './hourly-series.js';
export { readAbEvents } from './ab-events.js';
