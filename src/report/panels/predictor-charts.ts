/** Charts of the predictor panel: calibration (binned and CORP), feature importance and one prediction's contributions. */
import type { CalibrationQuality, CalibrationRow, FeatureExplanation, ReliabilityPoint } from '../../predictive/types.js';
import { chartFigure, Plot } from '../charts.js';
import { dataTable, tableAlternative } from '../dom.js';
import { formatCount, formatNumber, formatPercent, formatSigned } from '../format.js';

/** Predicted vs observed completion per bin of predicted probability, with the diagonal of perfect calibration. */
export function calibrationChart(rows: CalibrationRow[]): HTMLElement {
  const data = rows.filter((r) => r.count > 0 && r.meanPredicted !== null && r.observedRate !== null);
  const chart = Plot.plot({
    width: 400,
    height: 340,
    marginLeft: 48,
    marginBottom: 40,
    x: { domain: [0, 1], label: 'predicted probability →', percent: false, grid: true },
    y: { domain: [0, 1], label: '↑ observed completion rate', grid: true },
    r: { range: [3, 14] },
    marks: [
      Plot.line(
        [
          [0, 0],
          [1, 1],
        ],
        { stroke: '#8c959f', strokeDasharray: '4 3' },
      ),
      Plot.line(data, { x: 'meanPredicted', y: 'observedRate', stroke: '#0969da' }),
      Plot.dot(data, {
        x: 'meanPredicted',
        y: 'observedRate',
        r: 'count',
        fill: '#0969da',
        fillOpacity: 0.8,
        title: (d: CalibrationRow) => `${formatCount(d.count)} invocations predicted ${formatPercent(d.meanPredicted)} on average; ${formatPercent(d.observedRate)} completed`,
      }),
    ],
  });
  const table = dataTable(
    rows,
    [
      { key: 'bin', label: 'Predicted in', value: (r) => `${r.binStart}-${r.binEnd}`, text: (r) => `${formatPercent(r.binStart, 0)}–${formatPercent(r.binEnd, 0)}` },
      { key: 'count', label: 'Invocations', value: (r) => r.count, numeric: true },
      { key: 'predicted', label: 'Mean predicted', value: (r) => r.meanPredicted, text: (r) => formatPercent(r.meanPredicted), numeric: true },
      { key: 'observed', label: 'Observed', value: (r) => r.observedRate, text: (r) => formatPercent(r.observedRate), numeric: true },
    ],
    { rowKey: (r) => String(r.binStart) },
  );
  return chartFigure(
    chart,
    'Calibration on the holdout: dots on the dashed diagonal mean the predicted probabilities come true as often as they say; dot size = invocations.',
    tableAlternative('Calibration as a table', table),
    { 'data-chart': 'calibration' },
  );
}

/** Global feature importance of the served model (sums to 1). */
export function importanceChart(importance: Record<string, number>, descriptions: Record<string, string>): HTMLElement {
  const data = Object.entries(importance)
    .map(([name, value]) => ({ name, value }))
    .sort((a, b) => b.value - a.value);
  const chart = Plot.plot({
    width: 480,
    height: 40 + 26 * data.length,
    marginLeft: 170,
    marginRight: 50,
    x: { label: 'importance (mean decrease in impurity) →', percent: true, grid: true },
    y: { label: null, domain: data.map((d) => d.name) },
    marks: [
      Plot.barX(data, { x: 'value', y: 'name', fill: '#0969da' }),
      Plot.text(data, { x: 'value', y: 'name', text: (d: { value: number }) => formatPercent(d.value), dx: 4, textAnchor: 'start' }),
      Plot.ruleX([0]),
    ],
  });
  const table = dataTable(
    data,
    [
      { key: 'feature', label: 'Feature', value: (d) => d.name },
      { key: 'importance', label: 'Importance', value: (d) => d.value, text: (d) => formatPercent(d.value), numeric: true },
      { key: 'description', label: 'What it measures', value: (d) => descriptions[d.name] ?? '' },
    ],
    { rowKey: (d) => d.name },
  );
  return chartFigure(chart, 'Which features the model relies on overall.', tableAlternative('Feature importance as a table', table), { 'data-chart': 'importance' });
}

