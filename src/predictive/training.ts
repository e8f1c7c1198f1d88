/**
 * The training pipeline on a feature matrix, in time order (rows sorted by (invoked_at, id)):
 *
 *   [0, 64 %)   validation fit: the model(s) fitted here are scored on [64 %, 80 %) (choice among
 *               boosted trees, the forest and their blend under 'auto') and calibrated there; the
 *               calibrated model is then scored on the holdout before and after calibration;
 *   [0, 80 %)   holdout fit: the chosen model, scored on the holdout [80 %, 100 %) against the
 *               baselines (the report's `evaluation`);
 *   served      the holdout-fit model plus a calibrator fitted on its holdout predictions: the
 *               calibrator always comes from rows later than the trees' rows.
 */
import { AnalyticsError } from '../engine/errors.js';
import { formatIso } from '../engine/time.js';
import type { Progress } from '../engine/types.js';
import { resolveBoostedOptions, type BoostedOptions } from './boosting/index.js';
import { calibrateMany, fitCalibrator, type CalibrationMethod } from './calibrator.js';
import { brierDecomposition, expectedCalibrationError, reliabilityDiagram } from './evaluation/calibration-diagnostics.js';
import { sharedHoldoutIntervals, type MeanDraws, type MetricDifference, type MetricIntervals } from './evaluation/intervals.js';
import { calibrationRows, holdoutMetrics, perSkillPrior, trainRatePrediction } from './evaluation/holdout.js';
import { sliceMatrix, type FeatureMatrix } from './feature-matrix.js';
import { fitConformal, setCoverage } from './evaluation/conformal.js';
import { FEATURE_NAMES } from './features-sql.js';
import { blendMany, blendOf, featureNamesOf, fitModel, fitSteps, modelImportance, rawPredictMany, type FeatureSet, type FittedModel, type ModelKind } from './fitted-model.js';
import { CancelToken, resolveForestOptions, type ForestOptions, type TreePool } from './forest/index.js';
import { argsortColumn, prefixOrder } from './forest/tree-sample.js';
import type { CalibrationQuality, FitRecord, HoldoutMetrics, ModelChoice, TrainingReport } from './types.js';

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
  boosted: Omit<BoostedOptions, 'onProgress'>;
  model: ModelChoice;
  /** Requested feature set; null: the default (under 'auto': {@link AUTO_CANDIDATES}; otherwise 'seed'). */
  features: FeatureSet | null;
  calibration: CalibrationMethod;
  /** Time the call started (performance.now()), for `seconds`. */
  startedAt: number;
  progress: (p: Progress) => void;
  /** Tree workers for the forest fits (null: every tree grows in this thread). */
  pool: TreePool | null;
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

function requireEnoughData(m: FeatureMatrix, cut: number, inner: number, window: string): void {
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
  if (!hasBothClasses(m.labels.subarray(0, inner))) {
    throw new AnalyticsError(
      'INSUFFICIENT_DATA',
      `trainModel: the first ${inner} invocations in ${window} (the validation fit) are all ${m.labels[0] === 1 ? 'completed' : 'not completed'}; a model needs both outcomes to learn from. Widen the window with a larger \`days\``,
      { samples: n, validationFitRows: inner },
    );
  }
}

/** A {@link CalibrationQuality} but for the metrics' intervals (added by {@link withIntervals} once the bootstrap is done). */
function quality(y: Uint8Array, p: Float64Array): Omit<CalibrationQuality, 'metrics'> & { metrics: HoldoutMetrics } {
  return { metrics: holdoutMetrics(y, p), ece: expectedCalibrationError(y, p), decomposition: brierDecomposition(y, p), reliability: reliabilityDiagram(y, p) };
}

function withIntervals(q: ReturnType<typeof quality>, intervals: MetricIntervals): CalibrationQuality {
  return { metrics: { ...q.metrics, intervals }, ece: q.ece, decomposition: q.decomposition, reliability: q.reliability };
}

/** A model the pipeline can fit: a family on a feature set. */
export interface Candidate {
  kind: ModelKind;
  features: FeatureSet;
}

