/**
 * The success predictor: train (with progress), the holdout evaluation against two baselines, a
 * calibration plot, feature importance, and the what-if form.
 */
import { FEATURES } from '../../../src/predictive/features-sql.js';
import type { HoldoutMetrics, TrainingReport } from '../../../src/predictive/types.js';
import { dataTable, el, formatError, labelledSelect } from '../dom.js';
import { formatCount, formatNumber, formatPercent, formatUtc } from '../format.js';
import { panelSection, type Panel, type PanelContext } from './context.js';
import { calibrationChart, importanceChart } from './predictor-charts.js';
import { whatIfForm } from './what-if.js';

const DESCRIPTIONS: Record<string, string> = Object.fromEntries(FEATURES.map((f) => [f.name, f.description]));

interface Row { key: string; label: string; m: HoldoutMetrics }

/** Model vs baselines on the holdout: lower Brier / log loss and higher AUC are better. */
function evaluationTable(r: TrainingReport): HTMLTableElement {
  const rows: Row[] = [
    { key: 'model', label: 'Random forest (this model)', m: r.evaluation },
    { key: 'per-skill-prior', label: 'Baseline: each skill’s past completion rate', m: r.baselines.perSkillPrior },
    { key: 'train-rate', label: 'Baseline: overall past completion rate', m: r.baselines.trainRate },
  ];
  return dataTable(rows, [
    { key: 'predictor', label: 'Predictor', value: (x) => x.label },
    { key: 'auc', label: 'ROC AUC ↑', value: (x) => x.m.rocAuc, text: (x) => formatNumber(x.m.rocAuc, 3), numeric: true },
    { key: 'brier', label: 'Brier ↓', value: (x) => x.m.brier, text: (x) => formatNumber(x.m.brier, 4), numeric: true },
    { key: 'log-loss', label: 'Log loss ↓', value: (x) => x.m.logLoss, text: (x) => formatNumber(x.m.logLoss, 4), numeric: true },
  ], { rowKey: (x) => x.key, caption: `Holdout: the last ${formatCount(r.testRows)} invocations (from ${formatUtc(r.split.time)}), never seen in training` });
}

function verdict(r: TrainingReport): string {
  const e = r.evaluation;
  const b = [r.baselines.perSkillPrior, r.baselines.trainRate];
  const beatsBrier = b.every((x) => e.brier < x.brier);
  const beatsAuc = e.rocAuc !== null && b.every((x) => x.rocAuc === null || e.rocAuc! > x.rocAuc);
  if (beatsBrier && beatsAuc) return 'The model beats both baselines on the holdout (higher AUC, lower Brier score).';
  if (beatsAuc) return 'The model ranks invocations better than both baselines (AUC) but its probabilities are not more accurate (Brier): read them as a ranking.';
  return 'The model does not beat the baselines on this file: its predictions add little over each skill’s past completion rate. More data usually helps.';
}

function reportView(r: TrainingReport): HTMLElement {
  return el('div', { class: 'training-report', 'data-field': 'training-report' },
    el('p', { class: 'summary-line' }, `Trained on ${formatCount(r.trainRows)} invocations of the last ${r.window.days} days, evaluated on the next ${formatCount(r.testRows)}, in ${r.seconds.toFixed(1)} s. Completion rate ${formatPercent(r.successRate)}. The model in use was ${r.servedModel}.`),
    el('p', { class: 'decision', 'data-field': 'predictor-verdict' }, verdict(r)),
    el('div', { class: 'scroll' }, evaluationTable(r)),
    el('div', { class: 'metrics-grid' }, calibrationChart(r.evaluation.calibration), importanceChart(r.featureImportance, DESCRIPTIONS)),
  );
}

/** Skills with invocations in the last 30 days, most used first. */
async function recentSkills(ctx: PanelContext): Promise<string[]> {
  const rows = await ctx.analytics.timeSeries.aggregateHourlyMetrics({ hours: 24 * 30 });
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.skillName, (counts.get(r.skillName) ?? 0) + r.invocationCount);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([s]) => s);
}

/** The predictor panel (trains only when asked: training takes seconds to minutes on big files). */
export function predictorPanel(ctx: PanelContext): Panel {
  const { section, body } = panelSection('predictor', 'Success predictor', 'A random forest learns from the invocations of the last days whether an invocation will complete, from what was known just before it (hour, weekday, the skill’s last 24 h, workflow phase, session length and familiarity). It is trained in this browser when you ask.');
  const days = labelledSelect('train-days', 'Train on the last', [7, 14, 30, 60].map((d) => ({ value: String(d), text: `${d} days` })), '30');
  const button = el('button', { type: 'button', id: 'train', class: 'primary' }, 'Train the model');
  const bar = el('progress', { id: 'train-progress', 'aria-label': 'Training progress', hidden: '' });
  const status = el('span', { class: 'note', role: 'status', id: 'train-status' });
  const out = el('div', { class: 'predictor-out' });
  const whatIf = el('div', {});
  body.replaceChildren(el('div', { class: 'toolbar controls' }, days.wrap, button, bar, status), out, whatIf);
  button.addEventListener('click', async () => {
    button.disabled = true;
    bar.hidden = false;
    bar.removeAttribute('value');
    section.setAttribute('data-state', 'training');
    try {
      const report = await ctx.analytics.predictor.trainModel({
        days: Number(days.select.value),
        onProgress: (p) => {
          const text = `${p.phase}${p.total > 1 ? ` ${p.done}/${p.total}` : ''}${p.message ? `: ${p.message}` : ''}`;
          status.textContent = text;
          if (p.total > 1) {
            bar.max = p.total;
            bar.value = p.done;
          }
          ctx.progress(`Training the predictor: ${text}`, p.done, p.total);
        },
      });
      if (!ctx.isCurrent()) return;
      out.replaceChildren(reportView(report));
      if (!whatIf.firstChild) whatIf.replaceChildren(whatIfForm(ctx, await recentSkills(ctx)));
      status.textContent = `Trained in ${report.seconds.toFixed(1)} s.`;
      ctx.idle(`The predictor is trained (${report.seconds.toFixed(1)} s).`);
      section.setAttribute('data-state', 'trained');
    } catch (e) {
      status.textContent = '';
      out.replaceChildren(el('p', { class: 'error', role: 'alert' }, formatError(e, 'Could not train the model')));
      ctx.idle('Training failed (see the predictor panel).');
      section.setAttribute('data-state', 'error');
    } finally {
      button.disabled = false;
      button.textContent = 'Train again';
      bar.hidden = true;
    }
  });
  return { section, ready: Promise.resolve() };
}
