/**
 * One fitted predictor, whatever its kind: a random forest or boosted trees, on the seed's 7
 * features, those plus the skill as a smoothed rate ('seed+skill'), or (boosted trees only) those
 * with the workflow phase and the skill as native categories ('categories'), with an optional
 * calibrator. Fitting, raw and served (calibrated) predictions, the per-prediction spread across
 * trees, contributions.
 */
import { trainBoosted, type BoostedModel, type BoostedOptions } from './boosting/index.js';
import { calibrate, calibrateMany, type Calibrator } from './calibrator.js';
import type { ConformalCalibration } from './evaluation/conformal.js';
import type { FeatureMatrix } from './feature-matrix.js';
import { FEATURE_NAMES } from './features-sql.js';
import { trainForest, type CancelToken, type Forest, type ForestOptions, type TreePool } from './forest/index.js';
import { fitSkillCategories, SKILL_CATEGORY_FEATURE, skillCodes, type SkillCategories } from './skill-categories.js';
import { encodeSkill, encodeSkills, fitSkillEncoding, orderedSkillColumn, SKILL_FEATURE, type SkillEncoding } from './skill-encoding.js';

/**
 * The model family. 'blend': the mean of the probabilities of a random forest on the 7 seed
 * features and of boosted trees on the model's feature set (both fitted on the same rows).
 */
export type ModelKind = 'forest' | 'boosted' | 'blend';
/**
 * The feature set: the seed's 7 features; those plus the skill as its smoothed completion rate
 * ('seed+skill'); or those with the workflow phase as a category plus the skill as a category
 * ('categories', boosted trees only).
 */
export type FeatureSet = 'seed' | 'seed+skill' | 'categories';

/** Column of the workflow phase among the seed features (a category in the 'categories' set). */
export const PHASE_COLUMN = FEATURE_NAMES.indexOf('workflow_phase_encoded');
/** Categorical columns of the 'categories' set: the phase and the skill (8th). */
export const CATEGORICAL_COLUMNS: readonly number[] = Object.freeze([PHASE_COLUMN, FEATURE_NAMES.length]);

/** A fitted model and what it needs to predict. */
export interface FittedModel {
  kind: ModelKind;
  /** The feature set (a blend's forest takes its first 7 columns, the seed features). */
  features: FeatureSet;
  /** The forest (forest and blend). */
  forest: Forest | null;
  /** The boosted trees (boosted and blend). */
  boosted: BoostedModel | null;
  /** The skill mapping (seed+skill only). */
  skillEncoding: SkillEncoding | null;
  /** The skill codes ('categories' only). */
  skillCategories: SkillCategories | null;
  /** Applied to every served probability; null: raw probabilities. */
  calibrator: Calibrator | null;
  /** Split-conformal threshold of the prediction sets (null: none, e.g. a model saved before them). */
  conformal: ConformalCalibration | null;
}

/** Spread of one prediction across the forest's trees, each tree's probability calibrated like the served one. */
export interface PredictionSpread {
  /** 10th percentile of the trees' probabilities. */
  low: number;
  /** 90th percentile. */
  high: number;
  /** Standard deviation of the trees' (calibrated) probabilities. */
  sd: number;
  /** Number of trees. */
  trees: number;
}

/**
 * Feature names of a feature set.
 * @param features the set
 * @returns names in column order
 * @example featureNamesOf('seed+skill').length // 8
 */
export function featureNamesOf(features: FeatureSet): string[] {
  return features === 'seed' ? [...FEATURE_NAMES] : [...FEATURE_NAMES, features === 'seed+skill' ? SKILL_FEATURE : SKILL_CATEGORY_FEATURE];
}

/**
 * The model's input columns for a feature matrix.
 * @param model the model (its skill mapping)
 * @param m the matrix
 * @returns 7 or 8 columns
 */
export function modelColumns(model: Pick<FittedModel, 'features' | 'skillEncoding' | 'skillCategories'>, m: FeatureMatrix): Float64Array[] {
  if (model.skillCategories) return [...m.X, skillCodes(model.skillCategories, m.skills)];
  return model.features === 'seed' || !model.skillEncoding ? m.X : [...m.X, encodeSkills(model.skillEncoding, m.skills)];
}

