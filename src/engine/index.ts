/** The engine's public API, host-independent. */
export { AnalyticsEngine, type OpenOptions } from './AnalyticsEngine.js';
export type { EngineContext, SourceScope } from './context.js';
export type { NamedSource, DatasetEntry } from './dataset/dataset-sources.js';
export { AnalyticsError, ERROR_CODES, isAnalyticsError, type ErrorCode } from './errors.js';
export type { EngineHost } from './host.js';
export type { OpenSource } from './open-source.js';
export { MAX_FILE_BYTES } from './open-source.js';
export { parseTimestamp, formatIso, formatHour, type TimeInput } from './time.js';
export { WARNING_CODES } from './types.js';
export type * from './types.js';
export type { LocalStore } from './local-store.js';
export { QUICK_CHECK_DEFAULT_MAX_BYTES } from './verify-on-open.js';
