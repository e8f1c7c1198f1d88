/** What every panel gets: the analytics remote, the open file's info and progress reporting. */
import type { Analytics, DatabaseInfo } from '../../client/index.js';
import { el, formatError } from '../dom.js';
import type { Selection } from '../selection.js';

export interface PanelContext {
  readonly analytics: Analytics;
  readonly info: DatabaseInfo;
  /** The file's label (its name). */
  readonly label: string;
  /** False once another file was opened: late results are dropped. */
  isCurrent(): boolean;
  /** Shows a long operation's progress in the report's status line (done/total, or indeterminate). */
  progress(text: string, done?: number, total?: number): void;
  /** Clears the progress bar. */
  idle(text: string): void;
  /** Called after a write to the file (A/B test stopped): updates the export / discard controls. */
  wrote(): void;
  /** The time selection (the hourly chart's brush), null when there is none. */
  selection(): Selection | null;
  /**
   * Sets the selection (or clears it): every panel redraws for it and the URL follows, as a new
   * history entry, or in place of the current one when `repeat` (a held key's repeats: back then
   * returns to the selection before the key went down, not one hour at a time).
   */
  select(s: Selection | null, repeat?: boolean): void;
  /** Registers a panel's redraw for a new selection; the report awaits every one before `report-selection`. */
  onSelection(panel: string, redraw: () => Promise<void>): void;
}

/** A panel: a section element that fills itself; `ready` resolves when its content is rendered. */
export interface Panel {
  section: HTMLElement;
  ready: Promise<void>;
}

/** A titled section with an id and a body that the panel fills. */
export function panelSection(id: string, title: string, intro?: string): { section: HTMLElement; body: HTMLElement } {
  const body = el('div', { class: 'panel-body' }, el('p', { class: 'loading' }, 'Computing…'));
  const section = el(
    'section',
    { id, class: 'panel', 'aria-labelledby': `${id}-h` },
    el('h2', { id: `${id}-h`, tabindex: '-1' }, title),
    intro ? el('p', { class: 'intro' }, intro) : null,
    body,
  );
  return { section, body };
}

/** Renders an error inside a panel (the rest of the report stays usable). */
export function panelError(body: HTMLElement, e: unknown, what: string): void {
  body.replaceChildren(el('p', { class: 'error', role: 'alert' }, formatError(e, what)));
}
