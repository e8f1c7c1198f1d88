/**
 * Hourly chart of one skill: the chosen metric per UTC hour (gap-filled: empty hours are shown as
 * gaps / zero bars), anomalous hours circled (z-score, hour of day, or MSTL remainder), level
 * changes and A/B test starts / stops as vertical rules, the next 24 hours' forecast band
 * (invocation counts), invocations per hour below, a table alternative. A brush on the chart selects
 * hours for the whole report (hourly-brush.ts); this panel then sums the skill's selected hours.
 */
import type { Anomaly, AnomalyMethod, HourlyMetrics, TimeSeriesMetric } from '../../time-series/types.js';
import { overlayList, overlayMarks, type SeasonalOverlay } from './hourly-seasonal.js';
import { CHART_WIDTH, chartFigure, Plot } from '../charts.js';
import { dataTable, el, labelledSelect, tableAlternative } from '../dom.js';
import { formatCount, formatMetric, formatNumber, formatPercent, formatSeconds, formatUtc, METRIC_LABELS } from '../format.js';
import { selectionText, selectionWindow } from '../selection.js';
import { panelError, panelSection, type Panel, type PanelContext } from './context.js';
import { hourlyBrush } from './hourly-brush.js';

/** Window lengths offered (hours). */
export const HOURLY_WINDOWS = [24, 72, 168, 336];
/** Default window: the last 7 days. */
export const DEFAULT_HOURS = 168;

function metricOf(metric: TimeSeriesMetric, h: HourlyMetrics): number | null {
  return metric === 'completion_rate' ? h.completionRate : metric === 'avg_duration_seconds' ? h.avgDurationSeconds : h.invocationCount;
}

/** Skills ordered by invocations in the window (most first), with their counts. */
async function skillsInWindow(ctx: PanelContext, hours: number): Promise<{ skill: string; count: number }[]> {
  const rows = await ctx.analytics.timeSeries.aggregateHourlyMetrics({ hours });
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.skillName, (counts.get(r.skillName) ?? 0) + r.invocationCount);
  return [...counts].map(([skill, count]) => ({ skill, count })).sort((a, b) => b.count - a.count || (a.skill < b.skill ? -1 : 1));
}

/** A UTC time axis labelled in days (long windows) or hours (a day or less), 24-hour clock. */
function timeAxis(hours: number) {
  const days = hours > 48;
  const month = (d: Date) => d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return {
    type: 'utc' as const,
    label: days ? 'day (UTC)' : 'hour (UTC)',
    ticks: days ? (hours > 240 ? '2 days' : 'day') : '3 hours',
    tickFormat: (d: Date) => (days || d.getUTCHours() === 0 ? `${month(d)} ${d.getUTCDate()}` : `${String(d.getUTCHours()).padStart(2, '0')}:00`),
  };
}

function hourlyChart(metric: TimeSeriesMetric, rows: HourlyMetrics[], anomalies: Anomaly[], skill: string, overlay: SeasonalOverlay): HTMLElement {
  const data = rows.map((h) => ({ t: new Date(h.timestamp), v: metricOf(metric, h), n: h.invocationCount }));
  const marked = anomalies.map((a) => ({ t: new Date(a.timestamp), v: a.value, z: a.zScore }));
  const y = metric === 'completion_rate' ? { label: 'completion rate (%)', percent: true, domain: [0, 100] } : { label: METRIC_LABELS[metric], grid: true };
  const x = timeAxis(rows.length + (overlay.forecast?.points.length ?? 0));
  const main =
    metric === 'invocation_count'
      ? [Plot.rectY(data, { x: 't', y: 'v', interval: 'hour', fill: '#0969da', insetLeft: 0.5, insetRight: 0.5 })]
      : [Plot.lineY(data, { x: 't', y: 'v', stroke: '#0969da', strokeWidth: 1.2 }), Plot.dot(data, { x: 't', y: 'v', r: 1.8, fill: '#0969da' })];
  const chart = Plot.plot({
    width: CHART_WIDTH,
    height: 260,
    marginLeft: 50,
    x,
    y: { ...y, grid: true },
    marks: [
      Plot.ruleY([0]),
      ...main,
      ...overlayMarks(overlay),
      Plot.dot(marked, { x: 't', y: 'v', r: 7, stroke: '#cf222e', strokeWidth: 2, fill: 'none' }),
      Plot.tip(
        data,
        Plot.pointerX({
          x: 't',
          y: 'v',
          title: (d: { t: Date; v: number | null; n: number }) => `${formatUtc(d.t.toISOString())}\n${METRIC_LABELS[metric]}: ${formatMetric(metric, d.v)}\ninvocations: ${d.n}`,
        }),
      ),
    ],
  });
  const counts = Plot.plot({
    width: CHART_WIDTH,
    height: 90,
    marginLeft: 50,
    x: { ...x, axis: null },
    y: { label: 'invocations', grid: true, ticks: 3 },
    marks: [Plot.rectY(data, { x: 't', y: 'n', interval: 'hour', fill: '#8c959f' }), Plot.ruleY([0])],
  });
  const extras = [
    overlay.changepoints.length ? `${overlay.changepoints.length} level change(s) as dashed orange lines` : '',
    overlay.abEvents.length ? `${overlay.abEvents.length} A/B test start(s) / stop(s) as dotted grey lines` : '',
    overlay.forecast?.status === 'ok' ? 'the next 24 hours’ forecast in purple (80 % and 95 % bands)' : '',
  ].filter(Boolean);
  const caption = `${METRIC_LABELS[metric]} of ${skill} per UTC hour${anomalies.length ? `; ${anomalies.length} anomalous hour(s) circled in red` : ''}${extras.length ? `; ${extras.join('; ')}` : ''}; below: invocations per hour.`;
  const table = dataTable(
    rows,
    [
      { key: 'hour', label: 'Hour (UTC)', value: (h) => h.timestamp, text: (h) => formatUtc(h.timestamp) },
      { key: 'invocations', label: 'Invocations', value: (h) => h.invocationCount, numeric: true },
      { key: 'completion-rate', label: 'Completion rate', value: (h) => h.completionRate, text: (h) => formatPercent(h.completionRate), numeric: true },
      { key: 'avg-duration', label: 'Avg duration', value: (h) => h.avgDurationSeconds, text: (h) => formatSeconds(h.avgDurationSeconds), numeric: true },
      { key: 'sessions', label: 'Sessions', value: (h) => h.uniqueSessions, numeric: true },
      {
        key: 'anomaly',
        label: 'Anomaly (z)',
        value: (h) => anomalies.find((a) => a.timestamp === h.timestamp)?.zScore ?? null,
        text: (h) => {
          const a = anomalies.find((x) => x.timestamp === h.timestamp);
          return a ? `${a.deviationType} (z ${formatNumber(a.zScore, 2)})` : '';
        },
        numeric: true,
      },
    ],
    { rowKey: (h) => h.timestamp, className: 'hourly-table' },
  );
  const fig = chartFigure(chart, caption, null, { 'data-chart': 'hourly' });
  fig.insertBefore(counts, fig.querySelector('figcaption'));
  counts.setAttribute('aria-hidden', 'true');
  fig.append(tableAlternative(`Table of the ${rows.length} hours`, table));
  return fig;
}

