/** Public plain-data types of the success predictor (all structured-cloneable). */
import type { SourceScope } from '../engine/context.js';
import type { ProgressCallback } from '../engine/types.js';
import type { TimeInput } from '../engine/time.js';
import type { ForestJSON, ForestOptions, ResolvedForestOptions } from './forest/types.js';
import type { SkillFeatureValues } from './features-sql.js';
import type { PhaseEncoding } from './phase-encoding.js';
import type { BoostedJSON, BoostedOptions, ResolvedBoostedOptions } from './boosting/types.js';
import type { CalibrationMethod, Calibrator } from './calibrator.js';
import type { FeatureSet, ModelKind, PredictionSpread } from './fitted-model.js';
import type { BrierDecomposition, ReliabilityPoint } from './evaluation/calibration-diagnostics.js';
import type { Interval, MetricDifference, MetricIntervals } from './evaluation/intervals.js';
import type { SkillEncoding } from './skill-encoding.js';
import type { SkillCategories } from './skill-categories.js';
import type { ConformalCalibration, PredictionSet, SetCoverage } from './evaluation/conformal.js';

export type { SkillFeatureValues } from './features-sql.js';
export type { PhaseEncoding } from './phase-encoding.js';
export type { BoostedJSON, BoostedOptions, ResolvedBoostedOptions } from './boosting/types.js';
export type { CalibrationMethod, Calibrator } from './calibrator.js';
export type { FeatureSet, ModelKind, PredictionSpread } from './fitted-model.js';
export type { BrierDecomposition, ReliabilityPoint } from './evaluation/calibration-diagnostics.js';
export type { Interval, MetricDifference, MetricIntervals } from './evaluation/intervals.js';
export type { SkillEncoding } from './skill-encoding.js';
export type { SkillCategories } from './skill-categories.js';
export type { ConformalCalibration, PredictionSet, SetCoverage } from './evaluation/conformal.js';

/** `trainModel`'s model choice: 'auto' (default) fits several candidates and picks by the validation slice. */
export type ModelChoice = ModelKind | 'auto';

/** Options of `trainModel`. */
export interface TrainOptions extends SourceScope {
  /** Length of the training window (asOf − days, asOf], in days (default 30). Features still look back before it. */
  days?: number;
  /** End of the window (inclusive); default: the latest invocation in the file. */
  asOf?: TimeInput;
  /** Progress: 'features', then 'training' (trees of both fits), 'evaluating', 'done'. */
  onProgress?: ProgressCallback;
  /** Forest settings (default: 100 trees, depth 10, 5 rows per leaf, 2 features per split, seed 42). */
  forest?: Omit<ForestOptions, 'onProgress'>;
  /**
   * 'auto' (default): several candidates fitted on the first 64 %, the incumbent (the first) kept
   * unless another's validation Brier is lower by more than its 95 % interval; 'forest'; 'boosted';
   * 'blend' (the mean of a forest on the 7 seed features and boosted trees on the feature set,
   * default 'categories').
   */
  model?: ModelChoice;
  /**
   * 'seed' (the 7 features), 'seed+skill' (plus the skill as a smoothed rate) or 'categories'
   * (boosted trees only: the phase and the skill as native categories). Default: under 'auto' the
   * candidates boosted/categories (incumbent), forest/seed and blend/categories; 'blend':
   * 'categories'; otherwise 'seed'.
   * With 'auto' and a feature set: forest (incumbent) and boosted trees on it ('categories': boosted only).
   */
  features?: FeatureSet;
  /** Calibration of served probabilities (default 'auto': isotonic with ≥ 1,000 calibration rows, else Platt). */
  calibration?: CalibrationMethod;
  /** Boosting settings (default: 100 iterations, learning rate 0.1, 31 leaves, 20 rows per leaf, 255 bins). */
  boosted?: Omit<BoostedOptions, 'onProgress'>;
  /**
   * Threads growing the forest's trees (an integer ≥ 1; `forest.parallelism` is read when this is
   * absent). 1 grows them in the training thread; more start that many tree workers (Node
   * worker_threads, browser module workers), and the validation and holdout forests then grow at
   * the same time. Default: the processor count (os.availableParallelism(),
   * navigator.hardwareConcurrency), at most 8. The model is the same for any value; if a worker
   * cannot start or fails, its trees grow in the training thread.
   */
  parallelism?: number;
}

