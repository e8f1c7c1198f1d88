/**
 * The report's view in the page URL, so a link reopens the same view: `?skill=&metric=&window=&test=`
 * and `#section`. `skill`, `metric` and `window` (hours) are the hourly chart's selectors, `trend`
 * and `days` the trends table's, `test` an A/B test's id, `from` and `to` the time selection (whole
 * UTC hours, selection.ts), `file` the one file shown of several, the hash a panel. Other parameters
 * of the URL (`db`, `wal`) are kept. Changing a selector pushes a history entry; back / forward restore it.
 */
import { parseSelection, selectionParams, type Selection } from './selection.js';

/** What the URL says about the view (absent: the report's defaults). */
export interface ViewState {
  skill?: string;
  metric?: string;
  /** Hours of the hourly chart. */
  window?: string;
  /** Unusual-hours method of the hourly chart. */
  method?: string;
  /** Metric of the trends table. */
  trend?: string;
  /** Days of the trends table. */
  days?: string;
  /** An A/B test id. */
  test?: string;
  /** Time selection: first hour (`2026-11-20T05:00Z`). */
  from?: string;
  /** Time selection: end hour (exclusive). */
  to?: string;
  /** Several files open: the one shown. */
  file?: string;
  /** A panel's id. */
  section?: string;
}

/** URL parameter → the select it drives (in the report's shadow root). */
export const VIEW_SELECTS: Record<'skill' | 'metric' | 'window' | 'method' | 'trend' | 'days', string> = {
  skill: 'hourly-skill',
  metric: 'hourly-metric',
  window: 'hourly-hours',
  method: 'hourly-method',
  trend: 'trend-metric',
  days: 'trend-days',
};

const KEYS = ['skill', 'metric', 'window', 'method', 'trend', 'days', 'test', 'from', 'to', 'file'] as const;

/**
 * Reads the view from a URL.
 * @param href an absolute URL
 * @returns the view it names
 * @example readView('https://x/?db=a.db&skill=pytest-run#hourly') // { skill: 'pytest-run', section: 'hourly' }
 */
export function readView(href: string): ViewState {
  const url = new URL(href);
  const view: ViewState = {};
  for (const k of KEYS) {
    const v = url.searchParams.get(k);
    if (v !== null && v !== '') view[k] = v;
  }
  if (url.hash.length > 1) view.section = decodeURIComponent(url.hash.slice(1));
  return view;
}

/**
 * The URL of a view: `base` with the view's parameters replaced (others kept) and its section as hash.
 * @param base an absolute URL (the page's)
 * @param view the view
 * @returns a path + query + hash (same origin)
 * @example viewHref('https://x/?db=a.db', { test: '3', section: 'ab-tests' }) // '/?db=a.db&test=3#ab-tests'
 */
export function viewHref(base: string, view: ViewState): string {
  const url = new URL(base);
  for (const k of KEYS) {
    if (view[k] !== undefined) url.searchParams.set(k, view[k]!);
    else url.searchParams.delete(k);
  }
  url.hash = view.section ? `#${encodeURIComponent(view.section)}` : '';
  // Colons are allowed in a query: `from=2026-11-20T05:00Z` stays readable.
  return `${url.pathname}${url.search.replace(/%3A/gi, ':')}${url.hash}`;
}

/**
 * Sets the selects named by the view (a value the select does not offer is ignored; an absent one
 * goes back to the select's `data-default`) and fires `change` on those that changed, so their
 * panels redraw.
 * @param root the report's shadow root
 * @param view the view to show
 * @returns the selects that changed
 */
export function applySelects(root: ShadowRoot, view: ViewState): HTMLSelectElement[] {
  const changed: HTMLSelectElement[] = [];
  for (const [key, id] of Object.entries(VIEW_SELECTS) as [keyof typeof VIEW_SELECTS, string][]) {
    const select = root.getElementById(id) as HTMLSelectElement | null;
    if (!select) continue;
    const target = view[key] ?? select.dataset.default;
    if (target === undefined || select.value === target || ![...select.options].some((o) => o.value === target)) continue;
    select.value = target;
    changed.push(select);
  }
  for (const s of changed) s.dispatchEvent(new Event('change', { bubbles: true }));
  return changed;
}

/**
 * Brings the view's A/B test or panel into view and moves focus to its heading.
 * @param root the report's shadow root
 * @param view the view
 * @param focus move keyboard focus there (a user's navigation; not on first load)
 */
export function revealView(root: ShadowRoot, view: ViewState, focus: boolean): void {
  for (const a of root.querySelectorAll('.ab-test[aria-current]')) a.removeAttribute('aria-current');
  const test = view.test ? root.getElementById(`ab-test-${view.test}`) : null;
  if (test) test.setAttribute('aria-current', 'true');
  const section = view.section ? root.getElementById(view.section) : null;
  const target = test && (!section || view.section === 'ab-tests') ? test : section;
  if (!target) return;
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  target.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'start' });
  const heading = target.querySelector<HTMLElement>('h2, h3');
  if (focus && heading) {
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
}

/**
 * The view the selectors show now (for the URL after a user changed one).
 * @param root the report's shadow root
 * @param previous the view before the change (keeps its test and section)
 * @param changedId the id of the select the user changed
 * @returns the new view
 */
export function currentView(root: ShadowRoot, previous: ViewState, changedId: string): ViewState {
  const view: ViewState = { ...previous };
  for (const [key, id] of Object.entries(VIEW_SELECTS) as [keyof typeof VIEW_SELECTS, string][]) {
    const select = root.getElementById(id) as HTMLSelectElement | null;
    if (!select) continue;
    // Defaults stay out of the URL (shorter links).
    if (select.value === select.dataset.default) delete view[key];
    else view[key] = select.value;
  }
  view.section = changedId.startsWith('trend') ? 'trends' : changedId.startsWith('hourly') ? 'hourly' : previous.section;
  return view;
}

/**
 * The time selection a view names (invalid or half-given bounds: none).
 * @example viewSelection(readView('https://x/?from=2026-11-20T05:00Z&to=2026-11-20T08:00Z')) // 3 hours
 */
export function viewSelection(view: ViewState): Selection | null {
  return parseSelection(view.from, view.to);
}

/**
 * The view with a new time selection (null: none), shown in the hourly panel.
 * @example withSelection({ skill: 'a' }, null) // { skill: 'a', section: 'hourly' }
 */
export function withSelection(view: ViewState, s: Selection | null): ViewState {
  const next: ViewState = { ...view, section: 'hourly' };
  delete next.from;
  delete next.to;
  if (s) Object.assign(next, selectionParams(s));
  return next;
}
