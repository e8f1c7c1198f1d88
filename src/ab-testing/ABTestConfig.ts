/**
 * What a caller passes to the A/B framework (a test's configuration, one outcome) and how those
 * inputs are checked. Field names are session-buddy's `ABTestConfig` / `ABTestOutcome` in camelCase.
 */
import { AnalyticsError, requireArgument } from '../engine/errors.js';
import { parseTimestamp } from '../engine/time.js';

/** A group of a test. */
export type ABGroup = 'control' | 'treatment';

/** Status values session-buddy writes to `ab_test_configs.status`. */
export type ABTestStatusValue = 'running' | 'completed' | 'stopped';

/**
 * Configuration of a new test (session-buddy's `ABTestConfig`; `assignment_ratio` is the second
 * argument of `createTest`, as upstream's `create_test(config, assignment_ratio)`).
 */
export interface ABTestConfig {
  /** Unique name (`ab_test_configs.test_name`). */
  testName: string;
  /** Human-readable description; stored as NULL when absent (upstream requires a string). */
  description?: string | null;
  /** Baseline strategy, e.g. "semantic_search". */
  controlStrategy: string;
  /** Strategy under test, e.g. "workflow_aware_search". */
  treatmentStrategy: string;
  /** Start (ISO-8601 text stored verbatim, or a Date); default: now, written as Python's `isoformat()`. */
  startDate?: string | Date;
  /** Optional planned end, same forms as `startDate`. */
  endDate?: string | Date | null;
  /** Outcomes needed in EACH group before the analysis names a winner (default 100). */
  minSampleSize?: number;
  /** Metric names, stored comma-joined (default `['completion_rate']`). */
  metrics?: string[];
}

/** One observed skill invocation of a user in a test (session-buddy's `ABTestOutcome`). */
export interface ABTestOutcome {
  skillName: string;
  completed: boolean;
  /** Seconds, ≥ 0; null/absent when unknown. */
  durationSeconds?: number | null;
  /** User feedback on a 1-5 scale; null/absent when not given. */
  userRating?: number | null;
}

/** A configuration after checking, as written to `ab_test_configs`. */
export interface CheckedConfig {
  testName: string;
  description: string | null;
  controlStrategy: string;
  treatmentStrategy: string;
  startDate: string;
  endDate: string | null;
  minSampleSize: number;
  metrics: string;
}

/**
 * An instant as Python's `datetime.now(timezone.utc).isoformat()` writes it:
 * `2026-11-24T19:05:26.687000+00:00` (no fraction when the microsecond is 0).
 * @param date the instant (default now)
 * @returns the text
 * @example pythonIsoFormat(new Date(Date.UTC(2026, 10, 24, 19, 5, 26, 687))) // '2026-11-24T19:05:26.687000+00:00'
 */
export function pythonIsoFormat(date: Date = new Date()): string {
  const iso = date.toISOString();
  const ms = date.getUTCMilliseconds();
  return `${iso.slice(0, 19)}${ms === 0 ? '' : `.${String(ms * 1000).padStart(6, '0')}`}+00:00`;
}

/** A lone UTF-16 surrogate: Python cannot UTF-8-encode it, so session-buddy could not hash it. */
const LONE_SURROGATE = /\p{Cs}/u;

function requireText(fn: string, name: string, value: unknown): string {
  requireArgument(typeof value === 'string' && value.trim().length > 0, `${fn}: ${name} must be a non-empty string (got ${JSON.stringify(value) ?? String(value)})`);
  requireArgument(!LONE_SURROGATE.test(value), `${fn}: ${name} contains an unpaired UTF-16 surrogate; pass well-formed Unicode text`);
  return value;
}

function timeText(fn: string, name: string, value: string | Date): string {
  if (value instanceof Date) {
    requireArgument(Number.isFinite(value.getTime()), `${fn}: ${name} is an invalid Date`);
    return pythonIsoFormat(value);
  }
  requireArgument(typeof value === 'string' && parseTimestamp(value) !== null, `${fn}: ${name} "${String(value)}" is not a time; use ISO-8601 such as 2026-11-20T13:00:00+00:00`);
  return value;
}

/**
 * Checks a configuration and fills defaults.
 * @param config the caller's configuration
 * @param now used for the default start date
 * @returns the row to insert
 * @throws AnalyticsError INVALID_ARGUMENT for empty names, a bad date, a negative or fractional minSampleSize, bad metric names
 */
