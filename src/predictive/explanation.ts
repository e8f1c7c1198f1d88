/**
 * Feature explanation of one prediction: each feature's value and its Saabas path contribution
 * (averaged over trees), the bias, and the probability they add up to.
 */
import type { Forest } from './forest/index.js';
import { FEATURES } from './features-sql.js';
import type { FeatureExplanation, SkillFeatureValues, SkillFeatures } from './types.js';

/**
 * The feature row of a {@link SkillFeatures} object, in model order.
 * @param f features by key
 * @returns values in FEATURE_NAMES order
 */
export function featureRow(f: SkillFeatureValues): number[] {
  return FEATURES.map((d) => f[d.key]);
}

/**
 * Explains a forest's prediction for one invocation.
 * @param forest the served forest
 * @param features the invocation's features
 * @returns probability = bias + Σ contribution (up to rounding)
 * @example
 * explainPrediction(forest, features);
 * // { skillName: 'pytest-run', probability: 0.81, bias: 0.72, features: [{ name: 'hour_of_day', value: 19, contribution: 0.004, ... }, ...] }
 */
export function explainPrediction(forest: Forest, features: SkillFeatures): FeatureExplanation {
  const row = featureRow(features);
  const { bias, byFeature } = forest.contributions(row);
  const importance = forest.featureImportance();
  return {
    skillName: features.skillName,
    at: features.at,
    probability: forest.predictProbability(row),
    bias,
    features: FEATURES.map((d, i) => ({
      name: d.name,
      description: d.description,
      value: row[i],
      contribution: byFeature[d.name],
      importance: importance[d.name],
    })),
  };
}