/**
 * The session a live invocation belongs to. A session id with stored invocations gives the
 * session features from those rows; an unknown id or none gives session length 0 (or the time
 * since `sessionStart` when given) and familiarity 0.
 */
export interface SessionContext {
  /** session_id as session-buddy stores it. */
  sessionId?: string | null;
  /** When the session started, if the caller knows it: session length counts from the earlier of this and its first stored invocation. */
  sessionStart?: TimeInput | null;
}

/** Options of the live-invocation calls. */
export interface LiveOptions extends SourceScope {
  /** Time of the invocation (default: asOf = the latest invocation in the file). Rows at or before it are history. */
  at?: TimeInput;
}

/** Features of one live invocation, plus what they were computed for. */
export interface SkillFeatures extends SkillFeatureValues {
  skillName: string;
  /** ISO UTC time the features are taken at. */
  at: string;
  workflowPhase: string | null;
  sessionId: string | null;
}

/** One feature in an explanation. */
export interface FeatureContribution {
  /** Model feature name (snake_case). */
  name: string;
  /** What the feature measures. */
  description: string;
  value: number;
  /** Saabas path contribution to the probability (forest mean). */
  contribution: number;
  /** Global importance in the served model (mean decrease in impurity, sums to 1). */
  importance: number;
}

/** A served probability with what it came from and how much the trees disagree. */
export interface ProbabilityWithSpread {
  /** The served (calibrated) probability: what predictSuccessProbability returns. */
  probability: number;
  /** The model's probability before calibration. */
  rawProbability: number;
  /** 10th-90th percentile of the forest's trees (calibrated); null for boosted trees. */
  spread: PredictionSpread | null;
  /**
   * Split-conformal prediction set of the outcome: with exchangeable rows, the outcome is in the set
   * for at least `level` of predictions (marginal; see TrainingReport.conformal). Null for models
   * saved before it existed.
   */
  predictionSet: PredictionSet | null;
}

/**
 * Why the model gave a probability. Forest: bias + Σ contribution = rawProbability (probability
 * scale). Boosted trees: bias + Σ contribution = logit(rawProbability) (log-odds scale).
 * `probability` is the served, calibrated value.
 */
export interface FeatureExplanation extends ProbabilityWithSpread {
  skillName: string;
  at: string;
  /** Scale of bias and contributions. */
  scale: 'probability' | 'log-odds';
  /** The prediction before any split: the forest's mean root rate, or the boosted baseline log-odds plus root values. */
  bias: number;
  /** In model feature order. */
  features: FeatureContribution[];
}

/** Quality of probability predictions on the holdout part. */
export interface HoldoutMetrics {
  /** Area under the ROC curve; null when the holdout has one class only. */
  rocAuc: number | null;
  brier: number;
  logLoss: number;
  /** Holdout rows. */
  n: number;
  /** Completed share of the holdout. */
  positiveRate: number;
  /** 95 % intervals (DeLong for AUC, bootstrap for Brier and log loss), where computed. */
  intervals?: MetricIntervals;
}

/** Calibration quality of predictions on the holdout. */
export interface CalibrationQuality {
  metrics: HoldoutMetrics;
  /** Expected calibration error over 10 equal-width bins. */
  ece: number;
  /** CORP: brier = reliability − resolution + uncertainty. */
  decomposition: BrierDecomposition;
  /** CORP reliability diagram (PAV curve) with its 90 % consistency band. */
  reliability: ReliabilityPoint[];
}

