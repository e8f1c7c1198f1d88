/**
 * `<skills-report src="skills.db">`: the whole report as one custom element, for this site and for
 * any static site (one script, one element). Everything runs in the analytics worker; every name
 * from the file is inserted as text, never as HTML.
 */
import { createAnalytics, type Analytics, type DatabaseInfo } from '../../src/client/index.js';
import { el, formatError } from './dom.js';
import { REPORT_CSS } from './report-style.js';

export class SkillsReport extends HTMLElement {
  static observedAttributes = ['src'];
  private analytics: Promise<Analytics> | null = null;
  private readonly root: ShadowRoot;
  private readonly status: HTMLElement;
  private readonly body: HTMLElement;
  private generation = 0;
  private loadedSrc: string | null = null;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = REPORT_CSS;
    const fileInput = el('input', { type: 'file', accept: '.db,.sqlite,.sqlite3,application/vnd.sqlite3,application/octet-stream', id: 'file', 'aria-label': 'Open a skills.db file' }) as HTMLInputElement;
    fileInput.addEventListener('change', () => {
      const f = fileInput.files?.[0];
      if (f) void this.load(f, f.name);
    });
    const sampleButton = el('button', { type: 'button', id: 'open-sample' }, 'Open sample database');
    sampleButton.addEventListener('click', () => void this.load(this.sampleUrl(), 'sample.db'));
    this.status = el('p', { id: 'status', role: 'status', 'aria-live': 'polite' }, 'Choose a skills.db file, drop it here, or open the sample.');
    this.body = el('div', { id: 'panels' });
    const toolbar = el('div', { class: 'toolbar' }, el('label', { for: 'file' }, 'Open skills.db: '), fileInput, sampleButton);
    this.root.append(style, el('header', {}, el('h1', {}, 'session-buddy analytics'), toolbar, this.status), this.body);
    this.addEventListener('dragover', (e) => e.preventDefault());
    this.addEventListener('drop', (e) => {
      e.preventDefault();
      const f = e.dataTransfer?.files?.[0];
      if (f) void this.load(f, f.name);
    });
  }

  connectedCallback(): void {
    this.loadSrc();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.loadSrc();
  }

  /** Opens the `src` attribute's file once per value. */
  private loadSrc(): void {
    const src = this.getAttribute('src');
    if (src && src !== this.loadedSrc) {
      this.loadedSrc = src;
      void this.load(src, src.split('/').pop() || src);
    }
  }

  /** The sample database shipped beside the page. */
  private sampleUrl(): string {
    return this.getAttribute('sample') ?? new URL('sample.db', document.baseURI).href;
  }

  private getAnalytics(): Promise<Analytics> {
    this.analytics ??= createAnalytics();
    return this.analytics;
  }

  /** Opens a file and renders every panel. */
  async load(source: File | string, label: string): Promise<void> {
    const gen = ++this.generation;
    this.setAttribute('state', 'loading');
    this.status.textContent = `Opening ${label}…`;
    try {
      const analytics = await this.getAnalytics();
      const info = await analytics.open(source, {
        onProgress: (p) => {
          if (gen === this.generation) this.status.textContent = `Opening ${label}: ${p.phase} ${p.total > 1 ? `${p.done}/${p.total}` : ''}`;
        },
      });
      if (gen !== this.generation) return;
      this.body.replaceChildren(this.renderOverview(label, info));
      this.status.textContent = `Opened ${label}.`;
      this.setAttribute('state', 'ready');
      this.dispatchEvent(new CustomEvent('report-ready', { detail: info }));
    } catch (e) {
      if (gen !== this.generation) return;
      this.status.textContent = formatError(e);
      this.status.classList.add('error');
      this.setAttribute('state', 'error');
      return;
    }
    this.status.classList.remove('error');
  }

  private renderOverview(label: string, info: DatabaseInfo): HTMLElement {
    const rows: [string, string][] = [
      ['File', label],
      ['Invocations', String(info.invocations)],
      ['Skills', String(info.skills)],
      ['Sessions', String(info.sessions)],
      ['First invocation', info.firstInvocation ?? '—'],
      ['Last invocation', info.lastInvocation ?? '—'],
      ['Schema version', `V${info.schemaVersion}`],
    ];
    return el(
      'section',
      { id: 'overview', 'aria-labelledby': 'overview-h' },
      el('h2', { id: 'overview-h' }, 'Overview'),
      el('dl', { class: 'summary' }, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { 'data-field': k.toLowerCase().replace(/ /g, '-') }, v)])),
      ...(info.warnings.length ? [el('ul', { class: 'warnings', 'aria-label': 'Warnings' }, ...info.warnings.map((w) => el('li', { 'data-code': w.code }, `${w.code}: ${w.message}`)))] : []),
    );
  }
}

/** Registers `<skills-report>` (idempotent). */
export function defineSkillsReport(name = 'skills-report'): void {
  if (!customElements.get(name)) customElements.define(name, SkillsReport);
}

defineSkillsReport();
