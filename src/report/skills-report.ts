/**
 * `<skills-report src="skills.db">`: the whole report as one custom element, for this site and for
 * any static site (one script, one element). Everything runs in the analytics worker; every name
 * from the file is inserted as text, never as HTML.
 *
 * Attributes: `src` (a same-origin URL opened on connect), `wal` (the same-origin URL of its -wal
 * log, merged in when given), `sample` (URL of a sample database; shows
 * an "Open sample" button), `url-state` (boolean: keep the view in the page URL,
 * `?skill=&metric=&window=&test=#panel`, with back / forward; the site sets it). State in the `state` attribute: loading | ready | error. Events:
 * `report-ready` (detail: { info, millis }) once every panel is rendered; `report-selection` (detail:
 * { selection, millis, panels: { [panel id]: millis } }) once every panel is redrawn for a new time selection (the hourly chart's
 * brush), with the `selecting` attribute set meanwhile.
 */
import { createAnalytics, type Analytics, type DatabaseInfo, type PageEntry, type Progress } from '../client/index.js';
import { el, formatError } from './dom.js';
import { abTestsPanel } from './panels/ab-tests.js';
import { atAGlancePanel } from './panels/at-a-glance.js';
import type { Panel, PanelContext } from './panels/context.js';
import { hourlyPanel } from './panels/hourly.js';
import { localChangeControls } from './panels/local-changes.js';
import { overviewPanel } from './panels/overview.js';
import { predictorPanel } from './panels/predictor.js';
import { snapshotPanel } from './panels/snapshot.js';
import { trendsPanel } from './panels/trends.js';
import { liveFileNote } from './live-file-note.js';
import { pairFiles } from './pair-files.js';
import { REPORT_CSS } from './report-style.js';
import { watchUnsavedWrites } from './unsaved-writes.js';
import { sharedReads } from './shared-reads.js';
import { applySelects, currentView, readView, revealView, VIEW_SELECTS, viewHref, viewSelection, withSelection, type ViewState } from './view-state.js';
import type { Selection } from './selection.js';
import { contentsNav } from './contents-nav.js';
import { watchScrollRegions } from './scroll-regions.js';

const PHASES: Record<Progress['phase'], string> = {
  reading: 'reading the file',
  validating: 'checking the invocations',
  loading: 'loading them into the warehouse',
  features: 'computing features',
  training: 'training',
  evaluating: 'evaluating',
  done: 'done',
};