/**
 * One model fit of a training call. (No times here: the report is deterministic apart from
 * `seconds`; the time of each fit shows in the progress events, whose messages name the fit.)
 */
export interface FitRecord {
  /** What the fit was for. */
  role: 'validation' | 'holdout';
  kind: ModelKind;
  features: FeatureSet;
  rows: number;
}

/** One of 10 equal-width bins of predicted probability: (binStart, binEnd] (the first also takes 0). */
export interface CalibrationRow {
  binStart: number;
  binEnd: number;
  count: number;
  /** Mean prediction in the bin; null when empty. */
  meanPredicted: number | null;
  /** Completed share in the bin; null when empty. */
  observedRate: number | null;
}

/** What `trainModel` did and how good the model is. */
export interface TrainingReport {
  /** Invocations in the window (train + test). */
  samplesUsed: number;
  trainRows: number;
  testRows: number;
  /** Completed share of all samples. */
  successRate: number;
  /** Wall-clock seconds of the whole call. */
  seconds: number;
  /** The window: invocations with from < invoked_at ≤ asOf (ISO UTC). */
  window: { from: string; asOf: string; days: number };
  /** Time-ordered split: the first 80 % by (invoked_at, id) train, the rest test. */
  split: {
    /** invoked_at of the first test row. */
    time: string;
    /** invoked_at of the last training row. */
    lastTrainTime: string;
    trainFraction: number;
    rule: string;
  };
  /** The chosen model, its features and how it was chosen. */
  model: { kind: ModelKind; requested: ModelChoice; features: FeatureSet; featureNames: string[] };
  /**
   * 'auto' only: every candidate fitted on the first 64 % and scored on the next 16 % (the
   * validation slice, before the holdout); the incumbent (first) is replaced by the candidate with
   * the lowest Brier only if the upper end of the 95 % interval of (its Brier − the incumbent's)
   * is below 0.
   */
  selection: {
    rows: number;
    candidates: { kind: ModelKind; features: FeatureSet; metrics: HoldoutMetrics; minusIncumbent: MetricDifference | null }[];
    chosen: { kind: ModelKind; features: FeatureSet };
    rule: string;
  } | null;
  /** The holdout model (fit on the training part) on the test part, before calibration. */
  evaluation: HoldoutMetrics & { calibration: CalibrationRow[]; intervals: MetricIntervals; ece: number; decomposition: BrierDecomposition };
  /** The model minus each baseline on the holdout rows, with 95 % intervals (negative Brier / log loss: the model is better). */
  versusBaselines: { trainRate: MetricDifference; perSkillPrior: MetricDifference };
  /**
   * Calibration, evaluated one step back: a model fitted on the first 64 % of rows, calibrated on
   * the next 16 %, scored on the holdout before (`before`) and after (`after`) calibration. The
   * served model's calibrator is fitted the same way one step later: on the holdout predictions of
   * the model fitted on the first 80 %.
   */
  calibration: {
    /** Method of the evaluated calibrator (fitted on the 16 % slice). */
    method: 'isotonic' | 'platt' | 'none';
    /** Method of the served calibrator (fitted on the holdout; 'auto' may choose differently there). */
    servedMethod: 'isotonic' | 'platt' | 'none';
    requested: CalibrationMethod;
    /** Rows the evaluated calibrator was fitted on (the 16 % slice). */
    fitRows: number;
    /** Rows the served calibrator was fitted on (the holdout). */
    servedFitRows: number;
    before: CalibrationQuality;
    after: CalibrationQuality;
    /** after − before on the holdout rows, with 95 % intervals. */
    afterMinusBefore: MetricDifference;
  };
  /**
   * Split-conformal prediction sets of the outcome at `level`: the served threshold is fitted on
   * the holdout predictions of the holdout fit; `evaluated` is the same method one step back
   * (threshold from the validation slice with the 64 % fit, coverage measured on the holdout).
   */
  conformal: { level: number; threshold: number; servedFitRows: number; evaluatedThreshold: number; evaluated: SetCoverage; rule: string };
  /** Each fit, in order. */
  fits: FitRecord[];
  /** Baselines on the same split. */
  baselines: {
    /** Every test row gets the training part's completion rate. */
    trainRate: HoldoutMetrics;
    /** Each test row gets its skill's completion rate in the training part (overall rate for unseen skills). */
    perSkillPrior: HoldoutMetrics;
  };
  /** Of the served model: non-negative, sums to 1. */
  featureImportance: Record<string, number>;
  /** How the model now in use was fitted, e.g. "random forest on the 7 seed features, fitted on the first 16000 rows, platt calibration fitted on the last 4000". */
  servedModel: string;
  options: {
    days: number;
    asOf: string;
    trainFraction: number;
    forest: ResolvedForestOptions;
    boosted: ResolvedBoostedOptions | null;
    model: ModelChoice;
    /** 'auto': no feature set given under model 'auto' (the default candidates). */
    features: FeatureSet | 'auto';
    calibration: CalibrationMethod;
  };
}