/**
 * The model's input row for one live invocation.
 * @param model the model
 * @param seedRow the 7 seed feature values
 * @param skill the skill name
 * @returns 7 or 8 values
 */
export function modelRow(model: Pick<FittedModel, 'features' | 'skillEncoding' | 'skillCategories'>, seedRow: number[], skill: string): number[] {
  if (model.skillCategories) return [...seedRow, skillCodes(model.skillCategories, [skill])[0]];
  return model.features === 'seed' || !model.skillEncoding ? seedRow : [...seedRow, encodeSkill(model.skillEncoding, skill)];
}

/**
 * Raw (uncalibrated) probabilities of every row of a matrix.
 * @param model the model
 * @param m the matrix
 * @returns probabilities
 */
export function rawPredictMany(model: FittedModel, m: FeatureMatrix): Float64Array {
  const X = modelColumns(model, m);
  if (model.forest && model.boosted) return blendMany(model.forest.predictMany(X.slice(0, FEATURE_NAMES.length)), model.boosted.predictMany(X));
  return model.forest ? model.forest.predictMany(X) : model.boosted!.predictMany(X);
}

/**
 * A blend's probabilities: the mean of its forest's and its boosted trees' probabilities.
 * @param forest the forest's probabilities
 * @param boosted the boosted trees' probabilities of the same rows
 * @returns (forest + boosted) / 2, row by row
 * @example blendMany(Float64Array.of(0.6), Float64Array.of(0.8)) // Float64Array [0.7]
 */
export function blendMany(forest: Float64Array, boosted: Float64Array): Float64Array {
  const out = new Float64Array(forest.length);
  for (let i = 0; i < out.length; i++) out[i] = (forest[i] + boosted[i]) / 2;
  return out;
}

/**
 * Served (calibrated) probabilities of every row.
 * @param model the model
 * @param m the matrix
 * @returns probabilities
 */
export function servedPredictMany(model: FittedModel, m: FeatureMatrix): Float64Array {
  return calibrateMany(model.calibrator, rawPredictMany(model, m));
}

/**
 * One row's raw probability.
 * @param model the model
 * @param row model input row ({@link modelRow})
 * @returns the probability before calibration
 */
export function rawPredictRow(model: FittedModel, row: number[]): number {
  if (model.forest && model.boosted) return (model.forest.predictProbability(row.slice(0, FEATURE_NAMES.length)) + model.boosted.predictProbability(row)) / 2;
  return model.forest ? model.forest.predictProbability(row) : model.boosted!.predictProbability(row);
}

/**
 * One row's served probability.
 * @param model the model
 * @param row model input row
 * @returns the calibrated probability
 */
export function servedPredictRow(model: FittedModel, row: number[]): number {
  return calibrate(model.calibrator, rawPredictRow(model, row));
}

/**
 * Spread across the forest's trees (null for boosted trees, whose trees are additive steps, not
 * votes, and for a blend, whose probability is not the forest's).
 * @param model the model
 * @param row model input row
 * @returns 10th/90th percentiles and sd of the calibrated per-tree probabilities
 */
export function predictionSpread(model: FittedModel, row: number[]): PredictionSpread | null {
  if (!model.forest || model.boosted) return null;
  const v = calibrateMany(model.calibrator, model.forest.treeProbabilities(row)).sort();
  const at = (q: number) => {
    const h = (v.length - 1) * q;
    const lo = Math.floor(h);
    return v[lo] + (v[Math.min(v.length - 1, lo + 1)] - v[lo]) * (h - lo);
  };
  let mean = 0;
  for (const x of v) mean += x;
  mean /= v.length;
  let ss = 0;
  for (const x of v) ss += (x - mean) ** 2;
  return { low: at(0.1), high: at(0.9), sd: Math.sqrt(ss / Math.max(1, v.length - 1)), trees: v.length };
}

/** Settings of {@link fitModel}. */
export interface FitSettings {
  forest: Omit<ForestOptions, 'onProgress'>;
  boosted: Omit<BoostedOptions, 'onProgress'>;
  onProgress?: (done: number, total: number) => void;
  /** Tree workers for a forest's trees or a boosted fit (absent or null: this thread). */
  pool?: TreePool | null;
  /** Cancels the fit on the pool (a speculative fit no longer needed). */
  token?: CancelToken;
  /** The stable argsort of each seed column of the fitting rows, if the caller has it (a forest's fit sorts them otherwise). */
  seedOrder?: Int32Array[];
}

