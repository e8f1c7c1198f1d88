/**
 * The saved model: a versioned JSON document holding the feature names, the phase encoding, the
 * model (forest or boosted trees), the skill mapping (8-feature models), the calibrator and the
 * training report. Version 2 is written; version 1 (a forest on the 7 seed features, no
 * calibration) is still read. A model saved from one file predicts on any other.
 */
import { AnalyticsError } from '../engine/errors.js';
import { boostedFromJSON } from './boosting/index.js';
import { readCalibrator } from './calibrator.js';
import { FEATURE_NAMES } from './features-sql.js';
import { featureNamesOf, type FeatureSet, type FittedModel, type ModelKind } from './fitted-model.js';
import { forestFromJSON } from './forest/index.js';
import { phaseEncoding, samePhaseEncoding } from './phase-encoding.js';
import { readConformal } from './evaluation/conformal.js';
import { readSkillCategories } from './skill-categories.js';
import { readSkillEncoding } from './skill-encoding.js';
import type { ModelJSON, TrainingReport } from './types.js';

/** `format` of a saved model. */
export const MODEL_FORMAT = 'session-buddy-analytics/skill-success-model';
/** The version this build writes (it reads 1 and 2). */
export const MODEL_VERSION = 2;
/** Versions this build reads. */
export const READABLE_MODEL_VERSIONS: readonly number[] = Object.freeze([1, 2]);

/** A model in memory: the fitted model and the report of its training. */
export interface LoadedModel {
  model: FittedModel;
  report: TrainingReport;
}

/**
 * The JSON form of a model.
 * @param loaded model and report
 * @returns plain data; `JSON.stringify` it to save
 */
export function modelToJSON(loaded: LoadedModel): ModelJSON {
  const m = loaded.model;
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    featureNames: featureNamesOf(m.features),
    phaseEncoding: phaseEncoding(),
    kind: m.kind,
    features: m.features,
    ...(m.forest ? { forest: m.forest.toJSON() } : {}),
    ...(m.boosted ? { boosted: m.boosted.toJSON() } : {}),
    skillEncoding: m.skillEncoding ? structuredClone(m.skillEncoding) : null,
    skillCategories: m.skillCategories ? structuredClone(m.skillCategories) : null,
    calibrator: m.calibrator ? structuredClone(m.calibrator) : null,
    conformal: m.conformal ? { ...m.conformal } : null,
    training: structuredClone(loaded.report),
  };
}

function versionError(message: string): never {
  throw new AnalyticsError('MODEL_VERSION', `importModel: ${message}`);
}

function damaged(what: string, e: unknown): never {
  throw new AnalyticsError('INVALID_ARGUMENT', `importModel: the ${what} is damaged: ${e instanceof Error ? e.message : String(e)}`);
}

function parse(json: unknown): Record<string, unknown> {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new AnalyticsError('INVALID_ARGUMENT', `importModel: the text is not JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AnalyticsError('INVALID_ARGUMENT', 'importModel: expected the object (or JSON text) that exportModel() returned');
  }
  return value as Record<string, unknown>;
}

/**
 * Reads a model back (version 1 or 2), checking that it was made for this build's features.
 * @param json `exportModel()`'s object or its JSON text
 * @returns the model
 * @throws AnalyticsError MODEL_VERSION for another format or version, other feature names or another
 *   phase encoding (retrain with this version); INVALID_ARGUMENT for text that is not JSON or a
 *   damaged model / calibrator / report
 */
export function modelFromJSON(json: unknown): LoadedModel {
  const m = parse(json);
  if (m.format !== MODEL_FORMAT) versionError(`unknown format ${JSON.stringify(m.format) ?? 'undefined'}; expected "${MODEL_FORMAT}" (a file written by exportModel())`);
  if (!READABLE_MODEL_VERSIONS.includes(m.version as number))
    versionError(
      `model version ${JSON.stringify(m.version) ?? 'undefined'} is not supported; this build reads versions ${READABLE_MODEL_VERSIONS.join(' and ')}. Retrain the model with this version`,
    );
  const v1 = m.version === 1;
  const kind = (v1 ? 'forest' : m.kind) as ModelKind;
  const features = (v1 ? 'seed' : m.features) as FeatureSet;
  if (kind !== 'forest' && kind !== 'boosted' && kind !== 'blend') versionError(`unknown model kind ${JSON.stringify(m.kind)}`);
  if (features !== 'seed' && features !== 'seed+skill' && features !== 'categories') versionError(`unknown feature set ${JSON.stringify(m.features)}`);
  if (features === 'categories' && kind === 'forest') versionError("feature set 'categories' needs boosted trees");
  const expected = featureNamesOf(features);
  const names = m.featureNames;
  if (!Array.isArray(names) || names.length !== expected.length || names.some((n, i) => n !== expected[i])) {
    versionError(`the model's features (${Array.isArray(names) ? names.join(', ') : 'missing'}) are not this build's (${expected.join(', ')}); retrain the model`);
  }
  if (!samePhaseEncoding(m.phaseEncoding)) versionError('the model uses another workflow-phase encoding; retrain the model');
  const model: FittedModel = { kind, features, forest: null, boosted: null, skillEncoding: null, skillCategories: null, calibrator: null, conformal: null };
  if (kind !== 'boosted') {
    try {
      model.forest = forestFromJSON(m.forest);
    } catch (e) {
      damaged('forest', e);
    }
  }
  if (kind !== 'forest') {
    try {
      model.boosted = boostedFromJSON(m.boosted);
    } catch (e) {
      damaged('boosted model', e);
    }
  }
  // A blend's forest takes the seed features, its boosted trees the model's.
  const sameNames = (inner: readonly string[], names: readonly string[]) => inner.length === names.length && inner.every((n, i) => n === names[i]);
  if ((model.forest && !sameNames(model.forest.featureNames, kind === 'blend' ? FEATURE_NAMES : expected)) || (model.boosted && !sameNames(model.boosted.featureNames, expected)))
    versionError("the trees' feature names differ from the model's; retrain the model");
  if (!v1) {
    try {
      model.skillEncoding = features === 'seed+skill' ? readSkillEncoding(m.skillEncoding) : null;
      model.skillCategories = features === 'categories' ? readSkillCategories(m.skillCategories) : null;
    } catch (e) {
      damaged('skill mapping', e);
    }
    try {
      model.conformal = readConformal(m.conformal);
    } catch (e) {
      damaged('conformal calibration', e);
    }
    try {
      model.calibrator = readCalibrator(m.calibrator);
    } catch (e) {
      damaged('calibrator', e);
    }
  }
  const report = m.training;
  if (typeof report !== 'object' || report === null || typeof (report as TrainingReport).samplesUsed !== 'number') {
    throw new AnalyticsError('INVALID_ARGUMENT', 'importModel: the training report is missing or damaged');
  }
  return { model, report: structuredClone(report as TrainingReport) };
}
