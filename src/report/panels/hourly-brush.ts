/**
 * The time brush of the hourly chart: drag across the chart (pointer events on Plot's SVG) to select
 * whole UTC hours, or use its button from the keyboard (Enter: the last day; arrows move it an hour,
 * Shift+arrows move its end, Home / End, Escape clears). The selection belongs to the report (every
 * panel redraws for it); this draws it over the chart and says it in the button.
 */
import { el } from '../dom.js';
import { keyedSelection, selectionFromDrag, selectionText, type BrushKey, type Selection } from '../selection.js';
import type { PanelContext } from './context.js';

const SVG = 'http://www.w3.org/2000/svg';
const KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End']);

/** A Plot chart: an SVG with its scales. */
type PlotSvg = SVGSVGElement & { scale(name: 'x'): { apply(v: Date): number; invert(px: number): Date } };

export interface HourlyBrush {
  /** The keyboard control, its help and the clear button. */
  readonly control: HTMLElement;
  /** Puts the brush on a freshly drawn chart covering the hours [minMs, maxMs). */
  attach(chart: Element, minMs: number, maxMs: number): void;
  /** Redraws the brush and the button for the report's selection. */
  update(): void;
}

/**
 * The brush of one hourly panel.
 * @param ctx the panel context (its selection, `select`)
 */
export function hourlyBrush(ctx: PanelContext): HourlyBrush {
  let svg: PlotSvg | null = null;
  let rect: SVGRectElement | null = null;
  let bounds: [number, number] = [0, 0];
  const button = el('button', { type: 'button', id: 'hourly-brush', class: 'brush-button', 'aria-describedby': 'hourly-brush-help' });
  const clear = el('button', { type: 'button', id: 'hourly-brush-clear', hidden: '' }, 'Clear the selection');
  const help = el(
    'span',
    { id: 'hourly-brush-help', class: 'hint' },
    'Drag across the chart, or on this button: Enter selects the last day, ← → move it an hour, Shift + ← → change its end, Home / End, Escape clears. Every panel then shows the selected hours.',
  );
  const control = el('div', { class: 'brush-control', role: 'group', 'aria-label': 'Time selection' }, button, clear, help);

  const draw = (s: Selection | null) => {
    if (!svg || !rect) return;
    const x = svg.scale('x');
    if (!s || s.toMs <= bounds[0] || s.fromMs >= bounds[1]) {
      rect.setAttribute('visibility', 'hidden');
      return;
    }
    const a = x.apply(new Date(Math.max(s.fromMs, bounds[0])));
    const b = x.apply(new Date(Math.min(s.toMs, bounds[1])));
    rect.setAttribute('x', String(Math.min(a, b)));
    rect.setAttribute('width', String(Math.max(1, Math.abs(b - a))));
    rect.setAttribute('visibility', 'visible');
  };

  const update = () => {
    const s = ctx.selection();
    button.textContent = s ? `Selected hours: ${selectionText(s)}` : 'Select hours: none, each panel shows its own window (Enter selects the last day)';
    clear.hidden = !s;
    draw(s);
  };

  const key = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      if (!ctx.selection()) return;
      e.preventDefault();
      ctx.select(null);
      return;
    }
    if (!KEYS.has(e.key) || e.altKey || e.ctrlKey || e.metaKey || bounds[1] <= bounds[0]) return;
    e.preventDefault();
    const name = (e.shiftKey && e.key.startsWith('Arrow') ? `Shift+${e.key}` : e.key) as BrushKey;
    ctx.select(keyedSelection(ctx.selection(), name, bounds[0], bounds[1]), e.repeat);
  };
  button.addEventListener('keydown', key);
  button.addEventListener('click', () => {
    if (!ctx.selection() && bounds[1] > bounds[0]) ctx.select(keyedSelection(null, 'End', bounds[0], bounds[1]));
  });
  clear.addEventListener('click', () => {
    ctx.select(null);
    button.focus();
  });

  const attach = (chart: Element, minMs: number, maxMs: number) => {
    svg = chart as PlotSvg;
    bounds = [minMs, maxMs];
    const height = Number(svg.getAttribute('height')) || 260;
    rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('class', 'brush');
    rect.setAttribute('y', '0');
    rect.setAttribute('height', String(height));
    rect.setAttribute('pointer-events', 'none');
    svg.append(rect);
    const toMs = (clientX: number) => {
      const box = svg!.getBoundingClientRect();
      const width = svg!.viewBox.baseVal?.width || box.width;
      return svg!
        .scale('x')
        .invert(((clientX - box.left) * width) / box.width)
        .getTime();
    };
    let start: { ms: number; px: number } | null = null;
    svg.style.touchAction = 'none';
    // Capture phase: Plot's tip listens on the same element and stops the event on pointerdown (to
    // pin the tip); a drag here is a brush instead.
    svg.addEventListener(
      'pointerdown',
      (e) => {
        if (e.button !== 0) return;
        e.stopImmediatePropagation();
        start = { ms: toMs(e.clientX), px: e.clientX };
        svg!.setPointerCapture?.(e.pointerId);
      },
      { capture: true },
    );
    svg.addEventListener('pointermove', (e) => {
      if (start && Math.abs(e.clientX - start.px) >= 3) draw(selectionFromDrag(start.ms, toMs(e.clientX), minMs, maxMs));
    });
    const end = (e: PointerEvent) => {
      if (!start) return;
      const from = start;
      start = null;
      // A click without a drag leaves the selection as it is.
      if (Math.abs(e.clientX - from.px) < 3) draw(ctx.selection());
      else ctx.select(selectionFromDrag(from.ms, toMs(e.clientX), minMs, maxMs));
    };
    svg.addEventListener('pointerup', end);
    svg.addEventListener('pointercancel', () => {
      start = null;
      draw(ctx.selection());
    });
    update();
  };

  update();
  return { control, attach, update };
}
