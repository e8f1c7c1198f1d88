/**
 * The success predictor: train (model, features, with progress), the holdout evaluation with 95 %
 * intervals against two baselines, the calibration (binned table, CORP reliability before/after,
 * Brier decomposition), feature importance, and the what-if form. Once trained, a time selection (the
 * hourly chart's brush) shows the model's scores on the selected hours (`scoreOverTime`).
 */
import { FEATURES } from '../../predictive/features-sql.js';
import type { DriftReport, FeatureSet, HoldoutMetrics, Interval, MetricDifference, ModelChoice, TrainingReport } from '../../predictive/types.js';
import { dataTable, el, formatError, labelledSelect } from '../dom.js';
import { formatCount, formatNumber, formatPercent, formatSigned, formatUtc } from '../format.js';
import { selectionText, selectionWindow, type Selection } from '../selection.js';
import { panelError, panelSection, type Panel, type PanelContext } from './context.js';
import { calibrationChart, importanceChart, reliabilityChart } from './predictor-charts.js';
import { whatIfForm } from './what-if.js';

const DESCRIPTIONS: Record<string, string> = {
  ...Object.fromEntries(FEATURES.map((f) => [f.name, f.description])),
  skill_rate_prior: 'the skill itself (its smoothed completion rate in the training rows)',
};

const interval = (i: Interval | null | undefined, digits: number) => (i ? ` [${formatNumber(i[0], digits)}, ${formatNumber(i[1], digits)}]` : '');
const MODEL_NAMES: Record<string, string> = { forest: 'Random forest', boosted: 'Boosted trees', blend: 'Forest + boosted trees (mean)' };

interface Row {
  key: string;
  label: string;
  m: HoldoutMetrics;
}

/** Model vs baselines on the holdout: lower Brier / log loss and higher AUC are better. */
function evaluationTable(r: TrainingReport): HTMLTableElement {
  const rows: Row[] = [
    { key: 'model', label: `${MODEL_NAMES[r.model.kind]}${r.model.features === 'seed+skill' ? ' + skill' : ''} (this model, before calibration)`, m: r.evaluation },
    {
      key: 'calibrated',
      label: `Same model fitted on 64 %, ${r.calibration.method === 'none' ? 'uncalibrated' : `${r.calibration.method}-calibrated on the next 16 %`}`,
      m: r.calibration.after.metrics,
    },
    { key: 'per-skill-prior', label: 'Baseline: each skill’s past completion rate', m: r.baselines.perSkillPrior },
    { key: 'train-rate', label: 'Baseline: overall past completion rate', m: r.baselines.trainRate },
  ];
  return dataTable(
    rows,
    [
      { key: 'predictor', label: 'Predictor', value: (x) => x.label },
      { key: 'auc', label: 'ROC AUC ↑ [95 % CI]', value: (x) => x.m.rocAuc, text: (x) => `${formatNumber(x.m.rocAuc, 3)}${interval(x.m.intervals?.rocAuc, 3)}`, numeric: true },
      { key: 'brier', label: 'Brier ↓ [95 % CI]', value: (x) => x.m.brier, text: (x) => `${formatNumber(x.m.brier, 4)}${interval(x.m.intervals?.brier, 4)}`, numeric: true },
      {
        key: 'log-loss',
        label: 'Log loss ↓ [95 % CI]',
        value: (x) => x.m.logLoss,
        text: (x) => `${formatNumber(x.m.logLoss, 4)}${interval(x.m.intervals?.logLoss, 4)}`,
        numeric: true,
      },
    ],
    {
      rowKey: (x) => x.key,
      caption: `Holdout: the last ${formatCount(r.testRows)} invocations (from ${formatUtc(r.split.time)}), never seen in training. Intervals: DeLong (AUC), bootstrap (Brier, log loss).`,
    },
  );
}

/** The model minus each baseline, with 95 % intervals. */
function differenceTable(r: TrainingReport): HTMLTableElement {
  const rows: { key: string; label: string; d: MetricDifference }[] = [
    { key: 'per-skill-prior', label: 'vs each skill’s past completion rate', d: r.versusBaselines.perSkillPrior },
    { key: 'train-rate', label: 'vs overall past completion rate', d: r.versusBaselines.trainRate },
  ];
  return dataTable(
    rows,
    [
      { key: 'versus', label: 'Model minus baseline', value: (x) => x.label },
      {
        key: 'auc',
        label: 'AUC difference ↑',
        value: (x) => x.d.rocAuc?.estimate ?? null,
        text: (x) => (x.d.rocAuc ? `${formatSigned(x.d.rocAuc.estimate, 3)}${interval(x.d.rocAuc.interval, 3)}` : '–'),
        numeric: true,
      },
      {
        key: 'brier',
        label: 'Brier difference ↓',
        value: (x) => x.d.brier.estimate,
        text: (x) => `${formatSigned(x.d.brier.estimate, 4)}${interval(x.d.brier.interval, 4)}`,
        numeric: true,
      },
      {
        key: 'log-loss',
        label: 'Log-loss difference ↓',
        value: (x) => x.d.logLoss.estimate,
        text: (x) => `${formatSigned(x.d.logLoss.estimate, 4)}${interval(x.d.logLoss.interval, 4)}`,
        numeric: true,
      },
    ],
    { rowKey: (x) => x.key, caption: 'An interval that excludes 0 is a difference the holdout can tell apart from chance.', className: 'difference-table' },
  );
}

