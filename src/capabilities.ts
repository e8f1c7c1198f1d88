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

/** Options first, second or fifth; a write; neither. */
const AT_0: MethodSpec = { options: 0 };
const AT_1: MethodSpec = { options: 1 };
const AT_4: MethodSpec = { options: 4 };
const WRITES: MethodSpec = { writes: true };
const PLAIN: MethodSpec = {};

/** One capability's specs, checked: every public method of `T`, and no other name. */
function methods<T>(): <S extends MethodSpecs<T>>(specs: S & { readonly [K in Exclude<keyof S, keyof MethodSpecs<T>>]: never }) => MethodSpecs<T> {
  return (specs) => specs;
}

/** The registry: every capability and every one of its methods (grouped by how they are called). */
export const CAPABILITIES: { readonly [K in CapabilityName]: MethodSpecs<Capabilities[K]> } = {
  timeSeries: methods<TimeSeriesAnalyzer>()({
    ...{ aggregateHourlyMetrics: AT_0, aggregateHourlyMetricsColumns: AT_0, getMultiSkillTrends: AT_0, getMultiSkillAnomalies: AT_0 },
    ...{ detectTrend: AT_1, getAnomalyDetection: AT_1, decompose: AT_1, detectChangepoints: AT_1, forecast: AT_1, getTimeSeriesPlotData: AT_1 },
  }),
  predictor: methods<SkillSuccessPredictor>()({
    ...{ trainModel: { options: 0, besideQueue: true }, scoreInvocations: AT_0, scoreOverTime: AT_0 },
    ...{ extractFeatures: AT_4, predictSuccessProbability: AT_4, predictSuccessWithSpread: AT_4, getFeatureExplanation: AT_4 },
    ...{ exportModel: PLAIN, importModel: PLAIN, trainingReport: PLAIN },
  }),
  abTesting: methods<ABTestFramework>()({
    ...{ createTest: WRITES, assignUserToGroup: WRITES, assignUsersToGroups: WRITES, recordOutcome: WRITES, recordOutcomes: WRITES, stopTest: WRITES },
    ...{ analyzeResults: AT_1, replay: AT_1, getTestStatus: AT_1, listTests: AT_0, planTest: PLAIN },
  }),
  skillTables: methods<SkillTables>()({ getSkillSnapshot: AT_0, materialize: WRITES }),
};

/** The capability names, in registry order. */
export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as CapabilityName[];

/** The spec of `capability.method`, or undefined when the registry has no such method. */
export function methodSpec(capability: CapabilityName, method: string): MethodSpec | undefined {
  return Object.hasOwn(CAPABILITIES[capability], method) ? (CAPABILITIES[capability] as Record<string, MethodSpec>)[method] : undefined;
}
