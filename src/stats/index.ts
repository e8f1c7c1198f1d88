/**
 * Statistics on numbers and sufficient statistics: pure functions, no I/O. Thin data gives a
 * labelled result (`status`), misuse throws `AnalyticsError('INVALID_ARGUMENT')`.
 */
export { mean, sampleVariance, populationVariance, sampleStandardDeviation } from './descriptive.js';
export { median, medianAbsoluteDeviation, MAD_NORMAL_CONSISTENCY } from './robust.js';
export { zScore, robustZScore } from './z-score.js';
export { summaryFromSums, summaryFromProportion, summaryFromValues, requireSampleSummary } from './sample-summary.js';
export type { SampleSummary } from './sample-summary.js';
export type { ProportionCounts } from './proportion-counts.js';
export { logGamma, logBeta, erfc, regularizedIncompleteBeta, regularizedUpperGamma } from './special-functions.js';
export {
  normalCdf,
  normalSurvival,
  normalTwoSidedPValue,
  normalQuantile,
  studentTCdf,
  studentTSurvival,
  studentTTwoSidedPValue,
  studentTQuantile,
  chiSquareSurvival,
} from './distributions.js';
export { studentTTest, welchTTest } from './two-sample-t-test.js';
export type { TwoSampleTTestResult, TTestOptions, TTestStatus } from './two-sample-t-test.js';
export { userLevelWelchTTest } from './user-level-t-test.js';
export { ordinaryLeastSquares } from './linear-regression.js';
export type { LinearRegressionResult, RegressionOptions, RegressionStatus } from './linear-regression.js';
export { mannKendallTest } from './mann-kendall.js';
export type { MannKendallResult, TrendDirection } from './mann-kendall.js';
export { theilSenSlope } from './theil-sen.js';
export type { TheilSenResult } from './theil-sen.js';
export { tieGroupSizes, kendallTieCorrection } from './tie-counts.js';
export { chiSquareGoodnessOfFit, sampleRatioMismatch } from './chi-square-goodness-of-fit.js';
export type { ChiSquareGoodnessOfFitResult } from './chi-square-goodness-of-fit.js';
export { sampleSizeTwoProportions, powerTwoProportions, minimumDetectableEffectTwoProportions } from './two-proportion-power.js';
export type { TwoProportionDesign, TwoProportionSampleSize } from './two-proportion-power.js';
export { proportionDifference } from './proportion-difference.js';
export type { ProportionDifferenceResult } from './proportion-difference.js';
export { relativeLift } from './relative-lift.js';
export type { RelativeLiftResult } from './relative-lift.js';
export { betaBinomialComparison } from './beta-binomial.js';
export type { BetaBinomialComparison, BetaParameters } from './beta-binomial.js';
export { holmBonferroni } from './holm-bonferroni.js';
export { msprtNormalMixture, runningMinimumPValues } from './msprt.js';
export type { MsprtInput, MsprtResult } from './msprt.js';
export { mulberry32 } from './random.js';
export { normalMixtureRadius, runningIntersection } from './confidence-sequence.js';
export type { ClosedInterval } from './confidence-sequence.js';
export { benjaminiHochberg } from './benjamini-hochberg.js';
export { dirichletMultinomialLogBayesFactor, sequentialSampleRatioTest } from './sequential-sample-ratio.js';
export type { SequentialSampleRatioResult } from './sequential-sample-ratio.js';
export { quantileSorted, clusterBootstrapQuantileDifferences } from './quantile.js';
export type { Cluster, QuantileDifferenceResult } from './quantile.js';
export { regressionAdjustment } from './regression-adjustment.js';
export { deltaMethodRatio, ratioSummary, compareRatios } from './delta-method-ratio.js';
export type { RatioUnit, RatioEstimate, RatioComparison } from './delta-method-ratio.js';
export { differenceOfDifferences } from './difference-of-differences.js';
export type { DifferenceOfDifferences } from './difference-of-differences.js';
export type { AdjustmentUnit, RegressionAdjustmentResult } from './regression-adjustment.js';
export { stl } from './stl.js';
export type { StlOptions, StlResult } from './stl.js';
export { mstl } from './mstl.js';
export type { MstlOptions, MstlResult } from './mstl.js';
export { differenceSigma, peltMeanShift } from './pelt.js';
export type { MeanShift, PeltOptions, PeltResult } from './pelt.js';
export { lineFits, peltLinearTrend } from './pelt-linear.js';
export type { LineFits } from './pelt-linear.js';
export { fitSimpleExponentialSmoothing, sesForecastSd } from './exponential-smoothing.js';
export type { SimpleExponentialSmoothing } from './exponential-smoothing.js';
export { changepoints, dependentNoiseSigma, penaltyValue } from './changepoints.js';
export type { SeriesChange, SeriesChangepointOptions, SeriesChangepoints } from './changepoints.js';
export { forecast } from './forecast.js';
export { detectSeasonalPeriods } from './seasonal-periods.js';
export type { ForecastModel, SeriesForecast, SeriesForecastOptions } from './forecast.js';
export { fitDampedTrend, dampedTrendForecast } from './damped-trend.js';
export type { DampedTrendFit } from './damped-trend.js';
export { pav, isotonicRegression, isotonicPredict } from './isotonic-regression.js';
export type { IsotonicFit } from './isotonic-regression.js';
export { plattScaling, plattPredict, clippedLogit } from './platt-scaling.js';
export type { PlattFit } from './platt-scaling.js';
export { delongAuc, delongDifference } from './delong.js';
export type { DelongEstimate, DelongDifference } from './delong.js';
export { bootstrapMeans } from './bootstrap-means.js';
export type { BootstrapOptions, BootstrapInterval } from './bootstrap-means.js';
export { anomalyScores } from './anomaly-scores.js';
export type { AnomalyScoreOptions } from './anomaly-scores.js';