/** A score of a stored invocation. */
export interface InvocationScore {
  id: number;
  probability: number;
}

/** Options of `scoreInvocations`: inclusive bounds (default: the first invocation / asOf). */
export interface ScoreOptions extends SourceScope {
  from?: TimeInput;
  to?: TimeInput;
}

/** Options of `scoreOverTime`. */
export interface DriftOptions extends ScoreOptions {
  /** Bucket length (default 'day'; UTC days, weeks from Monday). */
  period?: 'day' | 'week';
  /**
   * The 95 % intervals (DeLong for AUC, bootstrap for Brier, and `newer.intervals`); default true.
   * false leaves them null (and `newer` without `intervals`) and skips their cost: 500 bootstrap
   * resamples per period, most of a call once the scores are kept.
   */
  intervals?: boolean;
}

/** How the served model does on the rows of one period. */
export interface DriftPeriod {
  /** Start of the period (ISO UTC, inclusive). */
  start: string;
  n: number;
  positiveRate: number;
  meanPredicted: number;
  rocAuc: number | null;
  rocAucInterval: Interval | null;
  brier: number;
  brierInterval: Interval | null;
  /** True when the period starts after the model's training window ended (rows it never saw). */
  afterTraining: boolean;
}

/** `scoreOverTime`'s answer. */
export interface DriftReport {
  period: 'day' | 'week';
  /** End of the served model's training window. */
  trainedUntil: string;
  periods: DriftPeriod[];
  /** All rows after the training window together (null when there are none). */
  newer: HoldoutMetrics | null;
}

/** A saved model: `exportModel()`'s output (version 2), read back by `importModel()` (versions 1 and 2). */
export interface ModelJSON {
  format: 'session-buddy-analytics/skill-success-model';
  version: 2;
  featureNames: string[];
  phaseEncoding: PhaseEncoding;
  kind: ModelKind;
  features: FeatureSet;
  /** Present for kind 'forest'. */
  forest?: ForestJSON;
  /** Present for kind 'boosted'. */
  boosted?: BoostedJSON;
  skillEncoding: SkillEncoding | null;
  /** The skill codes of a 'categories' model (absent in files written before it existed). */
  skillCategories?: SkillCategories | null;
  calibrator: Calibrator | null;
  /** Split-conformal threshold (absent in files written before it existed). */
  conformal?: ConformalCalibration | null;
  /** The report of the training that produced the model. */
  training: TrainingReport;
}

/** A version-1 saved model (forest on the 7 seed features, no calibration); still read. */
export interface ModelJSONv1 {
  format: 'session-buddy-analytics/skill-success-model';
  version: 1;
  featureNames: string[];
  phaseEncoding: PhaseEncoding;
  forest: ForestJSON;
  training: TrainingReport;
}
