/** Overview: what the file holds, its time span and the warnings found while reading it. */
import type { DatabaseInfo } from '../../client/index.js';
import { el } from '../dom.js';
import { formatBytes, formatSpan, formatUtc } from '../format.js';
import type { Panel, PanelContext } from './context.js';
import { panelSection } from './context.js';

/** The overview's rows: [data-field, label, text]. Counts and instants are shown exactly. */
export function overviewRows(label: string, info: DatabaseInfo): [string, string, string][] {
  const rows: [string, string, string][] = [
    ['file', 'File', label],
    ['file-size', 'Size', formatBytes(info.fileBytes)],
    ['invocations', 'Invocations', String(info.invocations)],
    ['skills', 'Skills', String(info.skills)],
    ['sessions', 'Sessions', String(info.sessions)],
    ['first-invocation', 'First invocation', info.firstInvocation ?? '—'],
    ['last-invocation', 'Last invocation', info.lastInvocation ?? '—'],
    ['span', 'Span', formatSpan(info.firstInvocation, info.lastInvocation)],
    ['as-of', 'Analyses end at', `${formatUtc(info.asOf, true)} (the latest invocation)`],
    ['schema-version', 'Schema version', `V${info.schemaVersion}`],
  ];
  if (info.rows !== info.invocations) rows.splice(2, 0, ['rows', 'Rows left out (time unreadable)', String(info.rows - info.invocations)]);
  if (info.sources.length > 1) {
    rows.splice(1, 0, ['sources', 'Files', info.sources.map((s) => `${s.name} (${s.invocations} invocations, ${s.sessions} sessions)`).join('; ')]);
    rows.push(['write-to', 'Writes go to', info.writeTo]);
  }
  return rows;
}

/** The overview panel (synchronous: everything is in `info`). */
export function overviewPanel(ctx: PanelContext, controls: HTMLElement): Panel {
  const { section, body } = panelSection('overview', 'Overview');
  const { info } = ctx;
  body.replaceChildren(
    el('dl', { class: 'summary' }, ...overviewRows(ctx.label, info).flatMap(([field, k, v]) => [el('dt', {}, k), el('dd', { 'data-field': field }, v)])),
    info.warnings.length
      ? el(
          'div',
          { class: 'warnings', role: 'note' },
          el('h3', {}, `Warnings (${info.warnings.length})`),
          el(
            'ul',
            { 'aria-label': 'Warnings' },
            ...info.warnings.map((w) => el('li', { 'data-code': w.code }, el('code', {}, w.code), ` ${w.message}${w.count !== undefined ? ` (${w.count})` : ''}`)),
          ),
        )
      : el('p', { class: 'ok', 'data-field': 'warnings' }, 'No warnings: every row was read.'),
    controls,
  );
  return { section, ready: Promise.resolve() };
}