/**
 * Candidates of `model: 'auto'` without a feature set, the incumbent first: boosted trees with the
 * phase and the skill as categories (what scikit-learn's HistGradientBoostingClassifier with
 * categorical features does), the forest on the 7 seed features, and the blend of those two (the
 * mean of their probabilities: no fit of its own on the validation slice, two holdout fits when
 * chosen). Boosted trees on the 7 features alone were a candidate while measuring
 * (docs/predictor.md): never the best on the validation slice of any file, so they were dropped.
 */
export const AUTO_CANDIDATES: readonly Candidate[] = Object.freeze([
  { kind: 'boosted', features: 'categories' },
  { kind: 'forest', features: 'seed' },
  { kind: 'blend', features: 'categories' },
]);

/**
 * The models a training call fits on the validation split, the incumbent first.
 * @param model the requested model
 * @param features the requested feature set (null: the default)
 * @returns one candidate, or several under 'auto'
 */
export function candidatesOf(model: ModelChoice, features: FeatureSet | null): Candidate[] {
  if (model === 'blend') return [{ kind: model, features: features ?? 'categories' }];
  if (model !== 'auto') return [{ kind: model, features: features ?? 'seed' }];
  if (features === null) return AUTO_CANDIDATES.map((c) => ({ ...c }));
  if (features === 'categories') return [{ kind: 'boosted', features }];
  return [
    { kind: 'forest', features },
    { kind: 'boosted', features },
  ];
}

const SELECTION_RULE =
  'the first candidate is the incumbent; the candidate with the lowest validation Brier replaces it only if the upper end of the 95 % bootstrap interval of (its Brier − the incumbent Brier) on the validation slice is below 0';

const nameOf = (c: Candidate) => `${c.kind}/${c.features}`;

/** Where a blend candidate's parts are among the candidates: their indices (its validation model is then theirs, with no fit of its own). */
function blendParts(candidates: Candidate[], k: number): [number, number] | null {
  const c = candidates[k];
  if (c.kind !== 'blend') return null;
  const forest = candidates.findIndex((o) => o.kind === 'forest' && o.features === 'seed');
  const boosted = candidates.findIndex((o) => o.kind === 'boosted' && o.features === c.features);
  return forest >= 0 && boosted >= 0 ? [forest, boosted] : null;
}

const MODEL_TEXT: Record<ModelKind, string> = {
  forest: 'random forest',
  boosted: 'boosted trees',
  blend: 'mean of a random forest (7 seed features) and boosted trees',
};

const FEATURE_SET_TEXT: Record<FeatureSet, string> = {
  seed: 'the 7 seed features',
  'seed+skill': 'the 7 seed features + the skill',
  categories: 'the 7 seed features + the skill, phase and skill as categories',
};

const CONFORMAL_RULE =
  'split-conformal sets (score 1 − p(outcome)): an outcome is in a row’s set when 1 − p(outcome) ≤ threshold; with exchangeable rows the outcome is in the set for at least `level` of rows';

function negated(d: MetricDifference): MetricDifference {
  const flip = (i: [number, number]): [number, number] => [-i[1], -i[0]];
  return {
    rocAuc: d.rocAuc ? { estimate: -d.rocAuc.estimate, interval: flip(d.rocAuc.interval), pValue: d.rocAuc.pValue } : null,
    brier: { estimate: -d.brier.estimate, interval: flip(d.brier.interval) },
    logLoss: { estimate: -d.logLoss.estimate, interval: flip(d.logLoss.interval) },
  };
}

/**
 * Splits, fits, evaluates and calibrates (see the file comment for the three time slices).
 * @param m features and labels of the window's rows, ordered by (invoked_at, id)
 * @param s window, model, features, calibration, forest/boosting options, progress
 * @returns the served model (holdout fit + calibrator from the holdout rows) and the report
 * @throws AnalyticsError INSUFFICIENT_DATA with fewer than {@link MIN_TRAINING_ROWS} rows or a
 *   single outcome in a fitting part
 */
