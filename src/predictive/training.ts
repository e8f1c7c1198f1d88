/**
 * The training pipeline on a feature matrix: time-ordered 80/20 split, holdout fit, evaluation
 * against two baselines, then the refit on every row that becomes the served model.
 */
import { AnalyticsError } from '../engine/errors.js';
import { formatIso } from '../engine/time.js';
import type { Progress } from '../engine/types.js';
import { resolveForestOptions, trainForest, type Forest, type ForestOptions } from './forest/index.js';
import { calibrationRows, holdoutMetrics, perSkillPrior, trainRatePrediction } from './evaluation.js';
import { sliceMatrix, type FeatureMatrix } from './feature-matrix.js';
import { FEATURE_NAMES } from './features-sql.js';
import type { TrainingReport } from './types.js';

/** Share of the rows, first by (invoked_at, id), used to fit the holdout model. */
export const TRAIN_FRACTION = 0.8;
/** Fewest invocations `trainModel` accepts in its window. */
export const MIN_TRAINING_ROWS = 50;

/** What the pipeline needs besides the matrix. */
export interface TrainingSettings {
  days: number;
  asOfMicros: number;
  /** Exclusive lower bound of the window (µs). */
  windowStartMicros: number;
  forest: Omit<ForestOptions, 'onProgress'>;
  /** Time the call started (performance.now()), for `seconds`. */
  startedAt: number;
  progress: (p: Progress) => void;
}

/**
 * Index of the first test row: floor(rows × 0.8), as the reference split (16,000 of 20,000).
 * @param rows samples in the window
 * @example splitIndex(20000) // 16000
 */
export function splitIndex(rows: number): number {
  return Math.floor((rows * 4) / 5);
}

function hasBothClasses(y: Uint8Array): boolean {
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  return positives > 0 && positives < y.length;
}

function requireEnoughData(m: FeatureMatrix, cut: number, window: string): void {
  const n = m.labels.length;
  if (n < MIN_TRAINING_ROWS) {
    throw new AnalyticsError(
      'INSUFFICIENT_DATA',
      `trainModel: only ${n} invocation(s) in ${window}; at least ${MIN_TRAINING_ROWS} are needed. Widen the window with a larger \`days\` or choose another \`asOf\``,
      { samples: n, minimum: MIN_TRAINING_ROWS },
    );
  }
  if (!hasBothClasses(m.labels.subarray(0, cut))) {
    throw new AnalyticsError(
      'INSUFFICIENT_DATA',
      `trainModel: the first ${cut} invocations in ${window} are all ${m.labels[0] === 1 ? 'completed' : 'not completed'}; a model needs both outcomes to learn from. Widen the window with a larger \`days\``,
      { samples: n, trainRows: cut },
    );
  }
}

/**
 * Splits, fits, evaluates and refits.
 * @param m features and labels of the window's rows, ordered by (invoked_at, id)
 * @param s window, forest options, progress
 * @returns the served forest (fitted on every row) and the report
 * @throws AnalyticsError INSUFFICIENT_DATA with fewer than {@link MIN_TRAINING_ROWS} rows or a
 *   single outcome in the training part
 */
export async function trainAndEvaluate(m: FeatureMatrix, s: TrainingSettings): Promise<{ forest: Forest; report: TrainingReport }> {
  const n = m.labels.length;
  const cut = splitIndex(n);
  const window = `(${formatIso(s.windowStartMicros)}, ${formatIso(s.asOfMicros)}]`;
  requireEnoughData(m, cut, window);
  const train = sliceMatrix(m, 0, cut);
  const test = sliceMatrix(m, cut, n);
  const names = [...FEATURE_NAMES];
  const trees = resolveForestOptions(s.forest, n, names.length).nTrees;
  const fit = (part: FeatureMatrix, offset: number, message: string) =>
    trainForest(part.X, part.labels, names, {
      ...s.forest,
      onProgress: (done) => s.progress({ phase: 'training', done: offset + done, total: 2 * trees, message }),
    });

  s.progress({ phase: 'training', done: 0, total: 2 * trees, message: `holdout model on the first ${cut} rows` });
  const holdout = await fit(train, 0, `holdout model on the first ${cut} rows`);
  s.progress({ phase: 'evaluating', done: 0, total: 1 });
  const p = holdout.predictMany(test.X);
  const evaluation = { ...holdoutMetrics(test.labels, p), calibration: calibrationRows(test.labels, p) };
  const baselines = {
    trainRate: holdoutMetrics(test.labels, trainRatePrediction(train.labels, n - cut)),
    perSkillPrior: holdoutMetrics(test.labels, perSkillPrior(train.skills, train.labels, test.skills)),
  };
  s.progress({ phase: 'evaluating', done: 1, total: 1 });
  const served = await fit(m, trees, `served model on all ${n} rows`);

  let positives = 0;
  for (let i = 0; i < n; i++) positives += m.labels[i];
  const report: TrainingReport = {
    samplesUsed: n,
    trainRows: cut,
    testRows: n - cut,
    successRate: positives / n,
    seconds: 0,
    window: { from: formatIso(s.windowStartMicros), asOf: formatIso(s.asOfMicros), days: s.days },
    split: {
      time: formatIso(m.times[cut]),
      lastTrainTime: formatIso(m.times[cut - 1]),
      trainFraction: TRAIN_FRACTION,
      rule: `first ${cut} rows by (invoked_at, id) train, last ${n - cut} test`,
    },
    evaluation,
    baselines,
    featureImportance: served.featureImportance(),
    servedModel: `refit on all ${n} rows`,
    options: { days: s.days, asOf: formatIso(s.asOfMicros), trainFraction: TRAIN_FRACTION, forest: { ...served.options } },
  };
  report.seconds = (performance.now() - s.startedAt) / 1000;
  return { forest: served, report };
}
