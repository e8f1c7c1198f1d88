/** The engine's public API, host-independent. */
export { AnalyticsEngine, type OpenOptions } from './AnalyticsEngine.js';
export type { EngineContext, SourceScope } from '../engine/context.js';
export type { NamedSource, DatasetEntry } from '../engine/dataset/dataset-sources.js';
export { AnalyticsError, ERROR_CODES, isAnalyticsError, type ErrorCode } from '../engine/errors.js';
export type { EngineHost } from '../engine/host.js';
export type { OpenSource } from '../engine/open-source.js';
export { MAX_FILE_BYTES } from '../engine/open-source.js';
export { parseTimestamp, formatIso, formatHour, type TimeInput } from '../engine/time.js';
export { WARNING_CODES } from '../engine/types.js';
export type * from '../engine/types.js';
export type { LocalStore } from '../engine/local-store.js';
export { QUICK_CHECK_DEFAULT_MAX_BYTES } from '../engine/verify-on-open.js';
