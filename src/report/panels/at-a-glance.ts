/**
 * At a glance: what needs attention in the open file, first, each item with the number that earned
 * it and a link to its detail (a shareable view URL). Skills whose completion rate declines
 * (trend p < 0.05, last 7 days) or changed level in the last 7 days, anomalous hours in the last
 * 24 hours (session-buddy's z-score rule at |z| ≥ 3), A/B tests ready to decide or with a sample-ratio
 * mismatch, the predictor's calibration once trained, and the file's warnings. With a time selection
 * (the hourly chart's brush) the same rules judge the selection instead: trend over its days, level
 * changes inside it, unusual hours among its hours, A/B tests that ran during it.
 */
import type { ABTestAnalysis } from '../../ab-testing/analysis-types.js';
import type { ABTestSummary } from '../../ab-testing/test-records.js';
import type { TrainingReport } from '../../predictive/types.js';
import { el } from '../dom.js';
import { DECISION_TEXT, formatMetric, formatNumber, formatP, formatPercent, formatPoints, formatSigned, formatUtc } from '../format.js';
import { ranDuring, selectionText, selectionWindow, type Selection } from '../selection.js';
import { readView, viewHref, type ViewState } from '../view-state.js';
import { panelError, panelSection, type Panel, type PanelContext } from './context.js';

/** Trends and changes are judged on this metric (the report's default). */
export const GLANCE_METRIC = 'completion_rate';
/** Window of the trend test (days), as the trends panel's default. */
export const GLANCE_TREND_DAYS = 7;
/** A level change counts as recent within this many days of the file's end. */
export const GLANCE_RECENT_CHANGE_DAYS = 7;
/** Anomalous hours are looked for in this many last hours. */
export const GLANCE_ANOMALY_HOURS = 24;
/** How the last hours are scored: the causal anomaly score (docs/anomalies.md), not session-buddy's z against the day. */
export const GLANCE_ANOMALY_METHOD = 'score';
/**
 * An hour is flagged here when its anomaly score is at least Φ(3) = 0.99865 (z ≥ 3: a tail
 * probability of 0.13 % against the skill's own last 28 days); the hourly chart, opened by the
 * link, circles those ≥ Φ(2).
 */
export const GLANCE_ANOMALY_Z = 3;

/** One stored A/B test with its analysis (from the A/B panel, computed once). */
export interface AnalysedTest {
  test: ABTestSummary;
  analysis: ABTestAnalysis | null;
}

/** One line of the headline. */
export interface GlanceItem {
  /** decline | change | anomalies | ab-decide | ab-srm | calibration | warning */
  kind: string;
  /** What it is about (skill name, test id, warning code). */
  subject: string;
  /** The number that earned the item (p-value, level after, count, ECE …), in `data-value`. */
  value: number | null;
  text: string;
  view: ViewState;
}

function itemNode(item: GlanceItem, base: string): HTMLElement {
  // The link keeps the page's time selection and file.
  const { from, to, file } = readView(base);
  const view: ViewState = { ...(from && to ? { from, to } : {}), ...(file ? { file } : {}), ...item.view };
  return el(
    'li',
    { 'data-kind': item.kind, 'data-subject': item.subject, 'data-value': item.value === null ? 'null' : String(item.value) },
    el('a', { href: viewHref(base, view), class: 'glance-link', 'data-view': '' }, item.text),
  );
}

/** The windows the skill rules judge: the file's last days, or the selection. */
interface GlanceWindows {
  asOf?: string;
  trendDays: number;
  anomalyHours: number;
  /** Level changes from here (epoch ms) count. */
  changesSince: number;
  /** How the texts name the window. */
  trendText: string;
  anomalyText: string;
}

function glanceWindows(ctx: PanelContext, selection: Selection | null): GlanceWindows {
  if (selection) {
    const w = selectionWindow(selection);
    return { asOf: w.asOf, trendDays: w.days, anomalyHours: w.hours, changesSince: selection.fromMs, trendText: 'the selection', anomalyText: 'the selection' };
  }
  const end = ctx.info.asOf ? Date.parse(ctx.info.asOf) : Number.NaN;
  return {
    trendDays: GLANCE_TREND_DAYS,
    anomalyHours: GLANCE_ANOMALY_HOURS,
    changesSince: end - GLANCE_RECENT_CHANGE_DAYS * 86_400_000,
    trendText: `${GLANCE_TREND_DAYS} days`,
    anomalyText: `the last ${GLANCE_ANOMALY_HOURS} h`,
  };
}

