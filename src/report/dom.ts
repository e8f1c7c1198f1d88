/** DOM helpers: data is always inserted as text (textContent), never as HTML. */
import { isAnalyticsError } from '../client/index.js';

type Child = Node | string | number | null | undefined | false;

/** Creates an element with attributes and text/element children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return node;
}

/** A readable one-line message for an error, with its code. */
export function formatError(e: unknown, what = 'Could not open the file'): string {
  if (isAnalyticsError(e)) return `${what} [${e.code}]: ${e.message}`;
  return `${what}: ${e instanceof Error ? e.message : String(e)}`;
}

/** One column of a {@link dataTable}. */
export interface Column<T> {
  /** `data-col` of the cells. */
  key: string;
  /** Header text. */
  label: string;
  /** The raw value; numbers also go to `data-value` so tests can compare them with the engine's. */
  value: (row: T) => number | string | boolean | null;
  /** The text shown (default: the raw value as text). */
  text?: (row: T) => string;
  /** Right-align (numbers). */
  numeric?: boolean;
  /** Extra content after the text (e.g. a sparkline). */
  extra?: (row: T) => Node | null;
}

/**
 * A table of rows; every cell's text is set as text. Rows carry `data-key` (from `rowKey`), cells
 * `data-col` and, for numbers, `data-value` with the unformatted number.
 */
export function dataTable<T>(rows: T[], columns: Column<T>[], options: { caption?: string; rowKey?: (row: T) => string; className?: string } = {}): HTMLTableElement {
  const head = el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', { scope: 'col', class: c.numeric ? 'num' : '' }, c.label))));
  const body = el(
    'tbody',
    {},
    ...rows.map((r) =>
      el(
        'tr',
        options.rowKey ? { 'data-key': options.rowKey(r) } : {},
        ...columns.map((c, i) => {
          const raw = c.value(r);
          const attrs: Record<string, string> = { 'data-col': c.key, class: c.numeric ? 'num' : '' };
          if (typeof raw === 'number') attrs['data-value'] = String(raw);
          else if (raw === null) attrs['data-value'] = 'null';
          const text = c.text ? c.text(r) : raw === null ? '—' : String(raw);
          const cell = el(i === 0 ? 'th' : 'td', i === 0 ? { ...attrs, scope: 'row' } : attrs, text);
          const extra = c.extra?.(r);
          if (extra) cell.append(extra);
          return cell;
        }),
      ),
    ),
  );
  return el('table', { class: options.className ?? '' }, options.caption ? el('caption', {}, options.caption) : null, head, body);
}

/** A collapsed table alternative of a chart. */
export function tableAlternative(summary: string, table: HTMLTableElement): HTMLDetailsElement {
  // The box scrolls: it takes focus so it scrolls from the keyboard too, and is named for screen readers.
  return el('details', { class: 'table-alt' }, el('summary', {}, summary), el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': summary }, table));
}

/** A labelled `<select>`; returns the wrapper and the select. */
export function labelledSelect(id: string, label: string, options: { value: string; text: string }[], selected?: string): { wrap: HTMLElement; select: HTMLSelectElement } {
  const select = el('select', { id }, ...options.map((o) => el('option', { value: o.value }, o.text)));
  if (selected !== undefined) select.value = selected;
  return { wrap: el('label', { class: 'field', for: id }, `${label} `, select), select };
}

/** A labelled number `<input>`. */
export function labelledNumber(id: string, label: string, value: number, attrs: Record<string, string> = {}): { wrap: HTMLElement; input: HTMLInputElement } {
  const input = el('input', { id, type: 'number', step: 'any', value: String(value), ...attrs });
  return { wrap: el('label', { class: 'field', for: id }, `${label} `, input), input };
}
