/**
 * One block per A/B test stored in the file: group metrics, the lift with its confidence
 * intervals, every p-value (Student as session-buddy, Welch, user-level, sequential), the chance
 * to win, the sample-ratio check and the recommended decision; then what goes beyond the usual
 * engines (variance reduction, always-valid intervals, goals and guardrails, duration quantiles,
 * the sequential sample-ratio check, and an on-demand A/A replay on the file); then the planner.
 */
import type { ABTestAnalysis, Interval } from '../../ab-testing/analysis-types.js';
import type { ABTestSummary } from '../../ab-testing/test-records.js';
import { chartFigure, Plot } from '../charts.js';
import { dataTable, el, formatError, tableAlternative } from '../dom.js';
import { DECISION_TEXT, formatCount, formatP, formatPercent, formatPoints, formatSeconds, formatSigned, formatNumber } from '../format.js';
import { ranDuring, selectionText } from '../selection.js';
import { plannerForm } from './ab-planner.js';
import { ratioSegmentsBlock } from './ab-ratio-segments.js';
import type { AnalysedTest } from './at-a-glance.js';
import { panelError, panelSection, type Panel, type PanelContext } from './context.js';

interface LiftRow {
  analysis: string;
  scale: string;
  iv: Interval;
}

function liftRows(a: ABTestAnalysis): LiftRow[] {
  return [
    { analysis: 'per outcome', scale: 'difference (pp)', iv: a.outcomeLevel.difference },
    { analysis: 'per user', scale: 'difference (pp)', iv: a.userLevel.difference },
    { analysis: 'per outcome', scale: 'relative lift (%)', iv: a.outcomeLevel.relativeLift },
    { analysis: 'per user', scale: 'relative lift (%)', iv: a.userLevel.relativeLift },
  ];
}

function liftChart(a: ABTestAnalysis): HTMLElement {
  const rows = liftRows(a)
    .filter((r) => r.iv.estimate !== null)
    .map((r) => ({
      label: `${r.scale.startsWith('difference') ? 'difference' : 'lift'}, ${r.analysis}`,
      e: r.iv.estimate! * 100,
      lo: (r.iv.ciLow ?? r.iv.estimate!) * 100,
      hi: (r.iv.ciHigh ?? r.iv.estimate!) * 100,
    }));
  const level = formatPercent(a.outcomeLevel.difference.confidenceLevel, 0);
  const chart = Plot.plot({
    width: 480,
    height: 190,
    marginLeft: 140,
    marginRight: 40,
    x: { label: 'treatment − control (pp; lift in %)', grid: true },
    y: { label: null, domain: rows.map((r) => r.label) },
    marks: [
      Plot.ruleX([0], { stroke: '#57606a' }),
      Plot.ruleY(rows, { y: 'label', x1: 'lo', x2: 'hi', stroke: '#0969da', strokeWidth: 3 }),
      Plot.dot(rows, { y: 'label', x: 'e', r: 5, fill: '#0969da' }),
      Plot.text(rows, { y: 'label', x: 'e', text: (d: { e: number }) => d.e.toFixed(1), dy: -11, fill: '#1b1f24' }),
    ],
  });
  const table = dataTable(
    liftRows(a),
    [
      { key: 'scale', label: 'Scale', value: (r) => r.scale },
      { key: 'analysis', label: 'Analysis', value: (r) => r.analysis },
      { key: 'estimate', label: 'Estimate', value: (r) => r.iv.estimate, text: (r) => formatPercent(r.iv.estimate), numeric: true },
      { key: 'ci-low', label: 'CI low', value: (r) => r.iv.ciLow, text: (r) => formatPercent(r.iv.ciLow), numeric: true },
      { key: 'ci-high', label: 'CI high', value: (r) => r.iv.ciHigh, text: (r) => formatPercent(r.iv.ciHigh), numeric: true },
    ],
    { rowKey: (r) => `${r.scale}|${r.analysis}` },
  );
  return chartFigure(
    chart,
    `Effect of the treatment on completion with ${level} confidence intervals; an interval that crosses 0 is not significant.`,
    tableAlternative('Lift as a table', table),
    { 'data-chart': 'lift' },
  );
}