/** Items about skills: significant declines, recent level changes, anomalous hours of the last day. */
export async function skillItems(ctx: PanelContext, selection: Selection | null = null): Promise<GlanceItem[]> {
  const ts = ctx.analytics.timeSeries;
  const metric = GLANCE_METRIC;
  const w = glanceWindows(ctx, selection);
  const asOf = w.asOf === undefined ? {} : { asOf: w.asOf };
  const [trends, changes, unusual] = await Promise.all([
    ts.getMultiSkillTrends({ metric, windowDays: w.trendDays, minInvocations: 10, ...asOf }),
    ts.detectChangepoints(undefined, { metric, days: 30, minInvocations: 10, ...asOf }),
    ts.getMultiSkillAnomalies({ metric, windowHours: w.anomalyHours, zThreshold: GLANCE_ANOMALY_Z, method: GLANCE_ANOMALY_METHOD, ...asOf }),
  ]);
  const items: GlanceItem[] = [];
  for (const t of Object.values(trends)) {
    if (t.trend !== 'declining') continue;
    items.push({
      kind: 'decline',
      subject: t.skillName,
      value: t.pValue,
      text: `${t.skillName}: completion rate declining over ${w.trendText}, ${formatPercent(t.startValue)} → ${formatPercent(t.endValue)} (slope ${formatSigned(t.slope, 4)} per day, p ${formatP(t.pValue)})`,
      view: { skill: t.skillName, metric, window: '168', section: 'trends' },
    });
  }
  const since = w.changesSince;
  const latest = new Map<string, (typeof changes.changepoints)[number]>();
  for (const c of changes.changepoints) if (Date.parse(c.timestamp) >= since) latest.set(c.skillName, c);
  for (const c of latest.values()) {
    items.push({
      kind: 'change',
      subject: c.skillName,
      value: c.after,
      text: `${c.skillName}: completion rate changed level on ${c.timestamp.slice(0, 10)}, ${formatMetric(metric, c.before)} → ${formatMetric(metric, c.after)} (z ${formatNumber(c.zScore, 1)})${c.nearbyAbEvents.length ? `, near A/B ${c.nearbyAbEvents.map((e) => `${e.testName} ${e.event}`).join(', ')}` : ''}`,
      view: { skill: c.skillName, metric, window: '336', section: 'hourly' },
    });
  }
  for (const skill of Object.keys(unusual).sort()) {
    const anomalies = unusual[skill];
    if (anomalies.length === 0) continue;
    const worst = anomalies.reduce((a, b) => (Math.abs(b.zScore) > Math.abs(a.zScore) ? b : a));
    items.push({
      kind: 'anomalies',
      subject: skill,
      value: anomalies.length,
      text: `${skill}: ${anomalies.length} hour${anomalies.length === 1 ? '' : 's'} in ${w.anomalyText} where the completion rate is more unusual than 99.87 % of the skill’s past 28 days, the strongest ${formatUtc(worst.timestamp)} (${worst.deviationType}, ${formatPercent(worst.value)}, z ${formatNumber(worst.zScore, 2)})`,
      view: { skill, metric, window: String(selection ? 336 : GLANCE_ANOMALY_HOURS), method: GLANCE_ANOMALY_METHOD, section: 'hourly' },
    });
  }
  return items;
}

/** Items about A/B tests: a decision to make, a broken split (with a selection: tests that ran during it). */
export function abItems(tests: AnalysedTest[], selection: Selection | null = null): GlanceItem[] {
  const items: GlanceItem[] = [];
  for (const { test, analysis: a } of tests) {
    if (!a || !ranDuring(test, selection)) continue;
    const view: ViewState = { test: String(test.testId), section: 'ab-tests' };
    if (a.sampleRatio.mismatch)
      items.push({
        kind: 'ab-srm',
        subject: String(test.testId),
        value: a.sampleRatio.pValue,
        text: `${test.testName}: sample ratio mismatch, ${a.sampleRatio.controlUsers} control vs ${a.sampleRatio.treatmentUsers} treatment users (p ${formatP(a.sampleRatio.pValue)}): do not trust its effect`,
        view,
      });
    if (a.recommendedDecision === 'ship_treatment' || a.recommendedDecision === 'keep_control') {
      const d = a.userLevel.difference;
      items.push({
        kind: 'ab-decide',
        subject: String(test.testId),
        value: d.estimate,
        text: `${test.testName}: ready to decide, ${DECISION_TEXT[a.recommendedDecision].toLowerCase()} (difference per user ${formatPoints(d.estimate)}, 95 % CI ${formatPoints(d.ciLow)} to ${formatPoints(d.ciHigh)})`,
        view,
      });
    }
  }
  return items;
}

