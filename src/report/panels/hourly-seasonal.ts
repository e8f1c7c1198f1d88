/**
 * What the hourly chart shows beside the hours: level changes of the skill (detectChangepoints,
 * daily), the file's A/B test starts / stops, and (invocation counts) the next 24 hours' forecast
 * with its 80 % and 95 % bands. Marks for Observable Plot and a plain list for screen readers.
 */
import type { AbTestEvent, Changepoint, Forecast, TimeSeriesMetric } from '../../time-series/types.js';
import { Plot } from '../charts.js';
import { el } from '../dom.js';
import { formatMetric, formatNumber, formatUtc, METRIC_LABELS } from '../format.js';

/** What the hourly panel draws over its chart. */
export interface SeasonalOverlay {
  changepoints: Changepoint[];
  abEvents: AbTestEvent[];
  forecast: Forecast | null;
}

/**
 * Plot marks: dashed orange rules at level changes, grey rules at A/B events, the forecast bands.
 * @param overlay changes, A/B events and forecast inside the chart's time range
 * @returns marks to add to the hourly chart
 */
export function overlayMarks(overlay: SeasonalOverlay): Plot.Markish[] {
  const marks: Plot.Markish[] = [];
  const f = overlay.forecast;
  if (f?.points.length) {
    const pts = f.points.map((p) => ({ t: new Date(p.timestamp), ...p }));
    marks.push(
      Plot.areaY(pts, { x: 't', y1: 'lower95', y2: 'upper95', fill: '#8250df', fillOpacity: 0.15, curve: 'step-after' }),
      Plot.areaY(pts, { x: 't', y1: 'lower80', y2: 'upper80', fill: '#8250df', fillOpacity: 0.25, curve: 'step-after' }),
      Plot.lineY(pts, { x: 't', y: 'value', stroke: '#8250df', strokeWidth: 1.5, curve: 'step-after' }),
    );
  }
  marks.push(
    Plot.ruleX(
      overlay.abEvents.map((e) => ({ t: new Date(e.timestamp), label: `${e.testName} ${e.event}` })),
      { x: 't', stroke: '#57606a', strokeDasharray: '2,3' },
    ),
    Plot.text(
      // Tests that start or stop at the same instant share one label (else their texts overlap).
      sameInstantLabels(overlay.abEvents),
      { x: 't', text: 'label', frameAnchor: 'top', dy: 6, dx: 3, textAnchor: 'start', fill: '#57606a', fontSize: 10 },
    ),
    Plot.ruleX(
      overlay.changepoints.map((c) => ({ t: new Date(c.timestamp) })),
      { x: 't', stroke: '#bc4c00', strokeWidth: 2, strokeDasharray: '6,3' },
    ),
  );
  return marks;
}

/**
 * The changes, A/B events and forecast in words.
 * @param metric the chart's metric
 * @param overlay what was drawn
 * @returns a list element (data-field="changepoints")
 */
export function overlayList(metric: TimeSeriesMetric, overlay: SeasonalOverlay): HTMLElement {
  const items: HTMLElement[] = overlay.changepoints.map((c) =>
    el(
      'li',
      { 'data-changepoint': c.timestamp },
      `Level change ${formatUtc(c.timestamp)}: ${METRIC_LABELS[metric]} ${formatMetric(metric, c.before)} → ${formatMetric(metric, c.after)} per day${c.metric === 'invocation_count' ? '' : ' (daily level)'}; strength ${formatNumber(c.costGain, 1)} (χ² units), z ${formatNumber(c.zScore, 1)}${c.nearbyAbEvents.length ? `; beside A/B ${c.nearbyAbEvents.map((e) => `${e.testName} ${e.event}`).join(', ')}` : ''}`,
    ),
  );
  for (const e of overlay.abEvents)
    items.push(el('li', { 'data-ab-event': e.timestamp }, `A/B test ${e.testName} ${e.event === 'start' ? 'started' : 'stopped'} ${formatUtc(e.timestamp)}`));
  const f = overlay.forecast;
  if (f) {
    items.push(
      f.status === 'ok'
        ? el(
            'li',
            { 'data-field': 'forecast' },
            `Next 24 h forecast: ${formatNumber(
              f.points.reduce((s, p) => s + p.value, 0),
              0,
            )} invocations in total (median path); hourly 80 % band shaded dark, 95 % light (MSTL + exponential smoothing).`,
          )
        : el('li', { 'data-field': 'forecast' }, `No forecast: ${f.note ?? 'too little history'}.`),
    );
  }
  if (items.length === 0)
    return el('p', { class: 'note', 'data-field': 'changepoints' }, 'No level change in the last 30 days (PELT, MBIC penalty) and no A/B test start or stop in this window.');
  return el('div', {}, el('h3', {}, 'Level changes, A/B tests, forecast'), el('ul', { class: 'changepoints', 'data-field': 'changepoints' }, ...items));
}

/** One label per (instant, start|stop): `A/B test-a, test-b start`. */
function sameInstantLabels(events: readonly { timestamp: string; testName: string; event: string }[]): { t: Date; label: string }[] {
  const groups = new Map<string, { t: Date; names: string[]; event: string }>();
  for (const e of events) {
    const key = `${e.timestamp} ${e.event}`;
    const g = groups.get(key) ?? { t: new Date(e.timestamp), names: [], event: e.event };
    g.names.push(e.testName);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({ t: g.t, label: `A/B ${g.names.join(', ')} ${g.event}` }));
}
