/** Histogram gradient boosting (own code, runs in the worker): training, prediction, JSON. */
export { trainBoosted, resolveBoostedOptions, DEFAULT_BOOSTED_OPTIONS } from './train-boosted.js';
export { BoostedModel, boostedFromJSON, sigmoid } from './BoostedModel.js';
export type { BoostedOptions, ResolvedBoostedOptions, BoostedJSON, BoostedTreeJSON } from './types.js';
