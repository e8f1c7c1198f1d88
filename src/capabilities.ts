/**
 * The capabilities, listed once: each one's name and, per method, whether it writes to the file,
 * which argument holds its options (where `{ source }` goes) and whether it runs beside the
 * worker's call queue. The composition root, the worker's queue, the page client (`scoped`), the
 * report and the browser test harness derive from this list. The types keep it complete: a
 * capability method missing here (or one listed that does not exist) does not compile.
 */
import type { ABTestFramework } from './ab-testing/ABTestFramework.js';
import type { SkillSuccessPredictor } from './predictive/SkillSuccessPredictor.js';
import type { SkillTables } from './skill-tables/SkillTables.js';
import type { TimeSeriesAnalyzer } from './time-series/TimeSeriesAnalyzer.js';

/** How one capability method is called. */
export interface MethodSpec {
  /** The call writes to the file (`info.writeTo`): refused in a scoped view. */
  readonly writes?: true;
  /** Index of the argument holding the call's options, which take `{ source }`; absent: the call covers no files. */
  readonly options?: number;
  /** In the worker: waits for the calls sent before it, then runs beside the queue (training). */
  readonly besideQueue?: true;
}

/** Every public method of a capability class, each with its spec. */
export type MethodSpecs<T> = { readonly [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]-?: MethodSpec };

/** The capability classes, by the name the engine and the page API expose them under. */
export interface Capabilities {
  /** Hourly metrics, trends, anomalies, seasonality, changepoints, forecasts. */
  timeSeries: TimeSeriesAnalyzer;
  /** Success probability of an invocation. */
  predictor: SkillSuccessPredictor;
  /** A/B tests stored in the file. */
  abTesting: ABTestFramework;
  /** Skill tables (session-buddy's V4 tables): live snapshot vs skill_metrics_cache, write-back (materialize). */
  skillTables: SkillTables;
}

export type CapabilityName = keyof Capabilities;

/** The registry: every capability and every one of its methods. */
export const CAPABILITIES: { readonly [K in CapabilityName]: MethodSpecs<Capabilities[K]> } = {
  timeSeries: {
    aggregateHourlyMetrics: { options: 0 },
    aggregateHourlyMetricsColumns: { options: 0 },
    detectTrend: { options: 1 },
    getMultiSkillTrends: { options: 0 },
    getAnomalyDetection: { options: 1 },
    decompose: { options: 1 },
    detectChangepoints: { options: 1 },
    forecast: { options: 1 },
    getTimeSeriesPlotData: { options: 1 },
  },
  predictor: {
    trainModel: { options: 0, besideQueue: true },
    extractFeatures: { options: 4 },
    predictSuccessProbability: { options: 4 },
    predictSuccessWithSpread: { options: 4 },
    getFeatureExplanation: { options: 4 },
    scoreInvocations: { options: 0 },
    scoreOverTime: { options: 0 },
    exportModel: {},
    importModel: {},
    trainingReport: {},
  },
  abTesting: {
    createTest: { writes: true },
    assignUserToGroup: { writes: true },
    assignUsersToGroups: { writes: true },
    recordOutcome: { writes: true },
    recordOutcomes: { writes: true },
    analyzeResults: { options: 1 },
    replay: { options: 1 },
    getTestStatus: { options: 1 },
    stopTest: { writes: true },
    listTests: { options: 0 },
    planTest: {},
  },
  skillTables: {
    getSkillSnapshot: { options: 0 },
    materialize: { writes: true },
  },
};

/** The capability names, in registry order. */
export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as CapabilityName[];

/** The spec of `capability.method`, or undefined when the registry has no such method. */
export function methodSpec(capability: CapabilityName, method: string): MethodSpec | undefined {
  return Object.hasOwn(CAPABILITIES[capability], method) ? (CAPABILITIES[capability] as Record<string, MethodSpec>)[method] : undefined;
}
