/**
 * Every public result and option type of the four capabilities, by name: re-exported by both
 * entries (`session-buddy-analytics` and `session-buddy-analytics/node`), so the two agree.
 */
export type * from './time-series/index.js';
export type * from './ab-testing/index.js';
export type * from './predictive/index.js';
export type * from './skill-tables/index.js';
// Two capabilities name a type `Interval`: the A/B one keeps the name, the predictor's is renamed.
export type { Interval } from './ab-testing/index.js';
export type { Interval as PredictorInterval } from './predictive/index.js';