function selectionNote(r: TrainingReport): HTMLElement | null {
  const s = r.selection;
  if (!s) return null;
  const name = (c: { kind: string; features: string }) => `${c.kind}/${c.features}`;
  const parts = s.candidates.map((c) =>
    c.minusIncumbent
      ? `${name(c)} Brier ${c.metrics.brier.toFixed(4)}, AUC ${c.metrics.rocAuc?.toFixed(3) ?? '–'} (minus incumbent ${formatSigned(c.minusIncumbent.brier.estimate, 4)}${interval(c.minusIncumbent.brier.interval, 4)})`
      : `${name(c)} (incumbent) Brier ${c.metrics.brier.toFixed(4)}, AUC ${c.metrics.rocAuc?.toFixed(3) ?? '–'}`,
  );
  return el(
    'p',
    { class: 'note', 'data-field': 'model-selection' },
    `Model choice (auto): on the ${formatCount(s.rows)} invocations after the first 64 %: ${parts.join('; ')}. Chosen: ${name(s.chosen)} (another candidate replaces the incumbent only when its Brier is lower by more than its 95 % interval).`,
  );
}

function predictionSetNote(r: TrainingReport): HTMLElement | null {
  const c = r.conformal;
  if (!c) return null;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return el(
    'p',
    { class: 'note', 'data-field': 'prediction-sets' },
    `Prediction sets (${Math.round(c.level * 100)} % split-conformal): each prediction names the outcomes it cannot rule out. Checked one step back, ${pct(c.evaluated.coverage)} of holdout outcomes fell in their set (nominal ${pct(c.level)}); sets: ${pct(c.evaluated.sizes.completed)} {completed}, ${pct(c.evaluated.sizes.notCompleted)} {not completed}, ${pct(c.evaluated.sizes.both)} both. The guarantee is over predictions, not for each one.`,
  );
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
  return el(
    'div',
    { class: 'training-report', 'data-field': 'training-report' },
    el(
      'p',
      { class: 'summary-line' },
      `Trained on ${formatCount(r.trainRows)} invocations of the last ${r.window.days} days, evaluated on the next ${formatCount(r.testRows)}, in ${r.seconds.toFixed(1)} s. Completion rate ${formatPercent(r.successRate)}. The model in use was ${r.servedModel}.`,
    ),
    el('p', { class: 'decision', 'data-field': 'predictor-verdict' }, verdict(r)),
    selectionNote(r),
    predictionSetNote(r),
    el('div', { class: 'scroll' }, evaluationTable(r)),
    el('div', { class: 'scroll' }, differenceTable(r)),
    el('div', { class: 'metrics-grid' }, reliabilityChart(r.calibration.before, r.calibration.after, r.calibration.method), calibrationChart(r.evaluation.calibration)),
    el('div', { class: 'metrics-grid' }, importanceChart(r.featureImportance, DESCRIPTIONS)),
  );
}

/** The model's scores on the selected hours: totals (in `data-*`) and one row per UTC day. */
function selectionScores(selection: Selection, r: DriftReport): HTMLElement {
  let n = 0;
  let positive = 0;
  let predicted = 0;
  for (const p of r.periods) {
    n += p.n;
    positive += p.positiveRate * p.n;
    predicted += p.meanPredicted * p.n;
  }
  const observed = n ? positive / n : null;
  const mean = n ? predicted / n : null;
  return el(
    'div',
    {},
    el(
      'p',
      {
        class: 'summary-line',
        'data-field': 'predictor-selection',
        'data-n': String(n),
        'data-observed': observed === null ? 'null' : String(observed),
        'data-mean-predicted': mean === null ? 'null' : String(mean),
      },
      `Scores on the selected hours, ${selectionText(selection)}: ${formatCount(n)} invocation${n === 1 ? '' : 's'}, predicted completion ${formatPercent(mean)} on average, observed ${formatPercent(observed)}.`,
    ),
    r.periods.length
      ? el(
          'div',
          { class: 'scroll' },
          dataTable(
            r.periods,
            [
              { key: 'day', label: 'Day (UTC)', value: (p) => p.start.slice(0, 10) },
              { key: 'n', label: 'Invocations', value: (p) => p.n, numeric: true },
              { key: 'predicted', label: 'Mean predicted', value: (p) => p.meanPredicted, text: (p) => formatPercent(p.meanPredicted), numeric: true },
              { key: 'observed', label: 'Observed', value: (p) => p.positiveRate, text: (p) => formatPercent(p.positiveRate), numeric: true },
              { key: 'auc', label: 'ROC AUC', value: (p) => p.rocAuc, text: (p) => formatNumber(p.rocAuc, 3), numeric: true },
              { key: 'brier', label: 'Brier', value: (p) => p.brier, text: (p) => formatNumber(p.brier, 4), numeric: true },
              { key: 'after', label: 'After training', value: (p) => (p.afterTraining ? 'yes' : 'no') },
            ],
            { rowKey: (p) => p.start, className: 'selection-scores', caption: 'The served model on each day of the selection (rows the training used score better).' },
          ),
        )
      : null,
  );
}