function groupTable(a: ABTestAnalysis): HTMLTableElement {
  const g = [
    { group: 'control', m: a.controlMetrics, users: a.userLevel.controlUsers, assigned: a.sampleRatio.controlUsers },
    { group: 'treatment', m: a.treatmentMetrics, users: a.userLevel.treatmentUsers, assigned: a.sampleRatio.treatmentUsers },
  ];
  return dataTable(
    g,
    [
      { key: 'group', label: 'Group', value: (r) => r.group },
      { key: 'assigned', label: 'Users assigned', value: (r) => r.assigned, text: (r) => formatCount(r.assigned), numeric: true },
      { key: 'outcomes', label: 'Outcomes', value: (r) => r.m.sampleSize, text: (r) => formatCount(r.m.sampleSize), numeric: true },
      { key: 'completion-rate', label: 'Completion rate', value: (r) => r.m.completionRate, text: (r) => formatPercent(r.m.completionRate), numeric: true },
      { key: 'avg-duration', label: 'Avg duration', value: (r) => r.m.avgDurationSeconds, text: (r) => formatSeconds(r.m.avgDurationSeconds), numeric: true },
      { key: 'avg-rating', label: 'Avg rating', value: (r) => r.m.avgUserRating, text: (r) => formatNumber(r.m.avgUserRating, 2), numeric: true },
    ],
    { rowKey: (r) => r.group, caption: 'Group metrics' },
  );
}

function pValueTable(a: ABTestAnalysis): HTMLTableElement {
  const rows = [
    { key: 'student', test: 'Student t, per outcome (session-buddy’s p)', p: a.outcomeLevel.student.pValue },
    { key: 'welch', test: 'Welch t, per outcome', p: a.outcomeLevel.welch.pValue },
    { key: 'user-level', test: 'Welch t, per user (users are what was randomised)', p: a.userLevel.welch.pValue },
    { key: 'sequential', test: `Sequential mSPRT, always valid (${a.sequential.looks} daily looks)`, p: a.sequential.pValue },
  ];
  return dataTable(
    rows,
    [
      { key: 'test', label: 'Test', value: (r) => r.test },
      { key: 'p', label: 'p-value', value: (r) => r.p, text: (r) => formatP(r.p), numeric: true },
    ],
    { rowKey: (r) => r.key, caption: 'p-values (two-sided)' },
  );
}

const ivText = (i: Interval, f: (v: number | null) => string): string => `${f(i.estimate)} [${f(i.ciLow)}, ${f(i.ciHigh)}]`;

/** Variance reduction: adjusted difference and lift, CI width before/after, the method. */
function varianceBlock(a: ABTestAnalysis): HTMLElement {
  const v = a.varianceReduction;
  return el(
    'div',
    { 'data-block': 'variance-reduction' },
    el('h4', {}, 'Variance reduction (pre-assignment information only)'),
    el(
      'dl',
      { class: 'summary compact' },
      el('dt', {}, 'Variance removed'),
      el('dd', { 'data-field': 'variance-reduction', 'data-value': String(v.varianceReduction) }, v.adjusted ? formatPercent(v.varianceReduction) : 'not adjusted'),
      el('dt', {}, 'Adjusted difference'),
      el(
        'dd',
        { 'data-field': 'adjusted-difference' },
        ivText(v.difference, (x) => formatPoints(x)),
      ),
      el('dt', {}, 'Adjusted lift'),
      el(
        'dd',
        { 'data-field': 'adjusted-lift' },
        ivText(v.relativeLift, (x) => formatPercent(x)),
      ),
      el('dt', {}, 'CI width before → after'),
      el('dd', { 'data-field': 'ci-width' }, `${formatPoints(v.ciWidthBefore)} → ${formatPoints(v.ciWidthAfter)}`),
    ),
    el('p', { class: 'note', 'data-field': 'variance-method' }, v.method),
  );
}