const METHOD_TEXT: Record<AnomalyMethod, string> = {
  score: 'anomaly score against the skill’s own past (causal)',
  zscore: 'z-score against the window (session-buddy)',
  seasonal: 'same hour on the previous 28 days',
  mstl: 'remainder after daily / weekly rhythm (MSTL)',
};

function anomalyList(metric: TimeSeriesMetric, anomalies: Anomaly[], method: AnomalyMethod): HTMLElement {
  if (anomalies.length === 0) return el('p', { class: 'note', 'data-field': 'anomalies' }, `No anomalous hours (${METHOD_TEXT[method]}, hourly ${METRIC_LABELS[metric]}).`);
  return el(
    'div',
    {},
    el('h3', {}, `Anomalous hours (${anomalies.length})`),
    el(
      'ul',
      { class: 'anomalies', 'data-field': 'anomalies' },
      ...anomalies.map((a) =>
        el(
          'li',
          { 'data-hour': a.timestamp },
          `${formatUtc(a.timestamp)}: ${a.deviationType} ${METRIC_LABELS[metric]} ${formatMetric(metric, a.value)}${a.imputed ? ' (no duration: scored 0)' : ''}, ${a.method === 'zscore' ? 'window mean' : a.method === 'seasonal' ? 'usual for the hour' : 'expected'} ${formatMetric(metric, a.center)}, z ${formatNumber(a.zScore, 2)}`,
        ),
      ),
    ),
  );
}

/**
 * The selected hours of one skill, summed: invocations, completion rate, hours with invocations.
 * @returns the summary line (`data-invocations`, `data-completion-rate`), empty without a selection
 */
async function selectionSummary(ctx: PanelContext, skill: string): Promise<HTMLElement | null> {
  const s = ctx.selection();
  if (!s) return null;
  const w = selectionWindow(s);
  const rows = await ctx.analytics.timeSeries.aggregateHourlyMetrics({ skillName: skill, asOf: w.asOf, hours: w.hours });
  let count = 0;
  let completed = 0;
  for (const r of rows) {
    count += r.invocationCount;
    completed += (r.completionRate ?? 0) * r.invocationCount;
  }
  const rate = count ? completed / count : null;
  return el(
    'p',
    { class: 'summary-line', 'data-field': 'hourly-selection', 'data-invocations': String(count), 'data-completion-rate': rate === null ? 'null' : String(rate) },
    `Selected hours, ${selectionText(s)}: ${formatCount(count)} invocation${count === 1 ? '' : 's'} of ${skill} in ${rows.length} hour${rows.length === 1 ? '' : 's'}, completion rate ${formatPercent(rate)}.`,
  );
}