/** Skills with invocations in the last 30 days, most used first. */
async function recentSkills(ctx: PanelContext): Promise<string[]> {
  const rows = await ctx.analytics.timeSeries.aggregateHourlyMetrics({ hours: 24 * 30 });
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.skillName, (counts.get(r.skillName) ?? 0) + r.invocationCount);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([s]) => s);
}

/**
 * The predictor panel (trains only when asked: training takes seconds to minutes on big files).
 * @param ctx the panel context
 * @param onTrained called with each finished training's report (the headline shows its calibration)
 * @returns the panel
 */
export function predictorPanel(ctx: PanelContext, onTrained: (report: TrainingReport) => void = () => {}): Panel {
  const { section, body } = panelSection(
    'predictor',
    'Success predictor',
    'Boosted trees (with the skill and workflow phase as categories), a random forest or the mean of the two, whichever predicts better on a validation slice, learn from the invocations of the last days whether an invocation will complete, from what was known just before it (hour, weekday, the skill’s last 24 h, workflow phase, session length and familiarity). It is trained in this browser when you ask.',
  );
  const days = labelledSelect(
    'train-days',
    'Train on the last',
    [7, 14, 30, 60].map((d) => ({ value: String(d), text: `${d} days` })),
    '30',
  );
  const model = labelledSelect(
    'train-model',
    'Model',
    [
      { value: 'auto', text: 'auto: chosen on the validation slice (default)' },
      { value: 'forest', text: 'random forest' },
      { value: 'boosted', text: 'boosted trees' },
      { value: 'blend', text: 'forest + boosted trees (mean)' },
    ],
    'auto',
  );
  const features = labelledSelect(
    'train-features',
    'Features',
    [
      { value: 'default', text: 'default (auto: boosted with categories, forest or their mean; else the 7 features)' },
      { value: 'seed', text: 'the 7 features' },
      { value: 'seed+skill', text: '7 features + the skill as a rate' },
      { value: 'categories', text: '7 features + skill and phase as categories (boosted)' },
    ],
    'default',
  );
  const button = el('button', { type: 'button', id: 'train', class: 'primary' }, 'Train the model');
  const bar = el('progress', { id: 'train-progress', 'aria-label': 'Training progress', hidden: '' });
  const status = el('span', { class: 'note', role: 'status', id: 'train-status' });
  const out = el('div', { class: 'predictor-out' });
  const whatIf = el('div', {});
  const scores = el('div', { class: 'predictor-selection', 'aria-live': 'polite' });
  let trained = false;
  let seq = 0;
  const drawScores = async () => {
    const mine = ++seq;
    const selection = ctx.selection();
    if (!trained || !selection) {
      scores.replaceChildren(...(selection ? [el('p', { class: 'note' }, 'Train the model to see its scores on the selected hours.')] : []));
      return;
    }
    const w = selectionWindow(selection);
    scores.setAttribute('aria-busy', 'true');
    try {
      const r = await ctx.analytics.predictor.scoreOverTime({ from: w.from, to: w.to, period: 'day', intervals: false });
      if (mine === seq && ctx.isCurrent()) scores.replaceChildren(selectionScores(selection, r));
    } catch (e) {
      if (mine === seq) panelError(scores, e, 'Could not score the selected hours');
    } finally {
      if (mine === seq) scores.removeAttribute('aria-busy');
    }
  };
  ctx.onSelection('predictor', drawScores);
  body.replaceChildren(el('div', { class: 'toolbar controls' }, days.wrap, model.wrap, features.wrap, button, bar, status), scores, out, whatIf);
  button.addEventListener('click', async () => {
    button.disabled = true;
    bar.hidden = false;
    bar.removeAttribute('value');
    section.setAttribute('data-state', 'training');
    try {
      const report = await ctx.analytics.predictor.trainModel({
        days: Number(days.select.value),
        model: model.select.value as ModelChoice,
        features: features.select.value === 'default' ? undefined : (features.select.value as FeatureSet),
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
      trained = true;
      await drawScores();
      section.setAttribute('data-state', 'trained');
      onTrained(report);
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
  return { section, ready: drawScores() };
}
