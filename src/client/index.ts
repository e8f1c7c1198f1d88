/** `session-buddy-analytics`: the page-side API. */
export { createAnalytics, type Analytics, type CreateAnalyticsOptions, type PageSource } from './createAnalytics.js';
export { AnalyticsError, ERROR_CODES, isAnalyticsError, type ErrorCode } from '../engine/errors.js';
export type { DatabaseInfo, Progress, ProgressCallback, Warning } from '../engine/types.js';
