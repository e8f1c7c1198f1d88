/**
 * The one error class of the library. Every failure a caller can act on carries a stable `code`
 * that survives the worker boundary (`src/client/transfer-handlers.ts` carries it through comlink).
 */
export const ERROR_CODES = [
  'NOT_SQLITE',
  'CORRUPT_DATABASE',
  'MISSING_TABLE',
  'MISSING_COLUMN',
  'FILE_TOO_LARGE',
  'NO_DATABASE',
  'TEST_NOT_FOUND',
  'TEST_NOT_RUNNING',
  'DUPLICATE_TEST',
  'USER_NOT_ASSIGNED',
  'INVALID_ARGUMENT',
  'INVALID_METRIC',
  'MODEL_NOT_TRAINED',
  'MODEL_VERSION',
  'INSUFFICIENT_DATA',
  'FETCH_FAILED',
  'TIMEOUT',
  'WORKER_CRASHED',
  'UNSUPPORTED_BROWSER',
  'READ_ONLY',
  'LOCAL_SAVE_FAILED',
  'SITE_NOT_BUILT',
  'UNSUPPORTED_FORMAT',
  'NATIVE_UNAVAILABLE',
  'FILE_CHANGED',
  'INTERNAL',
] as const;

/** A stable, machine-readable error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * An error with a stable `code` and a message a person can act on.
 * @example
 * throw new AnalyticsError('MISSING_TABLE', 'open: the file has no skill_invocation table; export skills.db from session-buddy');
 */
export class AnalyticsError extends Error {
  override readonly name = 'AnalyticsError';
  /**
   * @param code stable code from {@link ERROR_CODES}
   * @param message what went wrong and what to do next
   * @param details optional plain-data details (must be structured-cloneable)
   */
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** Plain-data form, as printed by the CLI and sent across the worker boundary. */
  toJSON(): { code: ErrorCode; message: string; details?: Record<string, unknown> } {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

/** True when `e` is an AnalyticsError (also for copies rebuilt after crossing a boundary). */
export function isAnalyticsError(e: unknown): e is AnalyticsError {
  return (
    e instanceof AnalyticsError ||
    (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AnalyticsError' && typeof (e as { code?: unknown }).code === 'string')
  );
}

/** Wraps any thrown value as an AnalyticsError (unknown failures become INTERNAL). */
export function toAnalyticsError(e: unknown, context = 'internal error'): AnalyticsError {
  if (e instanceof AnalyticsError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new AnalyticsError('INTERNAL', `${context}: ${message}`);
}

/** Throws INVALID_ARGUMENT unless `condition` holds. */
export function requireArgument(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AnalyticsError('INVALID_ARGUMENT', message);
}
