/**
 * Part of the A/B block: ratio metrics with users as units (completion rate and mean duration per
 * outcome, delta method, Fieller lift interval, CUPED, durations capped at a pooled percentile),
 * the regression-adjusted always-valid sequence the decision rests on, segments that react
 * differently (each vs the rest, Holm) and the coded health checks with their counts.
 */
import type { ABTestAnalysis } from '../../ab-testing/analysis-types.js';
import { dataTable, el } from '../dom.js';
import { formatCount, formatP, formatPercent, formatPoints, formatSigned } from '../format.js';

type Ratio = ABTestAnalysis['ratioMetrics']['completionRate'];
const range = (x: [number | null, number | null], f: (v: number | null) => string) => `[${f(x[0])}, ${f(x[1])}]`;

function ratioTable(a: ABTestAnalysis): HTMLTableElement {
  const r = a.ratioMetrics;
  const secs = (v: number | null) => formatSigned(v, 2);
  const rows: { key: string; name: string; m: Ratio; f: (v: number | null) => string; level: (v: number | null) => string }[] = [
    { key: 'completion', name: 'completion rate', m: r.completionRate, f: (v) => formatPoints(v), level: (v) => formatPercent(v) },
    { key: 'duration', name: 'mean duration (s)', m: r.avgDurationSeconds, f: secs, level: secs },
    ...(r.avgDurationSecondsCapped
      ? [{ key: 'duration-capped', name: `mean duration, capped at ${secs(r.durationCap?.capSeconds ?? null)} s`, m: r.avgDurationSecondsCapped, f: secs, level: secs }]
      : []),
  ];
  return dataTable(
    rows,
    [
      { key: 'metric', label: 'Ratio metric', value: (x) => x.name },
      { key: 'control', label: 'Control', value: (x) => x.m.control, text: (x) => x.level(x.m.control), numeric: true },
      { key: 'treatment', label: 'Treatment', value: (x) => x.m.treatment, text: (x) => x.level(x.m.treatment), numeric: true },
      { key: 'difference', label: 'Difference [95% CI]', value: (x) => x.m.difference, text: (x) => `${x.f(x.m.difference)} ${range(x.m.ci95, x.f)}`, numeric: true },
      { key: 'p', label: 'p', value: (x) => x.m.pValue, text: (x) => formatP(x.m.pValue), numeric: true },
      {
        key: 'lift',
        label: 'Lift [Fieller 95%]',
        value: (x) => x.m.relativeLift,
        text: (x) => `${formatPercent(x.m.relativeLift)} ${range(x.m.relativeLiftCi95, (v) => formatPercent(v))}`,
        numeric: true,
      },
      {
        key: 'cuped',
        label: 'CUPED difference [95% CI]',
        value: (x) => x.m.adjusted?.difference ?? null,
        text: (x) => (x.m.adjusted ? `${x.f(x.m.adjusted.difference)} ${range(x.m.adjusted.ci95, x.f)}` : 'not adjusted'),
        numeric: true,
      },
    ],
    {
      rowKey: (x) => x.key,
      caption: `Per-outcome ratios with users as units (delta method)${r.durationCap ? `; ${formatCount(r.durationCap.cappedOutcomes)} of ${formatCount(r.durationCap.outcomesWithDuration)} durations capped at the pooled ${r.durationCap.percentile * 100}th percentile` : ''}`,
    },
  );
}

function segmentTable(a: ABTestAnalysis): HTMLElement {
  const s = a.segments;
  const rows = s.dimensions.flatMap((d) => d.segments);
  const missing = s.dimensions.filter((d) => !d.available).map((d) => `${d.dimension.replace('_', ' ')}: ${d.reason}`);
  return el(
    'div',
    { 'data-field': 'segments' },
    rows.length
      ? dataTable(
          rows,
          [
            { key: 'segment', label: 'Segment', value: (x) => `${x.dimension.replace('_', ' ')}: ${x.segment}` },
            {
              key: 'users',
              label: 'Users (C/T)',
              value: (x) => x.controlUsers + x.treatmentUsers,
              text: (x) => `${formatCount(x.controlUsers)}/${formatCount(x.treatmentUsers)}`,
              numeric: true,
            },
            {
              key: 'effect',
              label: 'Effect [CI]',
              value: (x) => x.effect.estimate,
              text: (x) => `${formatPoints(x.effect.estimate)} [${formatPoints(x.effect.ciLow)}, ${formatPoints(x.effect.ciHigh)}]`,
              numeric: true,
            },
            { key: 'rest', label: 'Rest', value: (x) => x.restEffect.estimate, text: (x) => formatPoints(x.restEffect.estimate), numeric: true },
            { key: 'holm', label: 'Holm p (vs rest)', value: (x) => x.adjustedPValue, text: (x) => (x.tested ? formatP(x.adjustedPValue) : 'too few users'), numeric: true },
            { key: 'flag', label: 'Reacts differently', value: (x) => (x.flagged ? 'yes' : 'no') },
          ],
          {
            rowKey: (x) => `${x.dimension}|${x.segment}`,
            caption: `Segments, each vs the rest (Welch, Holm over ${s.tested}): ${s.flagged.length ? `flagged ${s.flagged.join(', ')}` : 'none reacts differently'}`,
          },
        )
      : el('p', { class: 'note' }, 'Segments: none.'),
    ...missing.map((m) => el('p', { class: 'note' }, `Not available: ${m}.`)),
  );
}

/**
 * The block (inserted into the A/B test's "beyond" details).
 * @param a the analysis
 * @returns the elements
 */
export function ratioSegmentsBlock(a: ABTestAnalysis): HTMLElement {
  const adj = a.adjustedAlwaysValid;
  const h = a.healthChecks;
  const failing = h.checks.filter((c) => c.count > 0);
  return el(
    'div',
    { 'data-block': 'ratio-segments' },
    el('div', { class: 'scroll' }, ratioTable(a)),
    el(
      'p',
      { class: 'note', 'data-field': 'adjusted-sequence' },
      adj.available
        ? `Decision sequence (${adj.adjustedLooks ? `regression-adjusted at ${adj.adjustedLooks} of ${adj.looks} looks on ${adj.covariates.join(', ')}` : 'no look adjusted: nothing to adjust on, too few users or no variance gained'}): p ${formatP(adj.pValue)}, difference ${formatPoints(adj.difference.estimate)} [${formatPoints(adj.difference.ciLow)}, ${formatPoints(adj.difference.ciHigh)}] over ${adj.looks} daily look(s).`
        : 'Decision sequence: unadjusted (no per-day skill counts).',
    ),
    el('div', { class: 'scroll' }, segmentTable(a)),
    el(
      'p',
      { class: failing.length ? 'srm-warning' : 'ok', 'data-field': 'health-checks' },
      !h.available
        ? 'Health checks: not available.'
        : failing.length
          ? `Health checks: ${failing.map((c) => `${c.code} (${formatCount(c.count)} ${c.unit}): ${c.message}`).join('; ')}.`
          : `Health checks: all ${h.checks.length} clear (no unassigned users' outcomes, users in both groups, outcomes before assignment, activity after the stop).`,
    ),
  );
}