function alwaysValidTable(a: ABTestAnalysis): HTMLTableElement {
  const diff = (metric: string, x: number | null) => (metric === 'completion_rate' ? formatPoints(x) : formatSigned(x, metric === 'avg_duration_seconds' ? 2 : 3));
  return dataTable(
    a.alwaysValid.metrics,
    [
      { key: 'metric', label: 'Metric', value: (m) => m.metric },
      { key: 'p', label: 'Always-valid p', value: (m) => m.pValue, text: (m) => formatP(m.pValue), numeric: true },
      {
        key: 'difference',
        label: 'Difference [confidence sequence]',
        value: (m) => m.difference.estimate,
        text: (m) => ivText(m.difference, (x) => diff(m.metric, x)),
        numeric: true,
      },
      { key: 'lift', label: 'Lift [confidence sequence]', value: (m) => m.relativeLift.estimate, text: (m) => ivText(m.relativeLift, (x) => formatPercent(x)), numeric: true },
    ],
    {
      rowKey: (m) => m.metric,
      caption: `Always-valid ${formatPercent(a.alwaysValid.metrics[0]?.difference.confidenceLevel ?? 0.95, 0)} intervals: they stay valid however often the test is looked at`,
    },
  );
}

function rulesTable(a: ABTestAnalysis): HTMLTableElement {
  const r = a.decisionRule;
  const rows = [
    ...r.goals.map((g) => ({
      key: `goal-${g.metric}`,
      role: 'goal',
      metric: g.metric,
      detail: `p ${formatP(g.pValue)}, ${r.correction === 'bh' ? 'Benjamini-Hochberg' : 'Holm'} p ${formatP(g.adjustedPValue)}`,
      status: g.outcome,
    })),
    ...r.guardrails.map((g) => ({ key: `guardrail-${g.metric}`, role: `guardrail (margin ${formatPercent(g.margin, 0)})`, metric: g.metric, detail: g.reason, status: g.status })),
  ];
  return dataTable(
    rows,
    [
      { key: 'role', label: 'Role', value: (x) => x.role },
      { key: 'metric', label: 'Metric', value: (x) => x.metric },
      { key: 'status', label: 'Result', value: (x) => x.status },
      { key: 'detail', label: 'Why', value: (x) => x.detail },
    ],
    { rowKey: (x) => x.key, caption: `Decision rule: ship only when a goal wins and no guardrail fails (${r.ship ? 'met' : 'not met'})` },
  );
}

function quantileTable(a: ABTestAnalysis): HTMLElement {
  const q = a.durationQuantiles;
  if (!q.available) return el('p', { class: 'note', 'data-field': 'duration-quantiles' }, 'Duration quantiles: not available.');
  return dataTable(
    q.quantiles,
    [
      { key: 'q', label: 'Duration', value: (x) => x.q, text: (x) => (x.q === 0.5 ? 'median' : `p${Math.round(x.q * 100)}`) },
      { key: 'control', label: 'Control', value: (x) => x.controlSeconds, text: (x) => formatSeconds(x.controlSeconds), numeric: true },
      { key: 'treatment', label: 'Treatment', value: (x) => x.treatmentSeconds, text: (x) => formatSeconds(x.treatmentSeconds), numeric: true },
      {
        key: 'difference',
        label: 'Difference [95% bootstrap CI]',
        value: (x) => x.difference.estimate,
        text: (x) => ivText(x.difference, (v) => formatSigned(v, 2)),
        numeric: true,
      },
      { key: 'relative', label: 'Relative [CI]', value: (x) => x.relativeDifference.estimate, text: (x) => ivText(x.relativeDifference, (v) => formatPercent(v)), numeric: true },
    ],
    { rowKey: (x) => String(x.q), caption: 'Duration quantiles (users resampled as a whole)' },
  );
}

/** "Replay on this file": A/A re-splits of the test's users, on demand (takes seconds). */
function replayControl(ctx: PanelContext, t: ABTestSummary): HTMLElement {
  const button = el('button', { type: 'button', class: 'replay-test' }, 'Replay this test on the file (100 A/A re-splits)');
  const out = el('div', { 'data-field': 'replay', 'aria-live': 'polite' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    out.replaceChildren(el('p', { class: 'note' }, 'Replaying…'));
    try {
      const r = await ctx.analytics.abTesting.replay(t.testId, { simulations: 100 });
      out.replaceChildren(
        dataTable(
          r.methods,
          [
            { key: 'method', label: 'Method', value: (m) => m.method },
            { key: 'fpr', label: 'False positives (A/A)', value: (m) => m.falsePositiveRate, text: (m) => formatPercent(m.falsePositiveRate), numeric: true },
            { key: 'power', label: `Power at ${formatPoints(r.plannedEffect)}`, value: (m) => m.power, text: (m) => formatPercent(m.power), numeric: true },
          ],
          {
            rowKey: (m) => m.method,
            caption: `Replay on this file: ${formatCount(r.users)} users, ${r.looks} daily look(s), ${r.simulations} re-splits (Monte Carlo SE ≈ ${formatPercent(r.monteCarloStandardError)})`,
          },
        ),
        el('p', { class: 'note' }, r.method),
      );
    } catch (e) {
      out.replaceChildren(el('p', { class: 'error' }, formatError(e, 'Could not replay the test')));
    } finally {
      button.disabled = false;
    }
  });
  return el('div', { class: 'toolbar' }, button, out);
}

