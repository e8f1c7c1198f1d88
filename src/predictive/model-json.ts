/**
 * The saved model: a versioned JSON document holding the feature names, the phase encoding, the
 * forest and the training report. A model saved from one file predicts on any other.
 */
import { AnalyticsError } from '../engine/errors.js';
import { forestFromJSON, type Forest } from './forest/index.js';
import { FEATURE_NAMES } from './features-sql.js';
import { phaseEncoding, samePhaseEncoding } from './phase-encoding.js';
import type { ModelJSON, TrainingReport } from './types.js';

/** `format` of a saved model. */
export const MODEL_FORMAT = 'session-buddy-analytics/skill-success-model';
/** The only version this build writes and reads. */
export const MODEL_VERSION = 1;

/** A model in memory: the forest and the report of its training. */
export interface LoadedModel {
  forest: Forest;
  report: TrainingReport;
}

/**
 * The JSON form of a model.
 * @param model forest and report
 * @returns plain data; `JSON.stringify` it to save
 */
export function modelToJSON(model: LoadedModel): ModelJSON {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    featureNames: [...FEATURE_NAMES],
    phaseEncoding: phaseEncoding(),
    forest: model.forest.toJSON(),
    training: structuredClone(model.report),
  };
}

function versionError(message: string): never {
  throw new AnalyticsError('MODEL_VERSION', `importModel: ${message}`);
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
 * Reads a model back, checking that it was made for this build's features.
 * @param json `exportModel()`'s object or its JSON text
 * @returns the model
 * @throws AnalyticsError MODEL_VERSION for another format or version, other feature names or another
 *   phase encoding (retrain with this version); INVALID_ARGUMENT for text that is not JSON or a
 *   damaged forest / report
 */
export function modelFromJSON(json: unknown): LoadedModel {
  const m = parse(json);
  if (m.format !== MODEL_FORMAT) versionError(`unknown format ${JSON.stringify(m.format) ?? 'undefined'}; expected "${MODEL_FORMAT}" (a file written by exportModel())`);
  if (m.version !== MODEL_VERSION) versionError(`model version ${JSON.stringify(m.version) ?? 'undefined'} is not supported; this build reads version ${MODEL_VERSION}. Retrain the model with this version`);
  const names = m.featureNames;
  if (!Array.isArray(names) || names.length !== FEATURE_NAMES.length || names.some((n, i) => n !== FEATURE_NAMES[i])) {
    versionError(`the model's features (${Array.isArray(names) ? names.join(', ') : 'missing'}) are not this build's (${FEATURE_NAMES.join(', ')}); retrain the model`);
  }
  if (!samePhaseEncoding(m.phaseEncoding)) versionError('the model uses another workflow-phase encoding; retrain the model');
  let forest: Forest;
  try {
    forest = forestFromJSON(m.forest);
  } catch (e) {
    throw new AnalyticsError('INVALID_ARGUMENT', `importModel: the forest is damaged: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (forest.featureNames.some((n, i) => n !== FEATURE_NAMES[i])) versionError('the forest\'s feature names differ from the model\'s; retrain the model');
  const report = m.training;
  if (typeof report !== 'object' || report === null || typeof (report as TrainingReport).samplesUsed !== 'number') {
    throw new AnalyticsError('INVALID_ARGUMENT', 'importModel: the training report is missing or damaged');
  }
  return { forest, report: structuredClone(report as TrainingReport) };
}
