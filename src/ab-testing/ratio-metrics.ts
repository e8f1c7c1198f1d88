/**
 * Ratio metrics with users as units: session-buddy's completion rate and mean duration are per
 * outcome (Σ completions / Σ outcomes, Σ durations / Σ known durations), but users are what is
 * randomised. The engines keep that per-outcome estimand and take its variance by the delta method
 * over users (Deng, Knoblich & Lu 2018): `deltaMethodRatio` on each user's sum and count. The
 * difference gets a normal interval and p, the relative lift Fieller's and the delta interval, and
 * CUPED is applied to each user's linearised value on the same pre-assignment covariates as the
 * user-level variance reduction. Durations are also reported capped at a pooled percentile
 * (default the 99.9th, Statsig's winsorisation default; type-7 / numpy 'linear' interpolation).
 */
import { compareRatios, deltaMethodRatio, quantileSorted, type RatioEstimate, type RatioUnit } from '../stats/index.js';
import type { ABGroup } from './ABTestConfig.js';
import type { UserDayCounts, UserDuration } from './ab-queries.js';
import type { AnalysisDetails } from './analysis-details.js';
import { adjustUnits, userCovariates } from './variance-reduction.js';

/** Default pooled percentile at which durations are capped. */
export const DEFAULT_DURATION_CAP_PERCENTILE = 0.999;

/** CUPED on the linearised ratio. */
export interface AdjustedRatio {
  covariates: string[];
  difference: number | null;
  ci95: [number | null, number | null];
  pValue: number | null;
  standardError: number | null;
  /** 1 − SE²after / SE²before. */
  varianceReduction: number | null;
  relativeLift: number | null;
  /** Fieller interval of the adjusted relative lift. */
  relativeLiftCi95: [number | null, number | null];
}

/** A per-outcome ratio compared between groups with users as units. */
export interface RatioMetric {
  /** Σ numerator / Σ denominator of each group. */
  control: number | null;
  treatment: number | null;
  /** Users (units) per group; a user without a known duration counts with 0 / 0 for durations. */
  controlUsers: number;
  treatmentUsers: number;
  /** Σ denominators per group (outcomes, or outcomes with a known duration). */
  controlDenominator: number;
  treatmentDenominator: number;
  /** Delta-method variance of each group's ratio. */
  controlVariance: number | null;
  treatmentVariance: number | null;
  /** treatment − control */
  difference: number | null;
  standardError: number | null;
  ci95: [number | null, number | null];
  /** Two-sided normal p of the difference. */
  pValue: number | null;
  /** treatment / control − 1 */
  relativeLift: number | null;
  /** Fieller's 95 % interval (null bounds: unbounded). */
  relativeLiftCi95: [number | null, number | null];
  /** Delta-method 95 % interval of the lift. */
  relativeLiftDeltaCi95: [number | null, number | null];
  /** CUPED on the linearised values; null when nothing was adjusted (no covariates or too few users). */
  adjusted: AdjustedRatio | null;
}

/** How durations were capped. */
export interface DurationCap {
  /** Pooled percentile of all known durations of both groups (e.g. 0.999). */
  percentile: number;
  /** The cap in seconds; null without durations. */
  capSeconds: number | null;
  /** Outcomes whose duration was above the cap (set to it). */
  cappedOutcomes: number;
  outcomesWithDuration: number;
  interpolation: 'type 7 (numpy.percentile method="linear")';
}

/** `ratioMetrics` of the analysis. */
export interface RatioMetricsAnalysis {
  method: string;
  completionRate: RatioMetric;
  avgDurationSeconds: RatioMetric;
  /** Durations capped at `durationCap.capSeconds`; null without per-outcome durations. */
  avgDurationSecondsCapped: RatioMetric | null;
  durationCap: DurationCap | null;
}

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);
const pair = (x: readonly [number, number]): [number | null, number | null] => [fin(x[0]), fin(x[1])];