/** How each feature moved one prediction away from the base rate (bias + Σ contributions = probability). */
export function contributionChart(x: FeatureExplanation): HTMLElement {
  // Forest: probability points; boosted trees: log-odds (their contributions add up on that scale).
  const pp = x.scale === 'probability';
  const k = pp ? 100 : 1;
  const unit = pp ? ' pp' : '';
  const data = x.features.map((f) => ({ name: f.name, c: f.contribution })).sort((a, b) => Math.abs(b.c) - Math.abs(a.c));
  const chart = Plot.plot({
    width: 480,
    height: 40 + 26 * data.length,
    marginLeft: 200,
    marginRight: 60,
    x: { label: pp ? 'contribution to the probability (pp) →' : 'contribution to the log-odds →', grid: true, transform: (v: number) => v * k },
    y: { label: null, domain: data.map((d) => d.name) },
    color: { domain: [false, true], range: ['#cf222e', '#1a7f37'] },
    marks: [
      Plot.barX(data, { x: 'c', y: 'name', fill: (d: { c: number }) => d.c >= 0 }),
      Plot.ruleX([0]),
      Plot.text(
        data.filter((d) => d.c >= 0),
        { x: 'c', y: 'name', text: (d: { c: number }) => formatSigned(d.c * k, pp ? 1 : 2), dx: 4, textAnchor: 'start' },
      ),
      Plot.text(
        data.filter((d) => d.c < 0),
        { x: 'c', y: 'name', text: (d: { c: number }) => formatSigned(d.c * k, pp ? 1 : 2), dx: -4, textAnchor: 'end' },
      ),
    ],
  });
  const table = dataTable(
    x.features,
    [
      { key: 'feature', label: 'Feature', value: (f) => f.name },
      { key: 'value', label: 'Value', value: (f) => f.value, text: (f) => (Number.isInteger(f.value) ? String(f.value) : formatNumber(f.value, 3)), numeric: true },
      { key: 'contribution', label: 'Contribution', value: (f) => f.contribution, text: (f) => `${formatSigned(f.contribution * k, pp ? 1 : 2)}${unit}`, numeric: true },
      { key: 'importance', label: 'Importance', value: (f) => f.importance, text: (f) => formatPercent(f.importance), numeric: true },
      { key: 'description', label: 'What it measures', value: (f) => f.description },
    ],
    { rowKey: (f) => f.name, className: 'explanation-table' },
  );
  const s = x.predictionSet;
  const set = s
    ? ` ${Math.round(s.level * 100)} % prediction set: ${s.completed && s.notCompleted ? 'either outcome' : s.completed ? 'completes' : s.notCompleted ? 'does not complete' : 'none'} (split-conformal; holds the outcome for ${Math.round(s.level * 100)} % of predictions).`
    : '';
  return chartFigure(
    chart,
    (pp
      ? `Starting from the base rate ${formatPercent(x.bias)}, each feature moves the model’s prediction up (green) or down (red) to ${formatPercent(x.rawProbability)} (${formatPercent(x.probability)} after calibration).`
      : `On the log-odds scale, from ${formatNumber(x.bias, 2)} each feature moves the boosted trees’ prediction up (green) or down (red) to ${formatPercent(x.rawProbability)} (${formatPercent(x.probability)} after calibration).`) +
      set,
    tableAlternative('Explanation as a table', table),
    { 'data-chart': 'contributions' },
  );
}

/**
 * CORP reliability diagram before and after calibration: the PAV calibration curve of each, with
 * the 90 % consistency band (where the curve of calibrated predictions falls by chance).
 */
export function reliabilityChart(before: CalibrationQuality, after: CalibrationQuality, method: string): HTMLElement {
  const tag = (rows: ReliabilityPoint[], stage: string) => rows.map((r) => ({ ...r, stage }));
  const data = [...tag(before.reliability, 'before'), ...tag(after.reliability, `after (${method})`)];
  const chart = Plot.plot({
    width: 420,
    height: 360,
    marginLeft: 48,
    marginBottom: 40,
    x: { domain: [0, 1], label: 'predicted probability →', grid: true },
    y: { domain: [0, 1], label: '↑ recalibrated (observed) probability', grid: true },
    color: { legend: true, domain: ['before', `after (${method})`], range: ['#cf222e', '#0969da'] },
    marks: [
      Plot.areaY(data, { x: 'predicted', y1: 'bandLow', y2: 'bandHigh', fill: 'stage', fillOpacity: 0.15 }),
      Plot.line(
        [
          [0, 0],
          [1, 1],
        ],
        { stroke: '#8c959f', strokeDasharray: '4 3' },
      ),
      Plot.line(data, { x: 'predicted', y: 'observed', stroke: 'stage', strokeWidth: 2 }),
    ],
  });
  const rows = [
    { stage: 'Before calibration', q: before },
    { stage: `After ${method} calibration`, q: after },
  ];
  const table = dataTable(
    rows,
    [
      { key: 'stage', label: 'Probabilities', value: (r) => r.stage },
      { key: 'brier', label: 'Brier ↓', value: (r) => r.q.decomposition.brier, text: (r) => formatNumber(r.q.decomposition.brier, 4), numeric: true },
      {
        key: 'reliability',
        label: 'Reliability (miscalibration) ↓',
        value: (r) => r.q.decomposition.reliability,
        text: (r) => formatNumber(r.q.decomposition.reliability, 4),
        numeric: true,
      },
      { key: 'resolution', label: 'Resolution ↑', value: (r) => r.q.decomposition.resolution, text: (r) => formatNumber(r.q.decomposition.resolution, 4), numeric: true },
      { key: 'uncertainty', label: 'Uncertainty', value: (r) => r.q.decomposition.uncertainty, text: (r) => formatNumber(r.q.decomposition.uncertainty, 4), numeric: true },
      { key: 'ece', label: 'ECE ↓', value: (r) => r.q.ece, text: (r) => formatNumber(r.q.ece, 4), numeric: true },
      { key: 'log-loss', label: 'Log loss ↓', value: (r) => r.q.metrics.logLoss, text: (r) => formatNumber(r.q.metrics.logLoss, 4), numeric: true },
    ],
    { rowKey: (r) => r.stage, className: 'decomposition-table' },
  );
  return chartFigure(
    chart,
    'Reliability (CORP): each curve is the isotonic (PAV) fit of outcomes on predictions; on the dashed diagonal the probabilities come true as often as they say. Shaded: where the curve of perfectly calibrated predictions would fall 90 % of the time. Brier = reliability − resolution + uncertainty.',
    tableAlternative('Brier decomposition and ECE as a table', table),
    { 'data-chart': 'reliability' },
  );
}
