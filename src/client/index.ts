/**
 * `session-buddy-analytics`: the page-side API. Every public result and option type of the four
 * capabilities is importable by name from here (and from `session-buddy-analytics/node`).
 */
export { createAnalytics, type Analytics, type CreateAnalyticsOptions, type PageEntry, type PageSource } from './createAnalytics.js';
export type { AnalyticsAssets } from './assets.js';
export { AnalyticsError, ERROR_CODES, isAnalyticsError, type ErrorCode } from '../engine/errors.js';
export { WARNING_CODES } from '../engine/types.js';
export type * from '../engine/types.js';
export type { OpenOptions } from '../analytics/AnalyticsEngine.js';
export type { SourceScope } from '../engine/context.js';
export type { NamedSource } from '../engine/dataset/dataset-sources.js';
export type { TimeInput } from '../engine/time.js';
export type * from '../public-types.js';