interface UserTotals {
  group: ABGroup;
  n: number;
  k: number;
  dn: number;
  ds: number;
}

/** Each user's outcomes, completions, known durations and their sum, over all days. */
export function userTotals(rows: readonly UserDayCounts[]): Map<string, UserTotals> {
  const users = new Map<string, UserTotals>();
  for (const r of rows) {
    if (r.group !== 'control' && r.group !== 'treatment') continue;
    const u = users.get(r.userId) ?? { group: r.group, n: 0, k: 0, dn: 0, ds: 0 };
    u.n += r.n;
    u.k += r.completed;
    u.dn += r.durationN ?? 0;
    u.ds += r.durationSum ?? 0;
    users.set(r.userId, u);
  }
  return users;
}

/**
 * Compares a ratio between groups, with CUPED on its linearised values when covariates are given.
 * @param units per user: group, numerator, denominator, and (optionally) covariates
 * @param names covariate names (empty: no adjustment)
 * @returns the ratio metric
 * @throws AnalyticsError INVALID_ARGUMENT for non-finite values
 * @example compareRatioMetric(units, []).ci95 // [0.012, 0.148]
 */
export function compareRatioMetric(units: readonly (RatioUnit & { group: ABGroup; x?: readonly number[] })[], names: readonly string[]): RatioMetric {
  const of = (g: ABGroup) => units.filter((u) => u.group === g);
  const est: Record<ABGroup, RatioEstimate> = { control: deltaMethodRatio(of('control')), treatment: deltaMethodRatio(of('treatment')) };
  const cmp = compareRatios(est.control, est.treatment, 0.05);
  const sum = (g: ABGroup) => of(g).reduce((s, u) => s + u.denominator, 0);
  return {
    control: fin(est.control.ratio),
    treatment: fin(est.treatment.ratio),
    controlUsers: est.control.units,
    treatmentUsers: est.treatment.units,
    controlDenominator: sum('control'),
    treatmentDenominator: sum('treatment'),
    controlVariance: fin(est.control.variance),
    treatmentVariance: fin(est.treatment.variance),
    difference: fin(cmp.difference),
    standardError: fin(cmp.standardError),
    ci95: pair(cmp.ci),
    pValue: fin(cmp.pValue),
    relativeLift: fin(cmp.relativeLift),
    relativeLiftCi95: pair(cmp.relativeLiftFiellerCi),
    relativeLiftDeltaCi95: pair(cmp.relativeLiftDeltaCi),
    adjusted: names.length ? adjustRatio(units, est, names, cmp.standardError) : null,
  };
}

function adjustRatio(
  units: readonly (RatioUnit & { group: ABGroup; x?: readonly number[] })[],
  est: Record<ABGroup, RatioEstimate>,
  names: readonly string[],
  seBefore: number,
): AdjustedRatio | null {
  if (!Number.isFinite(est.control.ratio) || !Number.isFinite(est.treatment.ratio)) return null;
  const index: Record<ABGroup, number> = { control: 0, treatment: 0 };
  const lin = units.map((u) => {
    const v = est[u.group].linearised[index[u.group]++];
    return { treatment: u.group === 'treatment', y: v, x: (u.x ?? []) as number[] };
  });
  const a = adjustUnits(lin, names);
  if (!a.adjusted) return null;
  const c = a.adjustedControl;
  const t = a.adjustedTreatment;
  const cmp = compareRatios({ ratio: c.mean, variance: c.variance / c.n }, { ratio: t.mean, variance: t.variance / t.n }, 0.05);
  return {
    covariates: a.covariates,
    difference: fin(cmp.difference),
    ci95: pair(cmp.ci),
    pValue: fin(cmp.pValue),
    standardError: fin(cmp.standardError),
    varianceReduction: fin(1 - cmp.standardError ** 2 / seBefore ** 2),
    relativeLift: fin(cmp.relativeLift),
    relativeLiftCi95: pair(cmp.relativeLiftFiellerCi),
  };
}