function beyondBlock(ctx: PanelContext, t: ABTestSummary, a: ABTestAnalysis): HTMLElement {
  const s = a.sequentialSampleRatio;
  return el(
    'details',
    { class: 'ab-beyond', 'data-block': 'beyond', open: '' },
    el('summary', {}, 'Variance reduction, always-valid intervals, guardrails, quantiles, replay'),
    varianceBlock(a),
    el('div', { class: 'scroll' }, alwaysValidTable(a)),
    el('div', { class: 'scroll' }, rulesTable(a)),
    el('div', { class: 'scroll' }, quantileTable(a)),
    ratioSegmentsBlock(a),
    el(
      'p',
      { class: s.mismatch ? 'srm-warning' : 'ok', 'data-field': 'sequential-srm' },
      s.available
        ? `Sequential sample-ratio check over ${formatCount(s.looks)} assignments: p ${formatP(s.pValue)}${s.mismatch ? `, mismatch from assignment ${String(s.mismatchAtAssignment)}` : ''}.`
        : 'Sequential sample-ratio check: not available.',
    ),
    replayControl(ctx, t),
  );
}

function testBlock(ctx: PanelContext, t: ABTestSummary, a: ABTestAnalysis): HTMLElement {
  const b = a.bayesian;
  const srm = a.sampleRatio;
  const decision = DECISION_TEXT[a.recommendedDecision];
  return el(
    'article',
    { class: 'ab-test', id: `ab-test-${t.testId}`, 'data-test-id': String(t.testId), 'aria-labelledby': `ab-${t.testId}-h` },
    el(
      'h3',
      { id: `ab-${t.testId}-h`, tabindex: '-1' },
      el('span', { class: 'test-name', 'data-field': 'test-name' }, t.testName),
      el('span', { class: `badge status-${t.status === 'running' ? 'running' : 'other'}` }, t.status),
    ),
    el(
      'p',
      { class: 'note' },
      `control: ${t.controlStrategy} · treatment: ${t.treatmentStrategy} · started ${t.startDate.slice(0, 10)} · ${formatPercent(t.assignmentRatio, 0)} of users to control`,
    ),
    srm.mismatch
      ? el(
          'p',
          { class: 'srm-warning', role: 'alert', 'data-field': 'srm' },
          `Sample ratio mismatch: ${formatCount(srm.controlUsers)} control vs ${formatCount(srm.treatmentUsers)} treatment users where ${formatPercent(srm.expectedControlShare, 0)} control was expected (p ${formatP(srm.pValue)}). The assignment is broken: do not trust the effect below.`,
        )
      : el('p', { class: 'ok', 'data-field': 'srm' }, `Sample ratio as configured (p ${formatP(srm.pValue)}).`),
    el('p', { class: `decision decision-${a.recommendedDecision}`, 'data-field': 'decision' }, el('strong', {}, decision), `. ${a.verdictBasis}`),
    el('div', { class: 'scroll' }, groupTable(a)),
    el(
      'div',
      { class: 'ab-grid' },
      el(
        'div',
        {},
        pValueTable(a),
        el(
          'dl',
          { class: 'summary compact' },
          el('dt', {}, 'Chance treatment beats control'),
          el('dd', { 'data-field': 'chance-to-win', 'data-value': String(b.chanceToBeatControl) }, formatPercent(b.chanceToBeatControl)),
          el('dt', {}, 'Difference (per user)'),
          el('dd', { 'data-field': 'user-difference' }, formatPoints(a.userLevel.difference.estimate)),
          el('dt', {}, 'Detectable now (80% power)'),
          el('dd', { 'data-field': 'mde' }, formatPoints(a.power.minimumDetectableEffect)),
          el('dt', {}, 'session-buddy says'),
          el('dd', { 'data-field': 'upstream-winner' }, `${a.winner} (${a.recommendation})`),
        ),
      ),
      liftChart(a),
    ),
    a.warnings.length ? el('ul', { class: 'warnings', 'aria-label': 'Warnings about this test' }, ...a.warnings.map((w) => el('li', {}, w))) : null,
    beyondBlock(ctx, t, a),
    t.status === 'running' ? stopControl(ctx, t) : null,
  );
}

