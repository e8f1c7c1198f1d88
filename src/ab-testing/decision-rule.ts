/**
 * Goals and guardrails of the recommended decision. Goal metrics are tested with their
 * always-valid p-values, adjusted across goals by Holm (family-wise error) or Benjamini-Hochberg
 * (false discovery rate); guardrail metrics (duration and rating unless they are goals) must not
 * be shown harmful beyond a non-inferiority margin on their relative change, judged on the
 * always-valid interval so that daily looks do not make a guardrail fail (or pass) by chance.
 */
import { benjaminiHochberg, holmBonferroni } from '../stats/index.js';
import type { ABMetric, AlwaysValidAnalysis, DecisionRule, GoalResult, GuardrailResult } from './extended-types.js';

/** Default relative non-inferiority margins: duration may rise 10 %, rating may fall 5 %. */
export const DEFAULT_GUARDRAIL_MARGINS: Readonly<Record<'avg_duration_seconds' | 'avg_user_rating', number>> = { avg_duration_seconds: 0.1, avg_user_rating: 0.05 };

/** Options of the decision rule. */
export interface DecisionOptions {
  goalMetrics: readonly ABMetric[];
  correction: 'holm' | 'bh';
  margins: Readonly<Record<'avg_duration_seconds' | 'avg_user_rating', number>>;
  alpha: number;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

function guardrail(m: AlwaysValidAnalysis['metrics'][number], margin: number): GuardrailResult {
  const { ciLow, ciHigh } = m.relativeLift;
  const base = { metric: m.metric, lowerIsBetter: m.lowerIsBetter, margin, relativeChange: m.relativeLift };
  const worse = m.lowerIsBetter ? 'longer' : 'lower';
  if (ciLow === null || ciHigh === null || !Number.isFinite(ciLow) || !Number.isFinite(ciHigh)) {
    return { ...base, status: 'inconclusive', reason: 'no always-valid interval yet (too few users with this metric)' };
  }
  // harm as a positive number: a rise in duration, a fall in rating
  const harmHigh = m.lowerIsBetter ? ciHigh : -ciLow;
  const harmLow = m.lowerIsBetter ? ciLow : -ciHigh;
  if (harmHigh < margin) return { ...base, status: 'pass', reason: `non-inferior: at most ${pct(Math.max(0, harmHigh))} ${worse}, within the ${pct(margin)} margin` };
  if (harmLow > 0)
    return { ...base, status: 'fail', reason: `harm shown: at least ${pct(harmLow)} ${worse}, and up to ${pct(harmHigh)} cannot be excluded (margin ${pct(margin)})` };
  return { ...base, status: 'inconclusive', reason: `neither harm nor non-inferiority shown: up to ${pct(harmHigh)} ${worse} cannot be excluded (margin ${pct(margin)})` };
}

/**
 * Applies the goal / guardrail rule to the always-valid analysis.
 * @param av the always-valid p-values and intervals per metric
 * @param options goal metrics, correction, guardrail margins, alpha
 * @returns goals with adjusted p-values, guardrails with their status, and whether to ship
 * @throws never (options are checked by the caller)
 * @example
 * decisionRule(av, { goalMetrics: ['completion_rate'], correction: 'holm', margins: DEFAULT_GUARDRAIL_MARGINS, alpha: 0.05 }).ship // true
 */
export function decisionRule(av: AlwaysValidAnalysis, options: DecisionOptions): DecisionRule {
  const goalsAv = av.metrics.filter((m) => options.goalMetrics.includes(m.metric));
  const ps = goalsAv.map((m) => m.pValue);
  const adjusted = options.correction === 'bh' ? benjaminiHochberg(ps) : holmBonferroni(ps);
  const goals: GoalResult[] = goalsAv.map((m, i) => {
    const d = m.difference.estimate;
    const significant = adjusted[i] < options.alpha && d !== null && d !== 0;
    const better = d !== null && (m.lowerIsBetter ? d < 0 : d > 0);
    return { metric: m.metric, lowerIsBetter: m.lowerIsBetter, pValue: m.pValue, adjustedPValue: adjusted[i], outcome: significant ? (better ? 'better' : 'worse') : 'none' };
  });
  const guardrails = av.metrics
    .filter((m) => (m.metric === 'avg_duration_seconds' || m.metric === 'avg_user_rating') && !options.goalMetrics.includes(m.metric))
    .map((m) => guardrail(m, options.margins[m.metric as 'avg_duration_seconds' | 'avg_user_rating']));
  const ship = goals.some((g) => g.outcome === 'better') && !goals.some((g) => g.outcome === 'worse') && !guardrails.some((g) => g.status === 'fail');
  return { goalMetrics: [...options.goalMetrics], correction: options.correction, goals, guardrails, ship };
}