/**
 * Fits a model (without calibrator) on the rows of a matrix; the skill mapping, if any, is learned
 * from the same rows (and the fitting rows get the ordered, earlier-rows-only column).
 * @param kind forest or boosted
 * @param features seed or seed+skill
 * @param m the fitting rows
 * @param s options and progress
 * @returns the model with calibrator null
 */
export async function fitModel(kind: ModelKind, features: FeatureSet, m: FeatureMatrix, s: FitSettings): Promise<FittedModel> {
  if (kind === 'forest' && features === 'categories') throw new Error("fitModel: the 'categories' feature set is for boosted trees only");
  if (kind === 'blend') {
    // Both parts at once (with tree workers: the forest's trees and the boosted fit on the workers).
    const done = [0, 0];
    const part = (k: number): FitSettings => ({ ...s, onProgress: s.onProgress && ((d) => s.onProgress!((done[k] = d) + done[1 - k], 0)) });
    const [forest, boosted] = await Promise.all([fitModel('forest', 'seed', m, part(0)), fitModel('boosted', features, m, part(1))]);
    return blendOf(forest, boosted);
  }
  const skillEncoding = features === 'seed+skill' ? fitSkillEncoding(m.skills, m.labels) : null;
  const skillCategories = features === 'categories' ? fitSkillCategories(m.skills) : null;
  const X = skillEncoding
    ? [...m.X, orderedSkillColumn(m.skills, m.labels, skillEncoding.prior, skillEncoding.smoothing)]
    : skillCategories
      ? [...m.X, skillCodes(skillCategories, m.skills)]
      : m.X;
  const names = featureNamesOf(features);
  if (kind === 'forest') {
    const forest = await trainForest(X, m.labels, names, { ...s.forest, onProgress: s.onProgress }, s.pool ?? undefined, s.token, features === 'seed' ? s.seedOrder : undefined);
    return { kind, features, forest, boosted: null, skillEncoding, skillCategories, calibrator: null, conformal: null };
  }
  const categoricalFeatures = skillCategories ? [...CATEGORICAL_COLUMNS] : [];
  const boosted = s.pool
    ? await s.pool.boost(X, m.labels, names, { ...s.boosted, categoricalFeatures }, s.onProgress, s.token)
    : await trainBoosted(X, m.labels, names, { ...s.boosted, categoricalFeatures, onProgress: s.onProgress });
  return { kind, features, forest: null, boosted, skillEncoding, skillCategories, calibrator: null, conformal: null };
}

/**
 * The blend of two fits of the same rows.
 * @param forest a forest on the seed features
 * @param boosted boosted trees (any feature set: the blend's)
 * @returns the blend (calibrator and conformal null)
 */
export function blendOf(forest: FittedModel, boosted: FittedModel): FittedModel {
  if (!forest.forest || forest.features !== 'seed' || !boosted.boosted) throw new Error('blendOf: needs a forest on the seed features and boosted trees');
  return { ...boosted, kind: 'blend', forest: forest.forest, calibrator: null, conformal: null };
}

/**
 * Trees (or boosting iterations) one fit grows.
 * @param kind the family
 * @param s options
 * @param forestTrees the forest's resolved tree count
 * @returns the count
 */
export function fitSteps(kind: ModelKind, s: FitSettings, forestTrees: number): number {
  const iterations = s.boosted.maxIter ?? 100;
  return kind === 'forest' ? forestTrees : kind === 'boosted' ? iterations : forestTrees + iterations;
}

/**
 * Feature importance of either family (sums to 1).
 * @param model the model
 * @returns importance by feature name
 */
export function modelImportance(model: FittedModel): Record<string, number> {
  if (model.forest && model.boosted) {
    // A blend: the mean of its parts' importances (the forest gives the skill none).
    const f = model.forest.featureImportance();
    return Object.fromEntries(Object.entries(model.boosted.featureImportance()).map(([name, v]) => [name, ((f[name] ?? 0) + v) / 2]));
  }
  return model.forest ? model.forest.featureImportance() : model.boosted!.featureImportance();
}
