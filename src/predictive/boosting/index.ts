/** Histogram gradient boosting (own code, runs in the worker): training, prediction, JSON. */
export { trainBoosted, resolveBoostedOptions } from './train-boosted.js';
export { BoostedModel, boostedFromJSON } from './BoostedModel.js';
export type { BoostedOptions } from './types.js';
