/**
 * Charts with Observable Plot. Every chart is wrapped in a `<figure>` whose caption says what it
 * shows and is followed by a table alternative; Plot writes names with text marks (never HTML).
 */
import * as Plot from '@observablehq/plot';
import { el } from './dom.js';

export { Plot };

/** Default chart width: the report's content width. */
export const CHART_WIDTH = 980;

/**
 * Wraps a Plot chart: the chart is an image with a label for screen readers, the caption is
 * visible, the alternative (a table) follows.
 */
export function chartFigure(chart: Element, caption: string, alternative: HTMLElement | null, attrs: Record<string, string> = {}): HTMLElement {
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', caption);
  presentational(chart);
  // Plot redraws its tip's group on pointer moves (and a brush drag), with its aria-label back.
  new MutationObserver(() => presentational(chart)).observe(chart, { childList: true, subtree: true });
  return el('figure', { class: 'chart', ...attrs }, chart, el('figcaption', {}, caption), alternative);
}

/**
 * Removes the `aria-label`s Plot puts on its groups ("dot", "rule", "tip"): inside an image they
 * are prohibited ARIA (axe: aria-prohibited-attr); the chart's own label says what it shows. The
 * mark's name moves to `data-mark`.
 * @param chart a Plot chart
 * @example presentational(Plot.plot({ marks: [Plot.dot([1], { x: (d) => d })] })) // no [aria-label] left inside; g[data-mark="dot"]
 */
export function presentational(chart: Element): void {
  for (const g of chart.querySelectorAll('[aria-label], [aria-description]')) {
    // Kept as data-mark ("dot", "rule" …) for tests and styles.
    if (g.hasAttribute('aria-label')) g.setAttribute('data-mark', g.getAttribute('aria-label')!);
    g.removeAttribute('aria-label');
    g.removeAttribute('aria-description');
  }
}

/** A tiny line of daily values for a table row (decorative: the row holds the numbers). */
export function sparkline(points: { day: string; value: number | null }[], color = '#0969da'): Element {
  // Drawn by hand, not with Plot: a table of 40 skills redraws its sparklines on every brush move,
  // and a Plot chart (scales, marks, styles) costs a millisecond or more each.
  const [width, height, margin] = [120, 28, 3];
  const times = points.map((p) => Date.parse(`${p.day}T00:00:00Z`));
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const [v0, v1] = [Math.min(...values), Math.max(...values)];
  const x = (t: number) => (t1 > t0 ? margin + ((t - t0) / (t1 - t0)) * (width - 2 * margin) : width / 2);
  const y = (v: number) => (v1 > v0 ? height - margin - ((v - v0) / (v1 - v0)) * (height - 2 * margin) : height / 2);
  // A day without a value breaks the line, as Plot's lineY does.
  let d = '';
  let pen = 'M';
  points.forEach((p, i) => {
    if (p.value === null) pen = 'M';
    else {
      d += `${pen}${x(times[i]).toFixed(2)},${y(p.value).toFixed(2)}`;
      pen = 'L';
    }
  });
  const ns = 'http://www.w3.org/2000/svg';
  const chart = document.createElementNS(ns, 'svg');
  for (const [k, v] of Object.entries({ width, height, viewBox: `0 0 ${width} ${height}`, 'aria-hidden': 'true', class: 'spark' })) chart.setAttribute(k, String(v));
  const line = document.createElementNS(ns, 'path');
  for (const [k, v] of Object.entries({ d, fill: 'none', stroke: color, 'stroke-width': '1.5', 'stroke-linejoin': 'round', 'stroke-linecap': 'round' })) line.setAttribute(k, v);
  chart.append(line);
  const last = points.at(-1);
  if (last && last.value !== null) {
    const dot = document.createElementNS(ns, 'circle');
    for (const [k, v] of Object.entries({ cx: x(times[times.length - 1]).toFixed(2), cy: y(last.value).toFixed(2), r: '2', fill: color })) dot.setAttribute(k, v);
    chart.append(dot);
  }
  return chart;
}
