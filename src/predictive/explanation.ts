/**
 * Feature explanation of one prediction: each feature's value and its Saabas path contribution
 * (forest: averaged over trees, probability scale; boosted trees: summed, log-odds scale; a blend:
 * probability scale, see {@link blendContributions}), the bias, the raw and the served
 * (calibrated) probability, and the spread across the trees.
 */
import { FEATURE_NAMES, FEATURES } from './features-sql.js';
import { modelImportance, modelRow, predictionSpread, rawPredictRow, servedPredictRow, type FittedModel } from './fitted-model.js';
import { predictionSet } from './evaluation/conformal.js';
import { SKILL_CATEGORY_DESCRIPTION, SKILL_CATEGORY_FEATURE } from './skill-categories.js';
import { SKILL_FEATURE, SKILL_FEATURE_DESCRIPTION } from './skill-encoding.js';
import type { FeatureExplanation, ProbabilityWithSpread, SkillFeatureValues, SkillFeatures } from './types.js';

/**
 * The seed feature row of a {@link SkillFeatures} object, in model order.
 * @param f features by key
 * @returns values in FEATURE_NAMES order
 */
export function featureRow(f: SkillFeatureValues): number[] {
  return FEATURES.map((d) => f[d.key]);
}

/**
 * Served probability, raw probability and spread of one invocation.
 * @param model the served model
 * @param features the invocation's features
 * @returns `{ probability, rawProbability, spread }`
 */
export function probabilityWithSpread(model: FittedModel, features: SkillFeatures): ProbabilityWithSpread {
  const row = modelRow(model, featureRow(features), features.skillName);
  const raw = rawPredictRow(model, row);
  return {
    probability: servedPredictRow(model, row),
    rawProbability: raw,
    spread: predictionSpread(model, row),
    predictionSet: model.conformal ? predictionSet(model.conformal, raw) : null,
  };
}

/**
 * Explains a model's prediction for one invocation.
 * @param model the served model
 * @param features the invocation's features
 * @returns forest: rawProbability = bias + Σ contribution; boosted: logit(rawProbability) = bias + Σ contribution
 * @example
 * explainPrediction(model, features);
 * // { skillName: 'pytest-run', probability: 0.80, rawProbability: 0.81, scale: 'probability', bias: 0.72, features: [{ name: 'hour_of_day', value: 19, contribution: 0.004, ... }, ...] }
 */
export function explainPrediction(model: FittedModel, features: SkillFeatures): FeatureExplanation {
  const row = modelRow(model, featureRow(features), features.skillName);
  const { bias, byFeature } = model.forest && model.boosted ? blendContributions(model, row) : model.forest ? model.forest.contributions(row) : model.boosted!.contributions(row);
  const importance = modelImportance(model);
  const skill = model.skillCategories ? { name: SKILL_CATEGORY_FEATURE, description: SKILL_CATEGORY_DESCRIPTION } : { name: SKILL_FEATURE, description: SKILL_FEATURE_DESCRIPTION };
  const defs = [...FEATURES.map((d) => ({ name: d.name, description: d.description })), skill].slice(0, row.length);
  return {
    skillName: features.skillName,
    at: features.at,
    ...probabilityWithSpread(model, features),
    scale: model.boosted && !model.forest ? 'log-odds' : 'probability',
    bias,
    features: defs.map((d, i) => ({
      name: d.name,
      description: d.description,
      value: row[i],
      contribution: byFeature[d.name],
      importance: importance[d.name],
    })),
  };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * A blend's contributions on the probability scale: half the forest's (probability scale) plus
 * half the boosted trees' log-odds contributions, each multiplied by (σ(log-odds) − σ(bias)) /
 * (log-odds − bias), so that they add up to the boosted part's probability change from its bias
 * (the slope of the sigmoid's chord; σ′(bias) when the log-odds equal the bias). Then bias +
 * Σ contribution = (forest probability + boosted probability) / 2 = the raw probability.
 * @param model a blend
 * @param row model input row
 * @returns bias and per-feature contributions
 */
export function blendContributions(model: FittedModel, row: number[]): { bias: number; byFeature: Record<string, number> } {
  const f = model.forest!.contributions(row.slice(0, FEATURE_NAMES.length));
  const b = model.boosted!.contributions(row);
  const z = b.bias + Object.values(b.byFeature).reduce((a, v) => a + v, 0);
  const slope = Math.abs(z - b.bias) > 1e-12 ? (sigmoid(z) - sigmoid(b.bias)) / (z - b.bias) : sigmoid(b.bias) * (1 - sigmoid(b.bias));
  const byFeature = Object.fromEntries(Object.entries(b.byFeature).map(([name, v]) => [name, ((f.byFeature[name] ?? 0) + v * slope) / 2]));
  return { bias: (f.bias + sigmoid(b.bias)) / 2, byFeature };
}