/** The hourly panel: skill, metric and window selectors; chart re-rendered on change. */
export function hourlyPanel(ctx: PanelContext): Panel {
  const { section, body } = panelSection(
    'hourly',
    'Hourly activity per skill',
    'Each point is one UTC hour of the chosen skill. Empty hours are gaps (or zero bars). Unusual hours are circled: by default those 2 or more standard deviations from the window’s mean (session-buddy’s z-score rule). Dashed lines mark changes in the skill’s daily level (last 30 days); dotted lines the file’s A/B tests; for invocations, the shaded band is the next 24 hours’ forecast.',
  );
  const ready = (async () => {
    try {
      const skills = await skillsInWindow(ctx, DEFAULT_HOURS);
      if (!ctx.isCurrent()) return;
      if (skills.length === 0) {
        body.replaceChildren(el('p', {}, 'No invocations in the last 7 days of the file.'));
        return;
      }
      const skill = labelledSelect(
        'hourly-skill',
        'Skill',
        skills.map((s) => ({ value: s.skill, text: `${s.skill} (${formatCount(s.count)})` })),
      );
      const metric = labelledSelect(
        'hourly-metric',
        'Metric',
        Object.entries(METRIC_LABELS).map(([value, text]) => ({ value, text })),
        'completion_rate',
      );
      const hours = labelledSelect(
        'hourly-hours',
        'Window',
        HOURLY_WINDOWS.map((h) => ({ value: String(h), text: h % 24 === 0 ? `last ${h / 24} day${h === 24 ? '' : 's'}` : `last ${h} h` })),
        String(DEFAULT_HOURS),
      );
      const method = labelledSelect(
        'hourly-method',
        'Unusual hours',
        (Object.entries(METHOD_TEXT) as [AnomalyMethod, string][]).map(([value, text]) => ({ value, text })),
        'zscore',
      );
      const out = el('div', { class: 'hourly-out', 'aria-live': 'polite' });
      const brush = hourlyBrush(ctx);
      const picked = el('div', { class: 'hourly-selection', 'aria-live': 'polite' });
      body.replaceChildren(el('div', { class: 'toolbar controls' }, skill.wrap, metric.wrap, hours.wrap, method.wrap), brush.control, picked, out);
      let pickSeq = 0;
      const drawPicked = async () => {
        const mine = ++pickSeq;
        brush.update();
        picked.setAttribute('aria-busy', 'true');
        try {
          const line = await selectionSummary(ctx, skill.select.value);
          if (mine === pickSeq && ctx.isCurrent()) picked.replaceChildren(...(line ? [line] : []));
        } catch (e) {
          if (mine === pickSeq) panelError(picked, e, 'Could not sum the selected hours');
        } finally {
          if (mine === pickSeq) picked.removeAttribute('aria-busy');
        }
      };
      ctx.onSelection('hourly', drawPicked);
      let seq = 0;
      const draw = async () => {
        const mine = ++seq;
        const m = metric.select.value as TimeSeriesMetric;
        const h = Number(hours.select.value);
        const s = skill.select.value;
        const a = method.select.value as AnomalyMethod;
        out.setAttribute('aria-busy', 'true');
        try {
          const [rows, anomalies, changes, forecast] = await Promise.all([
            ctx.analytics.timeSeries.aggregateHourlyMetrics({ skillName: s, hours: h, fill: true }),
            ctx.analytics.timeSeries.getAnomalyDetection(s, { metric: m, windowHours: h, method: a, zThreshold: a === 'mstl' ? 3.5 : 2 }),
            ctx.analytics.timeSeries.detectChangepoints(s, { metric: m, days: 30 }),
            m === 'invocation_count' ? ctx.analytics.timeSeries.forecast(s, { hours: 24 }) : Promise.resolve(null),
          ]);
          if (mine !== seq || !ctx.isCurrent()) return;
          const from = rows.length ? Date.parse(rows[0].timestamp) : 0;
          const inView = (t: string) => Date.parse(t) >= from;
          const overlay: SeasonalOverlay = {
            changepoints: changes.changepoints.filter((c) => inView(c.timestamp)),
            abEvents: changes.abEvents.filter((e) => inView(e.timestamp)),
            forecast,
          };
          const fig = hourlyChart(m, rows, anomalies, s, overlay);
          out.replaceChildren(fig, anomalyList(m, anomalies, a), overlayList(m, overlay));
          if (rows.length) brush.attach(fig.firstElementChild!, Date.parse(rows[0].timestamp), Date.parse(rows[rows.length - 1].timestamp) + 3_600_000);
          out.dataset.skill = s;
          out.dataset.metric = m;
          out.dataset.hours = String(h);
        } catch (e) {
          if (mine === seq) panelError(out, e, 'Could not compute the hourly metrics');
        } finally {
          if (mine === seq) out.removeAttribute('aria-busy');
        }
      };
      for (const c of [skill.select, metric.select, hours.select, method.select]) c.addEventListener('change', () => void draw());
      skill.select.addEventListener('change', () => void drawPicked());
      await Promise.all([draw(), drawPicked()]);
    } catch (e) {
      panelError(body, e, 'Could not compute the hourly metrics');
    }
  })();
  return { section, ready };
}