export function checkConfig(config: ABTestConfig, now: Date = new Date()): CheckedConfig {
  const fn = 'createTest';
  requireArgument(config !== null && typeof config === 'object', `${fn}: config must be an object { testName, controlStrategy, treatmentStrategy, ... }`);
  const testName = requireText(fn, 'testName', config.testName);
  const controlStrategy = requireText(fn, 'controlStrategy', config.controlStrategy);
  const treatmentStrategy = requireText(fn, 'treatmentStrategy', config.treatmentStrategy);
  const description = config.description ?? null;
  requireArgument(description === null || typeof description === 'string', `${fn}: description must be a string or null`);
  const startDate = config.startDate === undefined ? pythonIsoFormat(now) : timeText(fn, 'startDate', config.startDate);
  const endDate = config.endDate === undefined || config.endDate === null ? null : timeText(fn, 'endDate', config.endDate);
  if (endDate !== null) {
    requireArgument((parseTimestamp(endDate) as number) >= (parseTimestamp(startDate) as number), `${fn}: endDate (${endDate}) is before startDate (${startDate})`);
  }
  const minSampleSize = config.minSampleSize ?? 100;
  requireArgument(Number.isSafeInteger(minSampleSize) && minSampleSize >= 0, `${fn}: minSampleSize must be a whole number ≥ 0 (got ${String(minSampleSize)})`);
  const metrics = config.metrics ?? ['completion_rate'];
  requireArgument(Array.isArray(metrics) && metrics.length > 0, `${fn}: metrics must be a non-empty array of names, e.g. ['completion_rate']`);
  for (const m of metrics) {
    requireText(fn, 'each metric', m);
    requireArgument(!m.includes(','), `${fn}: metric "${m}" contains a comma; session-buddy stores metrics comma-joined`);
  }
  return { testName, description, controlStrategy, treatmentStrategy, startDate, endDate, minSampleSize, metrics: metrics.join(',') };
}

/**
 * Checks the control share of `createTest`.
 * @throws AnalyticsError INVALID_ARGUMENT unless 0 < ratio < 1
 */
export function checkRatio(fn: string, ratio: unknown): number {
  requireArgument(
    typeof ratio === 'number' && Number.isFinite(ratio) && ratio > 0 && ratio < 1,
    `${fn}: assignmentRatio is the control share and must lie strictly between 0 and 1 (got ${String(ratio)})`,
  );
  return ratio;
}

/**
 * Checks a test id.
 * @throws AnalyticsError INVALID_ARGUMENT unless a positive whole number
 */
export function checkTestId(fn: string, testId: unknown): number {
  requireArgument(
    typeof testId === 'number' && Number.isSafeInteger(testId) && testId > 0,
    `${fn}: testId must be a positive whole number as returned by createTest/listTests (got ${String(testId)})`,
  );
  return testId;
}

/**
 * Checks a user id (any non-empty, well-formed Unicode text).
 * @throws AnalyticsError INVALID_ARGUMENT otherwise
 */
export function checkUserId(fn: string, userId: unknown): string {
  requireArgument(typeof userId === 'string' && userId.length > 0, `${fn}: userId must be a non-empty string (got ${JSON.stringify(userId) ?? String(userId)})`);
  requireArgument(!LONE_SURROGATE.test(userId), `${fn}: userId contains an unpaired UTF-16 surrogate; pass well-formed Unicode text`);
  return userId;
}

/** An outcome after checking, as written to `ab_test_outcomes`. */
export interface CheckedOutcome {
  skillName: string;
  completed: 0 | 1;
  durationSeconds: number | null;
  userRating: number | null;
}

/**
 * Checks one outcome.
 * @throws AnalyticsError INVALID_ARGUMENT for an empty skill name, a non-boolean completed, a negative or non-finite duration, a rating outside 1-5
 */
export function checkOutcome(outcome: ABTestOutcome): CheckedOutcome {
  const fn = 'recordOutcome';
  if (outcome === null || typeof outcome !== 'object')
    throw new AnalyticsError('INVALID_ARGUMENT', `${fn}: outcome must be an object { skillName, completed, durationSeconds?, userRating? }`);
  const skillName = requireText(fn, 'outcome.skillName', outcome.skillName);
  requireArgument(typeof outcome.completed === 'boolean', `${fn}: outcome.completed must be true or false (got ${String(outcome.completed)})`);
  const d = outcome.durationSeconds ?? null;
  requireArgument(d === null || (typeof d === 'number' && Number.isFinite(d) && d >= 0), `${fn}: outcome.durationSeconds must be a finite number ≥ 0 or null (got ${String(d)})`);
  const r = outcome.userRating ?? null;
  requireArgument(r === null || (typeof r === 'number' && Number.isFinite(r) && r >= 1 && r <= 5), `${fn}: outcome.userRating must be between 1 and 5 or null (got ${String(r)})`);
  return { skillName, completed: outcome.completed ? 1 : 0, durationSeconds: d, userRating: r };
}