/** The predictor's calibration, once trained in the page. */
export function calibrationItem(r: TrainingReport): GlanceItem {
  const c = r.calibration;
  return {
    kind: 'calibration',
    subject: 'predictor',
    value: c.after.ece,
    text: `Predictor trained: expected calibration error ${formatNumber(c.after.ece, 3)} on the holdout after ${c.method} calibration (before: ${formatNumber(c.before.ece, 3)}), AUC ${formatNumber(r.evaluation.rocAuc, 3)}`,
    view: { section: 'predictor' },
  };
}

/** Items for the file's warnings. */
export function warningItems(ctx: PanelContext): GlanceItem[] {
  return ctx.info.warnings.map((w) => ({
    kind: 'warning',
    subject: w.code,
    value: w.count ?? null,
    text: `File: ${w.code}, ${w.message}${w.count !== undefined ? ` (${w.count})` : ''}`,
    view: { section: 'overview' },
  }));
}

/**
 * The headline panel. `tests` comes from the A/B panel (analysed once); `trained` fires when the
 * predictor panel finishes a training.
 * @param ctx the panel context
 * @param tests the analysed A/B tests
 * @param base the page URL the item links start from (keeps `?db=`)
 * @returns the panel, plus `addCalibration` to call after a training
 */
export function atAGlancePanel(ctx: PanelContext, tests: Promise<AnalysedTest[]>, base: () => string): Panel & { addCalibration(r: TrainingReport): void } {
  const { section, body } = panelSection('glance', 'At a glance', `What needs attention in ${ctx.label}, as of ${formatUtc(ctx.info.asOf)}. Each line links to its detail.`);
  const list = el('ul', { class: 'glance', 'aria-label': 'Needs attention' });
  const summary = el('p', { class: 'summary-line', 'data-field': 'glance-count' });
  const note = el('p', { class: 'note', 'data-field': 'predictor-note' }, 'The predictor is not trained: train it in its panel to see its calibration here.');
  let items: GlanceItem[] = [];
  const show = () => {
    const kinds: [string, string, string][] = [
      ['decline', 'declining skill', 'declining skills'],
      ['change', 'recent level change', 'recent level changes'],
      ['anomalies', 'skill with unusual hours', 'skills with unusual hours'],
      ['ab-decide', 'A/B test to decide', 'A/B tests to decide'],
      ['ab-srm', 'sample-ratio problem', 'sample-ratio problems'],
      ['calibration', 'trained predictor', 'trained predictors'],
      ['warning', 'file warning', 'file warnings'],
    ];
    const parts = kinds
      .map(([k, one, many]) => [items.filter((i) => i.kind === k).length, one, many] as const)
      .filter(([n]) => n > 0)
      .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
    summary.textContent =
      items.length === 0
        ? 'Nothing needs attention: no declining skill, no recent level change, no unusual hour in the last day, no A/B test to decide or with a broken split, and no warning.'
        : `${parts.join(', ')}.`;
    list.replaceChildren(...items.map((i) => itemNode(i, base())));
    list.hidden = items.length === 0;
  };
  const scope = el('p', { class: 'note', 'data-field': 'glance-selection', hidden: '' });
  let seq = 0;
  const draw = async () => {
    const mine = ++seq;
    const selection = ctx.selection();
    body.setAttribute('aria-busy', 'true');
    try {
      const [skills, ab] = await Promise.all([skillItems(ctx, selection), tests.then((t) => abItems(t, selection))]);
      if (mine !== seq || !ctx.isCurrent()) return;
      items = [...skills, ...ab, ...warningItems(ctx), ...items.filter((i) => i.kind === 'calibration')];
      scope.hidden = !selection;
      scope.textContent = selection
        ? `For the selected hours, ${selectionText(selection)}: trends over the selection, level changes and unusual hours inside it, A/B tests that ran during it.`
        : '';
      body.replaceChildren(scope, summary, list, note);
      show();
    } catch (e) {
      if (mine === seq) panelError(body, e, 'Could not compute the headline');
    } finally {
      if (mine === seq) body.removeAttribute('aria-busy');
    }
  };
  ctx.onSelection('glance', draw);
  const ready = draw();
  return {
    section,
    ready,
    addCalibration(r) {
      items = [...items.filter((i) => i.kind !== 'calibration'), calibrationItem(r)];
      note.hidden = true;
      if (note.isConnected) show();
    },
  };
}
