/** The A/B testing capability: session-buddy compatible tests stored in the skills.db. */
export { ABTestFramework } from './ABTestFramework.js';
export type { ABTestStatus, ABTestSummary } from './test-records.js';
export type { ABGroup, ABTestConfig, ABTestOutcome, ABTestStatusValue } from './ABTestConfig.js';
export { pythonIsoFormat } from './ABTestConfig.js';
export { assignmentBucket, assignedGroup, groupForBucket } from './assignment-hash.js';
export { buildAnalysis, SRM_THRESHOLD, type AnalysisInput, type AnalyzeOptions } from './analysis.js';
export type {
  ABTestAnalysis,
  BayesianAnalysis,
  GroupMetrics,
  Interval,
  OutcomeLevelAnalysis,
  PowerAtCurrentSample,
  RecommendedDecision,
  SampleRatioCheck,
  SecondaryMetric,
  SequentialAnalysis,
  TTestSummary,
  UserLevelAnalysis,
} from './analysis-types.js';
export { planTest, powerAtCurrentSample, type PlanInput, type TestPlan } from './plan.js';
export { AB_TABLE_DDL } from './ab-tables.js';
export { DEFAULT_MIXTURE_SD } from './sequential.js';
