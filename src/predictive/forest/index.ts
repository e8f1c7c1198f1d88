/**
 * Random-forest classifier for tabular binary data: ml-cart's split rule with a linear sweep,
 * flat typed-array trees, soft-vote probabilities, MDI importance and Saabas contributions.
 */
export { trainForest, resolveForestOptions } from './train-forest.js';
export { forestFromJSON } from './forest-json.js';
export { CancelToken, TreePool, resolveParallelism } from './tree-pool.js';
export type { Forest, ForestJSON, ForestOptions, TreeJSON } from './types.js';