/** "Stop this test" (a write to the file, saved in this browser), with a confirmation step. */
function stopControl(ctx: PanelContext, t: ABTestSummary): HTMLElement {
  const button = el('button', { type: 'button', class: 'stop-test' }, 'Stop this test…');
  const message = el('span', { class: 'note', role: 'status' });
  let armed = false;
  button.addEventListener('click', async () => {
    if (!armed) {
      armed = true;
      button.textContent = 'Confirm: stop the test (no more assignments or outcomes)';
      return;
    }
    button.disabled = true;
    try {
      const status = await ctx.analytics.abTesting.stopTest(t.testId);
      message.textContent = `Stopped: status ${status.status}, end ${status.endDate ?? ''}. Export the database to keep this change.`;
      button.hidden = true;
      ctx.wrote();
    } catch (e) {
      message.textContent = formatError(e, 'Could not stop the test');
      button.disabled = false;
    }
  });
  return el('div', { class: 'toolbar' }, button, message);
}

/**
 * The A/B panel: every stored test, then the planner.
 * @param ctx the panel context
 * @returns the panel, and `analysed`: each test with its analysis (null when it failed), for the headline
 */
export function abTestsPanel(ctx: PanelContext): Panel & { analysed: Promise<AnalysedTest[]> } {
  const { section, body } = panelSection('ab-tests', 'A/B tests');
  const analysed: AnalysedTest[] = [];
  const ready = (async () => {
    try {
      const tests = await ctx.analytics.abTesting.listTests();
      const blocks: HTMLElement[] = [];
      for (const t of tests) {
        try {
          const analysis = await ctx.analytics.abTesting.analyzeResults(t.testId);
          analysed.push({ test: t, analysis });
          blocks.push(testBlock(ctx, t, analysis));
        } catch (e) {
          analysed.push({ test: t, analysis: null });
          blocks.push(
            el(
              'article',
              { class: 'ab-test', 'data-test-id': String(t.testId) },
              el('h3', {}, t.testName),
              el('p', { class: 'error' }, formatError(e, 'Could not analyse this test')),
            ),
          );
        }
      }
      if (!ctx.isCurrent()) return;
      const during = el('p', { class: 'note', 'data-field': 'ab-selection', hidden: '' });
      // A time selection marks the tests that ran during it; each analysis covers its whole test.
      const mark = async () => {
        const selection = ctx.selection();
        const ran = tests.filter((t) => ranDuring(t, selection));
        blocks.forEach((b, i) => b.toggleAttribute('data-outside-selection', !ranDuring(tests[i], selection)));
        during.hidden = !selection || tests.length === 0;
        during.textContent = selection
          ? `${ran.length} of ${tests.length} test${tests.length === 1 ? '' : 's'} ran during the selected hours, ${selectionText(selection)}${ran.length ? `: ${ran.map((t) => t.testName).join(', ')}` : ''}. Each analysis below covers its whole test; the others are marked with a dashed edge.`
          : '';
      };
      await mark();
      ctx.onSelection('ab-tests', mark);
      body.replaceChildren(
        during,
        ...(tests.length ? blocks : [el('p', { 'data-field': 'no-tests' }, 'This file has no A/B tests (session-buddy stores them in ab_test_configs).')]),
        plannerForm(ctx),
      );
    } catch (e) {
      panelError(body, e, 'Could not read the A/B tests');
    }
  })();
  return { section, ready, analysed: ready.then(() => analysed) };
}
