/** Public plain-data types of the success predictor (all structured-cloneable). */
import type { ProgressCallback } from '../engine/types.js';
import type { TimeInput } from '../engine/time.js';
import type { ForestJSON, ForestOptions, ResolvedForestOptions } from './forest/types.js';
import type { SkillFeatureValues } from './features-sql.js';
import type { PhaseEncoding } from './phase-encoding.js';

export type { SkillFeatureValues } from './features-sql.js';
export type { PhaseEncoding } from './phase-encoding.js';

/** Options of `trainModel`. */
export interface TrainOptions {
  /** Length of the training window (asOf − days, asOf], in days (default 30). Features still look back before it. */
  days?: number;
  /** End of the window (inclusive); default: the latest invocation in the file. */
  asOf?: TimeInput;
  /** Progress: 'features', then 'training' (trees of both fits), 'evaluating', 'done'. */
  onProgress?: ProgressCallback;
  /** Forest settings (default: 100 trees, depth 10, 5 rows per leaf, 2 features per split, seed 42). */
  forest?: Omit<ForestOptions, 'onProgress'>;
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
export interface LiveOptions {
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

/** Why the model gave a probability: bias + Σ contribution = probability. */
export interface FeatureExplanation {
  skillName: string;
  at: string;
  probability: number;
  /** The forest's mean training rate at the roots (the prediction before any split). */
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
  /** The holdout model (fit on the training part) on the test part. */
  evaluation: HoldoutMetrics & { calibration: CalibrationRow[] };
  /** Baselines on the same split. */
  baselines: {
    /** Every test row gets the training part's completion rate. */
    trainRate: HoldoutMetrics;
    /** Each test row gets its skill's completion rate in the training part (overall rate for unseen skills). */
    perSkillPrior: HoldoutMetrics;
  };
  /** Of the served model: non-negative, sums to 1. */
  featureImportance: Record<string, number>;
  /** How the model now in use was fitted, e.g. "refit on all 20000 rows". */
  servedModel: string;
  options: { days: number; asOf: string; trainFraction: number; forest: ResolvedForestOptions };
}

/** A score of a stored invocation. */
export interface InvocationScore {
  id: number;
  probability: number;
}

/** Options of `scoreInvocations`: inclusive bounds (default: the first invocation / asOf). */
export interface ScoreOptions {
  from?: TimeInput;
  to?: TimeInput;
}

/** A saved model: `exportModel()`'s output, read back by `importModel()`. */
export interface ModelJSON {
  format: 'session-buddy-analytics/skill-success-model';
  version: 1;
  featureNames: string[];
  phaseEncoding: PhaseEncoding;
  forest: ForestJSON;
  /** The report of the training that produced the model. */
  training: TrainingReport;
}
