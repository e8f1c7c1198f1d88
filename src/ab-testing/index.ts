/** The A/B testing capability: session-buddy compatible tests stored in the skills.db. */
export { ABTestFramework } from './ABTestFramework.js';
export type { ABTestStatus, ABTestSummary } from './test-records.js';
export type { ABGroup, ABTestConfig, ABTestOutcome, ABTestStatusValue } from './ABTestConfig.js';
export { pythonIsoFormat } from './ABTestConfig.js';
export { assignmentBucket, assignedGroup, groupForBucket } from './assignment-hash.js';
export { buildAnalysis, SRM_THRESHOLD, SEQUENTIAL_SRM_CONCENTRATION, type AnalysisDetails, type AnalysisInput, type AnalyzeOptions } from './analysis.js';
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
export { AB_WARNING_CODES, type ABWarning, type ABWarningCode } from './analysis-warnings.js';
export { planTest, powerAtCurrentSample, type PlanInput, type TestPlan } from './plan.js';
export { AB_TABLE_DDL } from './ab-tables.js';
export { DEFAULT_MIXTURE_SD } from './sequential.js';
export type {
  ABMetric,
  AlwaysValidAnalysis,
  AlwaysValidMetric,
  DecisionRule,
  DurationQuantile,
  DurationQuantileAnalysis,
  GoalResult,
  GuardrailResult,
  HistorySource,
  SequentialSampleRatio,
  VarianceReductionAnalysis,
} from './extended-types.js';
export { DEFAULT_METRIC_MIXTURE_SD } from './confidence-sequences.js';
export { DEFAULT_GUARDRAIL_MARGINS } from './decision-rule.js';
export type { ReplayMethod, ReplayOptions, ReplayResult } from './replay.js';
export type { AdjustedRatio, DurationCap, RatioMetric, RatioMetricsAnalysis } from './ratio-metrics.js';
export { DEFAULT_DURATION_CAP_PERCENTILE } from './ratio-metrics.js';
export type { SegmentAnalysis, SegmentDimension, SegmentDimensionResult, SegmentResult } from './segments.js';
export { MIN_SEGMENT_USERS } from './segments.js';
export type { AdjustedAlwaysValid } from './adjusted-confidence-sequence.js';
export type { HealthCheck, HealthCheckAnalysis, HealthCheckCode } from './health-checks.js';
