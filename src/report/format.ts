/**
 * Number and time formatting of the report. Pure functions (no DOM), shared with the end-to-end
 * tests so that they compare what the page shows with `format(engine value)`.
 */
import type { RecommendedDecision } from '../ab-testing/analysis-types.js';

/** Shown where a value is missing (null) or cannot be computed. */
export const MISSING = '—';

/** A whole number with thousands separators (`20,000`). */
export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? MISSING : Math.round(n).toLocaleString('en-US');
}

/** A share in [0, 1] as a percentage with one decimal (`72.4%`). */
export function formatPercent(r: number | null | undefined, digits = 1): string {
  return r === null || r === undefined || !Number.isFinite(r) ? MISSING : `${(r * 100).toFixed(digits)}%`;
}

/** A signed change in percentage points (`+3.1 pp`). */
export function formatPoints(d: number | null | undefined, digits = 1): string {
  if (d === null || d === undefined || !Number.isFinite(d)) return MISSING;
  const v = (d * 100).toFixed(digits);
  return `${d > 0 ? '+' : ''}${v} pp`;
}

/** A number with `digits` significant decimals; tiny values in exponent form. */
export function formatNumber(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING;
  if (x !== 0 && Math.abs(x) < 10 ** -digits) return x.toExponential(1);
  return x.toFixed(digits);
}

/** A signed number (`+0.012`). */
export function formatSigned(x: number | null | undefined, digits = 3): string {
  const s = formatNumber(x, digits);
  return x !== null && x !== undefined && x > 0 ? `+${s}` : s;
}

/** A p-value: three decimals, `< 0.001` below that. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return MISSING;
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** Seconds as `12.3 s`. */
export function formatSeconds(s: number | null | undefined): string {
  return s === null || s === undefined || !Number.isFinite(s) ? MISSING : `${s.toFixed(1)} s`;
}

/** An ISO UTC instant as `2026-11-24 17:00 UTC` (minutes), or the hour stamp of a bucket. */
export function formatUtc(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return MISSING;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?/.exec(iso);
  return m ? `${m[1]} ${m[2]}${withSeconds && m[3] ? m[3] : ''} UTC` : iso;
}

/** Length of the span between two ISO instants in days, one decimal (`14.0 days`). */
export function formatSpan(first: string | null, last: string | null): string {
  if (!first || !last) return MISSING;
  const days = (Date.parse(last) - Date.parse(first)) / 86_400_000;
  return `${days.toFixed(1)} days`;
}

/** File size in kB / MB. */
export function formatBytes(n: number): string {
  return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : `${(n / 1000).toFixed(1)} kB`;
}

/** Human names of the time-series metrics. */
export const METRIC_LABELS: Record<string, string> = {
  completion_rate: 'completion rate',
  avg_duration_seconds: 'average duration (s)',
  invocation_count: 'invocations',
};

/** Formats a value of a time-series metric. */
export function formatMetric(metric: string, v: number | null | undefined): string {
  if (metric === 'completion_rate') return formatPercent(v);
  if (metric === 'avg_duration_seconds') return formatSeconds(v);
  return formatNumber(v, metric === 'invocation_count' ? 0 : 3);
}

const TREND_TEXT: Record<string, string> = {
  improving: '▲ improving',
  declining: '▼ declining',
  stable: '→ stable',
  insufficient_data: '… too few days',
  invalid_metric: 'invalid metric',
};

/** The text of a trend's direction cell. */
export function directionText(trend: string): string {
  return TREND_TEXT[trend] ?? trend;
}

/** Headlines of the A/B recommended decisions. */
export const DECISION_TEXT: Record<RecommendedDecision, string> = {
  ship_treatment: 'Ship the treatment',
  keep_control: 'Keep the control',
  no_significant_difference: 'No significant difference',
  insufficient_data: 'Not enough data yet',
  check_assignment: 'Check the assignment first',
  blocked_by_guardrail: 'Do not ship: a guardrail fails',
};
