/**
 * Trends of every skill over the last days: session-buddy's OLS direction and p-value, with
 * Mann-Kendall and Theil-Sen beside it (they hold better on a week of noisy daily values), a
 * sparkline of the daily values, and the latest level change of the last 30 days (PELT). With a time
 * selection (the hourly chart's brush) the trends cover the selected hours and end with them.
 */
import type { Changepoint, TimeSeriesMetric, TrendAnalysis } from '../../time-series/types.js';
import { sparkline } from '../charts.js';
import { dataTable, el, labelledSelect } from '../dom.js';
import { directionText, formatMetric, formatNumber, formatP, formatSigned, METRIC_LABELS } from '../format.js';
import { selectionText, selectionWindow } from '../selection.js';
import { panelError, panelSection, type Panel, type PanelContext } from './context.js';

/** Skills need this many invocations in the window to be listed (session-buddy's default). */
export const TREND_MIN_INVOCATIONS = 10;

/** The latest change of each skill, as text. */
function changeText(c: Changepoint | undefined, metric: string): string {
  if (!c) return '';
  return `${c.timestamp.slice(0, 10)}: ${formatMetric(metric, c.before)} → ${formatMetric(metric, c.after)}${c.nearbyAbEvents.length ? ` (A/B ${c.nearbyAbEvents.map((e) => `${e.testName} ${e.event}`).join(', ')})` : ''}`;
}

function trendTable(trends: TrendAnalysis[], metric: string, latest: Map<string, Changepoint>): HTMLTableElement {
  return dataTable(
    trends,
    [
      { key: 'skill', label: 'Skill', value: (t) => t.skillName },
      { key: 'direction', label: 'Direction', value: (t) => t.trend, text: (t) => directionText(t.trend) },
      { key: 'slope', label: 'Slope / day', value: (t) => t.slope, text: (t) => formatSigned(t.slope, metric === 'completion_rate' ? 4 : 2), numeric: true },
      { key: 'p-value', label: 'p (OLS)', value: (t) => t.pValue, text: (t) => formatP(t.pValue), numeric: true },
      { key: 'mk-tau', label: 'MK τ', value: (t) => t.mannKendall?.tau ?? null, text: (t) => formatNumber(t.mannKendall?.tau, 2), numeric: true },
      { key: 'mk-p', label: 'MK p', value: (t) => t.mannKendall?.pValue ?? null, text: (t) => formatP(t.mannKendall?.pValue), numeric: true },
      { key: 'start', label: 'Start', value: (t) => t.startValue, text: (t) => formatMetric(metric, t.startValue), numeric: true },
      { key: 'end', label: 'End', value: (t) => t.endValue, text: (t) => formatMetric(metric, t.endValue), numeric: true },
      { key: 'days', label: 'Days', value: (t) => t.regressedDays, numeric: true },
      { key: 'last-change', label: 'Last level change (30 d)', value: (t) => latest.get(t.skillName)?.timestamp ?? null, text: (t) => changeText(latest.get(t.skillName), metric) },
      {
        key: 'sparkline',
        label: 'Daily',
        value: (t) => t.points.map((p) => (p.value === null ? 'null' : String(p.value))).join(' '),
        text: () => '',
        extra: (t) => {
          const wrap = el('span', { class: 'spark-wrap', title: t.points.map((p) => `${p.day}: ${formatMetric(metric, p.value)}`).join('\n') });
          wrap.append(sparkline(t.points, t.trend === 'declining' ? '#cf222e' : t.trend === 'improving' ? '#1a7f37' : '#57606a'));
          wrap.append(el('span', { class: 'visually-hidden' }, t.points.map((p) => `${p.day}: ${formatMetric(metric, p.value)}`).join(', ')));
          return wrap;
        },
      },
    ],
    { rowKey: (t) => t.skillName, className: 'trends-table' },
  );
}

/** The trends panel: metric and window selectors, one row per skill. */
export function trendsPanel(ctx: PanelContext): Panel {
  const { section, body } = panelSection(
    'trends',
    'Trends of every skill',
    `A line fitted to each skill’s daily values (session-buddy’s method): “improving” or “declining” when its p-value is below 0.05. Mann-Kendall asks the same question without assuming a straight line. Skills with at least ${TREND_MIN_INVOCATIONS} invocations in the window, most used first.`,
  );
  const ready = (async () => {
    const metric = labelledSelect(
      'trend-metric',
      'Metric',
      Object.entries(METRIC_LABELS).map(([value, text]) => ({ value, text })),
      'completion_rate',
    );
    const days = labelledSelect(
      'trend-days',
      'Window',
      [7, 14, 30].map((d) => ({ value: String(d), text: `last ${d} days` })),
      '7',
    );
    const out = el('div', { class: 'scroll', 'aria-live': 'polite' });
    body.replaceChildren(el('div', { class: 'toolbar controls' }, metric.wrap, days.wrap), out);
    let seq = 0;
    const draw = async () => {
      const mine = ++seq;
      const m = metric.select.value;
      const selection = ctx.selection();
      const w = selection ? selectionWindow(selection) : null;
      const asOf = w ? { asOf: w.asOf } : {};
      // The selection sets the window; the days selector waits until it is cleared.
      days.select.disabled = w !== null;
      out.setAttribute('aria-busy', 'true');
      try {
        const [byskill, changes] = await Promise.all([
          ctx.analytics.timeSeries.getMultiSkillTrends({ metric: m, windowDays: w ? w.days : Number(days.select.value), minInvocations: TREND_MIN_INVOCATIONS, ...asOf }),
          ctx.analytics.timeSeries.detectChangepoints(undefined, { metric: m as TimeSeriesMetric, days: 30, minInvocations: TREND_MIN_INVOCATIONS, ...asOf }),
        ]);
        if (mine !== seq || !ctx.isCurrent()) return;
        const latest = new Map<string, Changepoint>();
        for (const c of changes.changepoints) latest.set(c.skillName, c); // in time order per skill: the last one wins
        const trends = Object.values(byskill);
        const counts = { improving: 0, declining: 0, stable: 0 } as Record<string, number>;
        for (const t of trends) counts[t.trend] = (counts[t.trend] ?? 0) + 1;
        out.replaceChildren(
          el(
            'p',
            { class: 'summary-line', 'data-field': 'trend-counts' },
            `${trends.length} skills: ${counts.improving} improving, ${counts.declining} declining, ${counts.stable} stable${counts.insufficient_data ? `, ${counts.insufficient_data} with too few days` : ''} (${METRIC_LABELS[m]}${selection ? `, selected hours ${selectionText(selection)}` : ''}).`,
          ),
          trends.length ? trendTable(trends, m, latest) : el('p', {}, `No skill has ${TREND_MIN_INVOCATIONS} invocations in this window.`),
          el(
            'p',
            { class: 'note' },
            'Slope: change per day of the fitted line. p (OLS): its p-value. MK τ and MK p: Mann-Kendall’s rank correlation with time and its p-value. Start / End: the first and last day’s value. Days: days with invocations. Last level change: the latest change in the skill’s daily level over the last 30 days (PELT, MBIC penalty), with an A/B test started or stopped within a day of it.',
          ),
        );
        out.dataset.metric = m;
      } catch (e) {
        if (mine === seq) panelError(out, e, 'Could not compute the trends');
      } finally {
        if (mine === seq) out.removeAttribute('aria-busy');
      }
    };
    metric.select.addEventListener('change', () => void draw());
    days.select.addEventListener('change', () => void draw());
    ctx.onSelection('trends', draw);
    await draw();
  })();
  return { section, ready };
}
