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
  const data = points.map((p) => ({ t: new Date(`${p.day}T00:00:00Z`), v: p.value }));
  const chart = Plot.plot({
    width: 120,
    height: 28,
    margin: 3,
    axis: null,
    x: { type: 'utc' },
    y: { zero: false, nice: false },
    marks: [Plot.lineY(data, { x: 't', y: 'v', stroke: color, strokeWidth: 1.5 }), Plot.dot(data.slice(-1), { x: 't', y: 'v', r: 2, fill: color })],
  });
  chart.setAttribute('aria-hidden', 'true');
  chart.classList.add('spark');
  return chart;
}