export async function trainAndEvaluate(m: FeatureMatrix, s: TrainingSettings): Promise<{ model: FittedModel; report: TrainingReport }> {
  const n = m.labels.length;
  const cut = splitIndex(n);
  const inner = splitIndex(cut);
  const window = `(${formatIso(s.windowStartMicros)}, ${formatIso(s.asOfMicros)}]`;
  requireEnoughData(m, cut, inner, window);
  const train = sliceMatrix(m, 0, cut);
  const test = sliceMatrix(m, cut, n);
  const first = sliceMatrix(m, 0, inner);
  const validation = sliceMatrix(m, inner, cut);
  const settings = { forest: s.forest, boosted: s.boosted };
  const candidates = candidatesOf(s.model, s.features);
  const forestTrees = resolveForestOptions(s.forest, cut, featureNamesOf(candidates.find((c) => c.kind === 'forest')?.features ?? 'seed').length).nTrees;
  const derived = candidates.map((_, k) => blendParts(candidates, k));
  const validationSteps = candidates.reduce((a, c, k) => a + (derived[k] ? 0 : fitSteps(c.kind, settings, forestTrees)), 0);
  // Under 'auto' the holdout fit is the largest candidate, so the total is an upper bound until the choice is made.
  const holdoutSteps = Math.max(...candidates.map((c) => fitSteps(c.kind, settings, forestTrees)));
  let total = validationSteps + holdoutSteps;
  // Trees done per fit; fits may run at the same time (tree workers), so progress reports their sum.
  const doneByFit: number[] = [];
  const doneSoFar = () => doneByFit.reduce((a, b) => a + b, 0);
  const fits: FitRecord[] = [];
  // The forest fits' column sorts: the holdout part's once; the validation part's rows are its
  // first rows, so their orders are those orders filtered (the same arrays as sorting them anew).
  let trainOrder: Int32Array[] | null = null;
  const seedOrder = (c: Candidate, part: FeatureMatrix): Int32Array[] | undefined => {
    if (c.kind === 'boosted' || (part !== train && part !== first)) return undefined;
    trainOrder ??= train.X.map(argsortColumn);
    return part === train ? trainOrder : trainOrder.map((o) => prefixOrder(o, inner));
  };
  // While this thread evaluates the validation slice, a holdout fit started meanwhile reports no progress (phases stay in order).
  let quiet = false;
  const fit = (c: Candidate, part: FeatureMatrix, role: FitRecord['role'], message: string, token?: CancelToken): Promise<FittedModel> => {
    const at = doneByFit.push(0) - 1;
    const record: FitRecord = { role, kind: c.kind, features: c.features, rows: part.labels.length };
    fits.push(record);
    // A cancelled fit leaves the record and the progress count.
    token?.onCancel(() => {
      doneByFit[at] = 0;
      fits.splice(fits.indexOf(record), 1);
    });
    if (!quiet) s.progress({ phase: 'training', done: doneSoFar(), total, message });
    return fitModel(c.kind, c.features, part, {
      ...settings,
      pool: s.pool,
      token,
      seedOrder: seedOrder(c, part),
      onProgress: (done) => {
        if (token?.cancelled) return;
        doneByFit[at] = done;
        if (!quiet) s.progress({ phase: 'training', done: doneSoFar(), total, message });
      },
    });
  };
  // Bootstrap resample means: with tree workers, split over them (the same numbers).
  const draws: MeanDraws | undefined = s.pool ? (columns, seed, resamples) => s.pool!.bootstrapMeans(columns, seed, resamples) : undefined;
  const holdoutMessage = (c: Candidate) => `${nameOf(c)} on the first ${cut} rows (holdout fit)`;

  // With tree workers every fit runs there; forest fits are queued first.
  const order = [...candidates.keys()].filter((k) => !derived[k]).sort((a, b) => Number(candidates[b].kind !== 'boosted') - Number(candidates[a].kind !== 'boosted'));
  const validationFits = new Map<number, Promise<FittedModel>>();
  for (const k of order) {
    const p = fit(candidates[k], first, 'validation', `${nameOf(candidates[k])} on the first ${inner} rows (validation fit)`);
    p.catch(() => undefined); // awaited below in candidate order; an earlier failure must not leave this one unhandled
    validationFits.set(k, p);
  }
  // With tree workers, holdout fits that will (probably) be needed grow beside the validation
  // fits, so that the workers never wait for this thread: with one candidate, its holdout fit;
  // with a blend among the candidates, the holdout fits of its parts (whichever candidate wins
  // needs one or both; the one not needed is cancelled when the choice is made).
  const speculative = new Map<number, { model: Promise<FittedModel>; token: CancelToken }>();
  if (s.pool && (candidates.length === 1 || derived.some((d) => d !== null))) {
    for (const k of candidates.length === 1 ? [0] : order) {
      const token = new CancelToken();
      const model = fit(candidates[k], train, 'holdout', holdoutMessage(candidates[k]), token);
      model.catch(() => undefined); // awaited below, or cancelled; a failed validation fit must not leave it unhandled
      speculative.set(k, { model, token });
    }
  }
  const validationModels: FittedModel[] = [];
  for (let k = 0; k < candidates.length; k++) {
    const parts = derived[k];
    validationModels.push(parts ? blendOf(await validationFits.get(parts[0])!, await validationFits.get(parts[1])!) : await validationFits.get(k)!);
  }
  s.progress({ phase: 'evaluating', done: 0, total: 1, message: 'validation slice, calibration' });
  const validationPredictions: Float64Array[] = [];
  candidates.forEach((_, k) => {
    const parts = derived[k];
    validationPredictions.push(parts ? blendMany(validationPredictions[parts[0]], validationPredictions[parts[1]]) : rawPredictMany(validationModels[k], validation));
  });
  let chosenIndex = 0;
  let selection: TrainingReport['selection'] = null;
  if (candidates.length > 1) {
    const others = Object.fromEntries(candidates.slice(1).map((c, k) => [nameOf(c), validationPredictions[k + 1]]));
    // The bootstrap runs on the tree workers (idle now) while this thread computes the metrics.
    const comparison = sharedHoldoutIntervals(validation.labels, [{ model: validationPredictions[0], others }], draws);
    comparison.catch(() => undefined); // awaited below; a throw before that must not leave it unhandled
    const metrics = validationPredictions.map((p) => holdoutMetrics(validation.labels, p));
    const [cmp] = await comparison;
    let best = 0;
    for (let k = 1; k < candidates.length; k++) if (metrics[k].brier < metrics[best].brier) best = k;
    if (best > 0 && cmp.differences[nameOf(candidates[best])].brier.interval[0] > 0) chosenIndex = best;
    selection = {
      rows: cut - inner,
      candidates: candidates.map((c, k) => ({
        ...c,
        metrics: { ...metrics[k], intervals: k === 0 ? cmp.model : cmp.others[nameOf(c)] },
        minusIncumbent: k === 0 ? null : negated(cmp.differences[nameOf(c)]),
      })),
      chosen: { ...candidates[chosenIndex] },
      rule: SELECTION_RULE,
    };
  }
  const chosen = candidates[chosenIndex];
  total = validationSteps + fitSteps(chosen.kind, settings, forestTrees);
  // The holdout fit starts as soon as the choice is made: with tree workers its trees grow while
  // this thread evaluates the validation model below.
  quiet = true;
  // A chosen blend of two candidates is fitted as those two (the same model as one blend fit).
  const parts = derived[chosenIndex];
  const needed = parts ?? [chosenIndex];
  for (const [k, fitting] of speculative) if (!needed.includes(k)) fitting.token.cancel();
  const holdoutOf = (k: number) => speculative.get(k)?.model ?? fit(candidates[k], train, 'holdout', holdoutMessage(candidates[k]));
  const holdoutFit = parts ? Promise.all([holdoutOf(parts[0]), holdoutOf(parts[1])]).then(([forest, boosted]) => blendOf(forest, boosted)) : holdoutOf(chosenIndex);
  holdoutFit.catch(() => undefined); // awaited below
  const innerModel = validationModels[chosenIndex];
  const innerCalibrator = fitCalibrator(validationPredictions[chosenIndex], validation.labels, s.calibration);
  // Conformal sets, evaluated one step back like the calibrator: q̂ from the validation slice, coverage on the holdout.
  const innerConformal = fitConformal(validationPredictions[chosenIndex], validation.labels);
  const before = rawPredictMany(innerModel, test);
  const after = calibrateMany(innerCalibrator, before);
  // Computed here rather than in the report below: with tree workers, the holdout forest grows
  // meanwhile. Their intervals come later, from the holdout's bootstrap (same rows, same draws).
  const qualityBefore = quality(test.labels, before);
  const qualityAfter = quality(test.labels, after);
  s.progress({ phase: 'evaluating', done: 1, total: 1 });

  const conformalEvaluated = setCoverage(innerConformal, before, test.labels);
  quiet = false;
  s.progress({ phase: 'training', done: doneSoFar(), total, message: holdoutMessage(chosen) });
  const holdout = await holdoutFit;
  s.progress({ phase: 'evaluating', done: 0, total: 1, message: 'holdout: metrics, intervals, baselines' });
  const p = rawPredictMany(holdout, test);
  const pRate = trainRatePrediction(train.labels, n - cut);
  const pSkill = perSkillPrior(train.skills, train.labels, test.skills);
  // One bootstrap of the holdout rows for the calibration comparison and the holdout evaluation
  // (the same seed draws the same rows: the intervals each would get alone). With tree workers
  // its resamples are split over them while this thread computes the rest.
  const intervals = sharedHoldoutIntervals(
    test.labels,
    [
      { model: after, others: { before } },
      { model: p, others: { trainRate: pRate, perSkillPrior: pSkill } },
    ],
    draws,
  );
  intervals.catch(() => undefined); // awaited below; a throw before that must not leave it unhandled
  const metrics = holdoutMetrics(test.labels, p);
  const calibration = calibrationRows(test.labels, p);
  const ece = expectedCalibrationError(test.labels, p);
  const decomposition = brierDecomposition(test.labels, p);
  const rateMetrics = holdoutMetrics(test.labels, pRate);
  const skillMetrics = holdoutMetrics(test.labels, pSkill);
  const calibrator = fitCalibrator(p, test.labels, s.calibration);
  const conformal = fitConformal(p, test.labels);
  const served: FittedModel = { ...holdout, calibrator, conformal };
  const [calibrationCompare, iv] = await intervals;
  const evaluation = { ...metrics, intervals: iv.model, calibration, ece, decomposition };
  const baselines = {
    trainRate: { ...rateMetrics, intervals: iv.others.trainRate },
    perSkillPrior: { ...skillMetrics, intervals: iv.others.perSkillPrior },
  };

  s.progress({ phase: 'evaluating', done: 1, total: 1 });
  let positives = 0;
  for (let i = 0; i < n; i++) positives += m.labels[i];
  const method = calibrator?.method ?? 'none';
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
    model: { kind: chosen.kind, requested: s.model, features: chosen.features, featureNames: featureNamesOf(chosen.features) },
    selection,
    evaluation,
    baselines,
    versusBaselines: iv.differences as TrainingReport['versusBaselines'],
    calibration: {
      method: innerCalibrator?.method ?? 'none',
      servedMethod: method,
      requested: s.calibration,
      fitRows: cut - inner,
      servedFitRows: n - cut,
      before: withIntervals(qualityBefore, calibrationCompare.others.before),
      after: withIntervals(qualityAfter, calibrationCompare.model),
      afterMinusBefore: calibrationCompare.differences.before,
    },
    fits,
    featureImportance: modelImportance(served),
    conformal: {
      level: conformal.level,
      threshold: conformal.threshold,
      servedFitRows: conformal.rows,
      evaluatedThreshold: innerConformal.threshold,
      evaluated: conformalEvaluated,
      rule: CONFORMAL_RULE,
    },
    servedModel: `${MODEL_TEXT[chosen.kind]} on ${FEATURE_SET_TEXT[chosen.features]}, fitted on the first ${cut} rows${method === 'none' ? ', uncalibrated' : `, ${method} calibration fitted on the last ${n - cut}`}`,
    options: {
      days: s.days,
      asOf: formatIso(s.asOfMicros),
      trainFraction: TRAIN_FRACTION,
      forest: served.forest ? { ...served.forest.options } : resolveForestOptions(s.forest, cut, FEATURE_NAMES.length),
      boosted: served.boosted ? { ...served.boosted.options } : candidates.some((c) => c.kind === 'boosted') ? resolveBoostedOptions(s.boosted) : null,
      model: s.model,
      features: s.features ?? (s.model === 'auto' ? 'auto' : 'seed'),
      calibration: s.calibration,
    },
  };
  report.seconds = (performance.now() - s.startedAt) / 1000;
  return { model: served, report };
}