export class SkillsReport extends HTMLElement {
  static observedAttributes = ['src', 'sample', 'wal'];
  private analytics: Promise<Analytics> | null = null;
  private readonly root: ShadowRoot;
  private readonly status: HTMLElement;
  private readonly bar: HTMLProgressElement;
  private readonly body: HTMLElement;
  private readonly sampleButton: HTMLButtonElement;
  private generation = 0;
  /** Generation of the report on screen (a failed open keeps it current). */
  private shown = 0;
  private loadedSrc: string | null = null;
  private current: { label: string; info: DatabaseInfo } | null = null;
  /** Files of the last pick that were not opened, said in the status line. */
  private setAside: string[] = [];
  /** Several files open: the one the report shows (null: all of them). */
  private source: string | null = null;
  private readonly sourceSelect: HTMLSelectElement;
  private readonly sourceField: HTMLElement;
  /** The time selection every panel shows (null: none). */
  private selection: Selection | null = null;
  /** The panels' redraws for a new selection (of the report on screen), by panel id. */
  private redraws: [string, () => Promise<void>][] = [];
  /** Counts selection changes: only the latest one's end is announced. */
  private selectionSeq = 0;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = REPORT_CSS;
    const fileInput = el('input', {
      type: 'file',
      multiple: '',
      accept: '.db,.sqlite,.sqlite3,.db-wal,.sqlite-wal,.sqlite3-wal,application/vnd.sqlite3,application/octet-stream',
      id: 'file',
    });
    fileInput.addEventListener('change', () => {
      this.openFiles([...(fileInput.files ?? [])]);
      fileInput.value = '';
    });
    this.sampleButton = el('button', { type: 'button', id: 'open-sample', hidden: '' }, 'Open the sample database');
    this.sampleButton.addEventListener('click', () => {
      const sample = this.getAttribute('sample');
      if (sample) void this.load(new URL(sample, document.baseURI).href, sample.split('/').pop() || 'sample.db');
    });
    this.status = el('p', { id: 'status', role: 'status', 'aria-live': 'polite' }, 'Choose a skills.db file or drop it on this page.');
    this.bar = el('progress', { id: 'progress', 'aria-label': 'Progress', hidden: '' });
    this.body = el('div', { id: 'panels' });
    this.sourceSelect = el('select', { id: 'source-filter' }) as HTMLSelectElement;
    this.sourceSelect.addEventListener('change', () => {
      const file = this.sourceSelect.value || null;
      if (this.urlState) {
        this.view = { ...this.view };
        if (file) this.view.file = file;
        else delete this.view.file;
        history.pushState(null, '', viewHref(location.href, this.view));
      }
      void this.rescope(file);
    });
    this.sourceField = el('p', { class: 'source-filter', hidden: '' }, el('label', { for: 'source-filter' }, 'Show the files: '), this.sourceSelect);
    const toolbar = el(
      'div',
      { class: 'toolbar' },
      el('label', { for: 'file', class: 'file-label' }, 'Open skills.db (and skills.db-wal)'),
      fileInput,
      this.sampleButton,
      el(
        'span',
        { class: 'hint' },
        'or drop them anywhere on the report; pick skills.db-wal too when session-buddy is running; several databases open as one dataset. Nothing leaves this browser.',
      ),
    );
    this.root.append(
      style,
      el('header', {}, el('h1', {}, 'session-buddy analytics'), toolbar, el('div', { class: 'status-line' }, this.status, this.bar), this.sourceField),
      this.body,
    );
    watchScrollRegions(this.body);
    this.root.addEventListener('change', (e) => this.selectChanged(e));
    this.root.addEventListener('click', (e) => this.linkClicked(e));
    this.addEventListener('dragover', (e) => {
      e.preventDefault();
      this.toggleAttribute('dragging', true);
    });
    this.addEventListener('dragleave', () => this.removeAttribute('dragging'));
    this.addEventListener('drop', (e) => {
      e.preventDefault();
      this.removeAttribute('dragging');
      this.openFiles([...(e.dataTransfer?.files ?? [])]);
    });
  }

  /** Opens picked or dropped files: the database with its -wal log, paired by name. */
  private openFiles(files: File[]): void {
    if (files.length === 0) return;
    const pair = pairFiles(files);
    if ('error' in pair) {
      this.idle(`Could not open: ${pair.error}.`, true);
      this.setAttribute('state', 'error');
      return;
    }
    this.setAside = pair.ignored.map((f) => `${f.name} (${f.why})`);
    if (pair.pairs.length === 1) {
      const { db, wal } = pair.pairs[0];
      void this.load(db, wal ? `${db.name} + ${wal.name}` : db.name, wal);
    } else {
      // Several databases: one dataset, each file with its own log.
      const names = pair.pairs.map((p) => p.db.name).join(', ');
      void this.load(
        pair.pairs.map((p) => ({ data: p.db, wal: p.wal })),
        `${pair.pairs.length} files (${names})`,
      );
    }
  }

  connectedCallback(): void {
    this.sampleButton.hidden = !this.getAttribute('sample');
    window.addEventListener('popstate', this.popstate);
    this.loadSrc();
  }

  disconnectedCallback(): void {
    window.removeEventListener('popstate', this.popstate);
  }

  /** True while the view is being applied (its synthetic `change` events are not user choices). */
  private applying = false;
  /** The view on screen. */
  private view: ViewState = {};

  private get urlState(): boolean {
    return this.hasAttribute('url-state');
  }

  /** Applies a view: selectors, then the test / panel brought into view. */
  private showView(view: ViewState, focus: boolean): void {
    this.view = view;
    const file = view.file ?? null;
    const files = this.current?.info.sources.map((s) => s.name) ?? [];
    if (files.length > 1 && file !== this.source && (file === null || files.includes(file))) {
      // Another file of the dataset: every panel recomputes (and draws the view's selection).
      this.selection = viewSelection(view);
      this.sourceSelect.value = file ?? '';
      void this.rescope(file);
      return;
    }
    const selection = viewSelection(view);
    if (!sameSelection(selection, this.selection)) void this.setSelection(selection, false);
    this.applying = true;
    try {
      applySelects(this.root, view);
    } finally {
      this.applying = false;
    }
    revealView(this.root, view, focus);
  }

  private readonly popstate = (): void => {
    if (this.urlState && this.getAttribute('state') === 'ready') this.showView(readView(location.href), true);
  };

  /** A user changed a selector of the view: a new history entry. */
  private selectChanged(e: Event): void {
    const id = (e.target as HTMLElement | null)?.id ?? '';
    if (this.applying || !Object.values(VIEW_SELECTS).includes(id)) return;
    const view = currentView(this.root, this.view, id);
    delete view.test;
    this.view = view;
    if (this.urlState) history.pushState(null, '', viewHref(location.href, view));
  }

  /**
   * Sets the time selection: every panel redraws for it (the panels' own sequence numbers drop
   * answers a newer selection overtook); `report-selection` fires when the latest one is drawn.
   * @param push add a history entry (a user's brush); false when the URL already says it
   * @param replace put the URL in place of the current entry instead (a held key's repeats)
   */
  private async setSelection(selection: Selection | null, push: boolean, replace = false): Promise<void> {
    this.selection = selection;
    if (push && this.urlState) {
      this.view = withSelection(this.view, selection);
      if (replace) history.replaceState(null, '', viewHref(location.href, this.view));
      else history.pushState(null, '', viewHref(location.href, this.view));
    }
    const mine = ++this.selectionSeq;
    const started = performance.now();
    this.toggleAttribute('selecting', true);
    // Each panel's own time too (what a slow brush waits for).
    const panels: Record<string, number> = {};
    // Started cheapest first: the worker answers in call order, so the hourly sum and the trends
    // do not wait behind the headline's per-skill anomaly scans.
    const order = (id: string) => REDRAW_ORDER.indexOf(id) >>> 0;
    const redraws = [...this.redraws].sort((a, b) => order(a[0]) - order(b[0]));
    await Promise.all(redraws.map(([id, redraw]) => redraw().then(() => (panels[id] = Math.round(performance.now() - started)))));
    if (mine !== this.selectionSeq) return;
    this.removeAttribute('selecting');
    this.dispatchEvent(new CustomEvent('report-selection', { detail: { selection, millis: performance.now() - started, panels } }));
  }

  /** In-report links (`?…#panel`): show the view without reloading the page. */
  private linkClicked(e: Event): void {
    const a = (e.target as HTMLElement | null)?.closest?.('a[data-view]');
    if (!a || !(e instanceof MouseEvent) || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    const href = new URL(a.getAttribute('href')!, location.href).href;
    const view = readView(href);
    if (this.urlState) history.pushState(null, '', href);
    this.showView(view, true);
  }

  attributeChangedCallback(name: string): void {
    if (name === 'sample') this.sampleButton.hidden = !this.getAttribute('sample');
    else if (this.isConnected) this.loadSrc();
  }

  /** Opens the `src` attribute's file once per value. */
  private loadSrc(): void {
    const src = this.getAttribute('src');
    const wal = this.getAttribute('wal');
    const key = `${src}\n${wal}`;
    if (src && key !== this.loadedSrc) {
      this.loadedSrc = key;
      const name = (u: string) => u.split(/[/?#]/).filter(Boolean).pop() || u;
      void this.load(new URL(src, document.baseURI).href, wal ? `${name(src)} + ${name(wal)}` : name(src), wal ? new URL(wal, document.baseURI).href : null);
    }
  }

  private getAnalytics(): Promise<Analytics> {
    this.analytics ??= createAnalytics();
    this.analytics.catch(() => (this.analytics = null));
    return this.analytics;
  }

  /** Shows progress: a determinate bar when done/total is known, indeterminate otherwise. */
  private progress(text: string, done?: number, total?: number): void {
    this.status.classList.remove('error');
    this.status.textContent = text;
    this.bar.hidden = false;
    if (done !== undefined && total !== undefined && total > 1) {
      this.bar.max = total;
      this.bar.value = done;
    } else this.bar.removeAttribute('value');
  }

  private idle(text: string, error = false): void {
    this.status.textContent = text;
    this.status.classList.toggle('error', error);
    this.bar.hidden = true;
  }

  /**
   * Opens a file and renders every panel.
   * @param source a File / Blob or a same-origin URL; or several (`{ data, wal }`), opened as one dataset
   * @param label the name shown for it
   * @param wal the database's -wal log (a File, or a same-origin URL), when there is one
   */
  async load(source: File | Blob | string | PageEntry[], label: string, wal: File | Blob | string | null = null): Promise<void> {
    const gen = ++this.generation;
    const started = performance.now();
    this.setAttribute('state', 'loading');
    this.progress(`Opening ${label}…`);
    let analytics: Analytics;
    let info: DatabaseInfo;
    // The warehouse's load goes on behind open()'s answer: its progress after that is not this open's.
    let opening = true;
    try {
      analytics = await this.getAnalytics();
      info = await analytics.open(source, {
        ...(Array.isArray(source) ? {} : { wal }),
        onProgress: (p) => {
          if (gen === this.generation && opening)
            this.progress(
              `Opening ${label}: ${PHASES[p.phase] ?? p.phase}${p.total > 1 ? ` (${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')})` : ''}…`,
              p.done,
              p.total,
            );
        },
      });
    } catch (e) {
      if (gen !== this.generation) return;
      await this.failed(e, label);
      return;
    } finally {
      opening = false;
    }
    if (gen !== this.generation) return;
    this.current = { label, info };
    this.shown = gen;
    this.showSourceFilter(info);
    if (this.urlState) {
      // The URL's file (several open) and time selection are drawn with the first render.
      const view = readView(location.href);
      if (view.file && info.sources.length > 1 && info.sources.some((s) => s.name === view.file)) {
        this.source = view.file;
        this.sourceSelect.value = view.file;
      }
      this.selection = viewSelection(view);
    } else this.selection = null;
    this.progress(`Opened ${label}: computing the report…`);
    await this.render(analytics, label, info, gen);
    if (gen !== this.generation) return;
    const millis = Math.round(performance.now() - started);
    this.idle(`${label}: ${info.invocations.toLocaleString('en-US')} invocations, report ready in ${(millis / 1000).toFixed(1)} s.${liveFileNote(info, this.setAside)}`);
    this.setAside = [];
    this.setAttribute('state', 'ready');
    this.dispatchEvent(new CustomEvent('report-ready', { detail: { info, millis } }));
  }

  /** A failed open: say why; keep the report of the file still open (if any) usable. */
  private async failed(e: unknown, label: string): Promise<void> {
    let stillOpen: DatabaseInfo | null = null;
    try {
      stillOpen = this.current ? await (await this.getAnalytics()).info() : null;
    } catch {
      stillOpen = null;
    }
    if (!stillOpen) {
      this.current = null;
      this.shown = 0;
      this.body.replaceChildren();
    }
    const message = formatError(e, `Could not open ${label}`).replace(/([^.])$/, '$1.');
    const keep = stillOpen && this.current ? ` The report below still shows ${this.current.label}.` : '';
    this.idle(`${message}${keep}`, true);
    this.setAttribute('state', 'error');
  }

  /** Several files: the filter lists them (all files first); one file: no filter. */
  private showSourceFilter(info: DatabaseInfo): void {
    this.source = null;
    const names = info.sources.length > 1 ? info.sources.map((s) => s.name) : [];
    this.sourceSelect.replaceChildren(el('option', { value: '' }, `All ${names.length} files`), ...names.map((n) => el('option', { value: n }, n)));
    this.sourceSelect.value = '';
    this.sourceField.hidden = names.length === 0;
  }

  /** Shows one file of the dataset (or all): every panel recomputed on that file's rows. */
  private async rescope(source: string | null): Promise<void> {
    const current = this.current;
    if (!current) return;
    this.source = source;
    const analytics = await this.getAnalytics();
    const gen = ++this.generation;
    this.shown = gen;
    const started = performance.now();
    this.setAttribute('state', 'loading');
    this.progress(`Showing ${source ?? 'all files'}: computing the report…`);
    await this.render(analytics, current.label, current.info, gen);
    if (gen !== this.generation) return;
    const info = this.shownInfo(current.info);
    const millis = Math.round(performance.now() - started);
    this.idle(`${source ?? current.label}: ${info.invocations.toLocaleString('en-US')} invocations, report ready in ${(millis / 1000).toFixed(1)} s.`);
    this.setAttribute('state', 'ready');
    this.dispatchEvent(new CustomEvent('report-ready', { detail: { info, millis } }));
  }

  /** The info the panels see: one file's own counts when the filter is on. */
  private shownInfo(info: DatabaseInfo): DatabaseInfo {
    const one = this.source === null ? undefined : info.sources.find((s) => s.name === this.source);
    return one ? { ...info, ...one, sources: [one], wal: null } : info;
  }

  private async render(dataset: Analytics, datasetLabel: string, datasetInfo: DatabaseInfo, gen: number): Promise<void> {
    const analytics = this.source === null ? dataset : dataset.scoped(this.source);
    const info = this.shownInfo(datasetInfo);
    const label = this.source === null ? datasetLabel : `${this.source} (one of ${datasetInfo.sources.length} files)`;
    let wrote = false;
    this.redraws = [];
    const redraws = this.redraws;
    const controls = localChangeControls(
      () => dataset.exportDatabase(),
      async () => {
        const original = await dataset.discardLocalChanges();
        if (gen === this.shown) await this.rerender(dataset, datasetLabel, original);
      },
      label,
    );
    controls.update(info, false);
    // A write the browser could not save stays in memory: say so and offer the export.
    const watched = watchUnsavedWrites(analytics, (e) => {
      controls.update(info, true);
      if (gen === this.shown) this.idle(`${e.message}.`, true);
    });
    const shared = sharedReads(watched);
    const ctx: PanelContext = {
      analytics: shared.analytics,
      info,
      label,
      isCurrent: () => gen === this.shown,
      progress: (text, done, total) => gen === this.shown && this.progress(text, done, total),
      idle: (text) => gen === this.shown && this.idle(text),
      wrote: () => {
        shared.clear();
        wrote = true;
        controls.update(info, wrote);
      },
      selection: () => this.selection,
      select: (s, repeat = false) => {
        if (gen === this.shown && !sameSelection(s, this.selection)) void this.setSelection(s, true, repeat);
      },
      onSelection: (panel, redraw) => redraws.push([panel, redraw]),
    };
    const ab = abTestsPanel(ctx);
    const glance = atAGlancePanel(ctx, ab.analysed, () => location.href);
    const panels: Panel[] = [
      glance,
      overviewPanel(ctx, controls.element),
      snapshotPanel(ctx),
      hourlyPanel(ctx),
      trendsPanel(ctx),
      ab,
      predictorPanel(ctx, (r) => glance.addCalibration(r)),
    ];
    this.body.replaceChildren(contentsNav(panels.map((p) => p.section)), ...panels.map((p) => p.section));
    await Promise.all(panels.map((p) => p.ready));
    if (gen !== this.generation) return;
    for (const id of Object.values(VIEW_SELECTS)) {
      const select = this.root.getElementById(id) as HTMLSelectElement | null;
      if (select) select.dataset.default ??= select.value;
    }
    if (this.urlState) {
      const view = readView(location.href);
      this.showView(view, false);
      // Wait for the redraws the view asked for, so report-ready means the view is on screen.
      await this.settled();
    }
  }

  /** Resolves when no panel output is busy (a redraw after a selector change). */
  private async settled(): Promise<void> {
    for (let i = 0; i < 600 && this.root.querySelector('[aria-busy="true"]'); i++) await new Promise((r) => setTimeout(r, 100));
  }

  /** Re-renders after discarding local changes. */
  private async rerender(analytics: Analytics, label: string, info: DatabaseInfo): Promise<void> {
    const gen = ++this.generation;
    this.shown = gen;
    this.current = { label, info };
    this.setAttribute('state', 'loading');
    this.progress(`Reopened the original ${label}: computing the report…`);
    await this.render(analytics, label, info, gen);
    if (gen !== this.generation) return;
    this.idle(`Discarded the local changes: showing the original ${label}.`);
    this.setAttribute('state', 'ready');
  }
}

/** The order panels redraw in for a new selection (others after them). */
const REDRAW_ORDER = ['hourly', 'trends', 'ab-tests', 'predictor', 'glance'];

/** Two selections cover the same hours (or both are none). */
function sameSelection(a: Selection | null, b: Selection | null): boolean {
  return a === b || (a !== null && b !== null && a.fromMs === b.fromMs && a.toMs === b.toMs);
}

/** Registers `<skills-report>` (idempotent). */
export function defineSkillsReport(name = 'skills-report'): void {
  if (!customElements.get(name)) customElements.define(name, SkillsReport);
}

defineSkillsReport();
