/** Success-predictor capability: point-in-time features, random forest or boosted trees, calibration, evaluation with intervals, drift, saved models. */
export { SkillSuccessPredictor } from './SkillSuccessPredictor.js';
export { FEATURES, FEATURE_NAMES, featureSql } from './features-sql.js';
export { PHASE_CODES, NO_PHASE_CODE, OTHER_PHASE_CODE, phaseCode, phaseCodeSql, phaseEncoding } from './phase-encoding.js';
export { MIN_TRAINING_ROWS, TRAIN_FRACTION, splitIndex } from './training.js';
export { CALIBRATION_BINS, calibrationRows, holdoutMetrics, perSkillPrior, trainRatePrediction } from './evaluation/holdout.js';
export { MODEL_FORMAT, MODEL_VERSION, READABLE_MODEL_VERSIONS } from './model-json.js';
export { brierDecomposition, expectedCalibrationError, reliabilityDiagram } from './evaluation/calibration-diagnostics.js';
export { holdoutIntervals } from './evaluation/intervals.js';
export { rocAuc, brierScore, logLoss, calibrationTable } from './evaluation/metrics.js';
export type * from './types.js';