/**
 * The pooled cap of durations and how many outcomes exceed it.
 * @param durations every known duration
 * @param percentile pooled percentile in (0, 1]
 * @returns the cap (type-7 quantile) and the count of outcomes above it
 * @throws AnalyticsError INVALID_ARGUMENT for a percentile outside [0, 1] (from quantileSorted)
 * @example durationCap(rows, 0.999).cappedOutcomes // 2
 */
export function durationCap(durations: readonly UserDuration[], percentile: number): DurationCap {
  const sorted = Float64Array.from(durations.map((d) => d.duration)).sort();
  const cap = quantileSorted(sorted, percentile);
  let capped = 0;
  for (const d of durations) if (d.duration > cap) capped++;
  return { percentile, capSeconds: fin(cap), cappedOutcomes: capped, outcomesWithDuration: durations.length, interpolation: 'type 7 (numpy.percentile method="linear")' };
}

/**
 * Completion rate and mean duration (raw and capped) as ratio metrics.
 * @param rows per user and day counts (every user with an outcome)
 * @param details per-user skills and history (covariates) and per-outcome durations (capping); absent: no CUPED, no capping
 * @param capPercentile pooled percentile of the duration cap (default 0.999)
 * @returns the ratio metrics
 * @throws AnalyticsError INVALID_ARGUMENT for non-finite values
 * @example ratioMetrics(userDays, details).completionRate.ci95 // [0.031, 0.134]
 */
export function ratioMetrics(rows: readonly UserDayCounts[], details: AnalysisDetails | undefined, capPercentile = DEFAULT_DURATION_CAP_PERCENTILE): RatioMetricsAnalysis {
  const totals = userTotals(rows);
  const cov = details ? userCovariates(details) : null;
  const names = cov?.names ?? [];
  const xOf = (id: string) => cov?.users.get(id)?.x;
  const ids = [...totals.keys()];
  const units = (num: (u: UserTotals, id: string) => number, den: (u: UserTotals) => number) =>
    ids.map((id) => {
      const u = totals.get(id) as UserTotals;
      return { group: u.group, numerator: num(u, id), denominator: den(u), x: xOf(id) };
    });
  // a user without covariates (not in the details) cannot be adjusted: adjust only when all have them
  const adjustable = names.length > 0 && ids.every((id) => xOf(id) !== undefined) ? names : [];
  const completionRate = compareRatioMetric(
    units(
      (u) => u.k,
      (u) => u.n,
    ),
    adjustable,
  );
  const avgDurationSeconds = compareRatioMetric(
    units(
      (u) => u.ds,
      (u) => u.dn,
    ),
    adjustable,
  );
  let capped: RatioMetric | null = null;
  let cap: DurationCap | null = null;
  if (details) {
    cap = durationCap(details.durations, capPercentile);
    const c = cap.capSeconds ?? Infinity;
    const cappedSum = new Map<string, number>();
    for (const d of details.durations) cappedSum.set(d.userId, (cappedSum.get(d.userId) ?? 0) + Math.min(d.duration, c));
    capped = compareRatioMetric(
      units(
        (_, id) => cappedSum.get(id) ?? 0,
        (u) => u.dn,
      ),
      adjustable,
    );
  }
  return {
    method:
      'ratio of sums per group (per-outcome estimand) with users as units: Var(R) by the delta method over users (sample variances and covariance of each user’s sum and count, n − 1; Deng, Knoblich & Lu 2018); ' +
      '95 % normal interval and p of the difference, Fieller and delta intervals of the relative lift; CUPED on each user’s linearised value (R + (x − R·y)/ȳ) with the covariates of varianceReduction; ' +
      `durations capped at the pooled ${capPercentile * 100}th percentile (type 7 / numpy linear)`,
    completionRate,
    avgDurationSeconds,
    avgDurationSecondsCapped: capped,
    durationCap: cap,
  };
}
