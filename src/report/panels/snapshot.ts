/**
 * The live snapshot of every skill as of the file's latest invocation, beside what the file's
 * skill_metrics_cache says (session-buddy's trigger only ever adds to its counts), and "write
 * results back": materialize() fills skill_time_series, skill_metrics_cache and skill_anomalies in
 * the file, then the database can be exported for session-buddy.
 */
import type { SkillSnapshot, SkillSnapshotRow } from '../../skill-tables/types.js';
import { dataTable, el, labelledNumber } from '../dom.js';
import { formatCount, formatNumber, formatPercent, formatUtc } from '../format.js';
import { panelError, panelSection, type Panel, type PanelContext } from './context.js';

const cacheText = (v: number | null | undefined, format: (x: number) => string) => (v === null || v === undefined ? '—' : format(v));

function snapshotTable(snapshot: SkillSnapshot): HTMLTableElement {
  const differs = (r: SkillSnapshotRow, field: string) => (r.cacheDifferences as string[]).includes(field);
  const pair = (r: SkillSnapshotRow, field: string, live: string, cached: string) =>
    el('span', { class: differs(r, field) ? 'disagrees' : '' }, live, r.cache ? el('span', { class: 'cache-value' }, ` (cache ${cached})`) : null);
  /** A live value beside the cache's (marked when they differ). */
  const compared = (
    key: string,
    label: string,
    live: (r: SkillSnapshotRow) => number | null,
    field: 'invocationCount1h' | 'invocationCount24h' | 'avgCompletionRate24h',
    format: (x: number | null) => string,
  ) => ({
    key,
    label,
    value: live,
    numeric: true,
    text: () => '',
    extra: (r: SkillSnapshotRow) => pair(r, field, format(live(r)), cacheText(r.cache?.[field], format)),
  });
  return dataTable(
    snapshot.skills,
    [
      { key: 'skill', label: 'Skill', value: (r) => r.skillName },
      { key: 'last', label: 'Last invocation', value: (r) => r.lastInvocation, text: (r) => formatUtc(r.lastInvocation, true) },
      compared('count-1h', '1 h', (r) => r.invocationCount1h, 'invocationCount1h', formatCount),
      compared('count-24h', '24 h', (r) => r.invocationCount24h, 'invocationCount24h', formatCount),
      compared(
        'rate-24h',
        'Completed (24 h)',
        (r) => r.completionRate24h,
        'avgCompletionRate24h',
        (x) => formatPercent(x),
      ),
      { key: 'anomaly', label: 'Anomaly |z|', value: (r) => r.anomalyScore, numeric: true, text: (r) => `${formatNumber(r.anomalyScore, 2)}${r.isAnomalous ? ' ⚠' : ''}` },
      {
        key: 'cache',
        label: 'Cache',
        value: (r) => (r.cache ? (r.cacheDisagrees ? 'disagrees' : 'agrees') : 'none'),
        text: (r) => (r.cache ? (r.cacheDisagrees ? 'disagrees' : 'agrees') : 'no row'),
      },
    ],
    { rowKey: (r) => r.skillName, className: 'snapshot-table' },
  );
}

/** The snapshot panel. */
export function snapshotPanel(ctx: PanelContext): Panel {
  const { section, body } = panelSection(
    'snapshot',
    'Right now: every skill, and what the file’s cache says',
    'Invocations in the last hour and day as of the latest invocation in the file, computed from the invocations themselves. In brackets: session-buddy’s skill_metrics_cache, whose counts only ever grow; values that differ are marked.',
  );
  const ready = (async () => {
    const out = el('div', { class: 'scroll' });
    const hours = labelledNumber('materialize-hours', 'Hours to write back', 168, { min: '1', max: '8760', step: '1' });
    const button = el('button', { type: 'button', id: 'materialize' }, 'Write results back into the file');
    const result = el('p', { class: 'note', role: 'status', id: 'materialize-result' });
    const draw = async () => {
      const snapshot = await ctx.analytics.skillTables.getSkillSnapshot({});
      if (!ctx.isCurrent()) return;
      out.replaceChildren(
        el(
          'p',
          { class: 'summary-line', 'data-field': 'cache-disagreements' },
          snapshot.cacheTable
            ? `skill_metrics_cache disagrees for ${snapshot.cacheDisagreements} of ${snapshot.skills.length} skills (as of ${formatUtc(snapshot.asOf, true)}).`
            : 'The file has no skill_metrics_cache table (session-buddy before migration V4).',
        ),
        snapshot.skills.length ? snapshotTable(snapshot) : el('p', {}, 'No invocations.'),
      );
    };
    button.addEventListener('click', async () => {
      button.disabled = true;
      result.textContent = 'Writing…';
      try {
        const s = await ctx.analytics.skillTables.materialize({ hours: Math.max(1, Math.round(Number(hours.input.value) || 24)) });
        result.textContent = `Wrote hours ${formatUtc(s.fromHour)} to ${formatUtc(s.toHour)}: skill_time_series ${s.skillTimeSeries.rows} rows, skill_metrics_cache ${s.skillMetricsCache.rows} rows, skill_anomalies ${s.skillAnomalies.rows} rows. Use “Export database” to download the file for session-buddy.`;
        ctx.wrote();
        await draw();
      } catch (e) {
        panelError(result, e, 'Could not write the results back');
      } finally {
        button.disabled = false;
      }
    });
    const writeBack = el('div', { class: 'toolbar controls' }, hours.wrap, button);
    body.replaceChildren(
      out,
      el('h3', {}, 'Write results back for session-buddy'),
      el(
        'p',
        { class: 'note' },
        'Fills skill_time_series (hourly rows), skill_metrics_cache (fresh counts) and skill_anomalies in this copy of the file; running it twice changes nothing more.',
      ),
      writeBack,
      result,
    );
    try {
      await draw();
    } catch (e) {
      panelError(out, e, 'Could not compute the snapshot');
    }
  })();
  return { section, ready };
}
