/**
 * The report's file filter: every analysis the panels ask for is scoped to one file of the open
 * dataset by adding `source` to the call's options; writes are refused in a filtered view (they go
 * to the dataset's `writeTo` file and take the whole dataset's test ids).
 */
import type { Analytics } from '../../src/client/index.js';

type CapabilityName = 'timeSeries' | 'predictor' | 'abTesting' | 'skillTables';

/** Where each read call takes its options object (argument index). */
const OPTIONS_AT: Record<CapabilityName, Record<string, number>> = {
  timeSeries: {
    aggregateHourlyMetrics: 0,
    aggregateHourlyMetricsColumns: 0,
    detectTrend: 1,
    getMultiSkillTrends: 0,
    getAnomalyDetection: 1,
    decompose: 1,
    detectChangepoints: 1,
    forecast: 1,
    getTimeSeriesPlotData: 1,
  },
  abTesting: { analyzeResults: 1, listTests: 0, replay: 1, getTestStatus: 1 },
  predictor: { trainModel: 0, extractFeatures: 4, predictSuccessProbability: 4, predictSuccessWithSpread: 4, getFeatureExplanation: 4, scoreInvocations: 0, scoreOverTime: 0 },
  skillTables: { getSkillSnapshot: 0 },
};

/** Calls that write (refused while a filter is on). */
const WRITES = new Set(['createTest', 'assignUserToGroup', 'assignUsersToGroups', 'recordOutcome', 'recordOutcomes', 'stopTest', 'materialize']);

/**
 * @param analytics the page API on a dataset of several files
 * @param source the file to show
 * @returns the same API with every analysis scoped to `source`
 * @example scopeAnalytics(analytics, 'ana.db').timeSeries.getMultiSkillTrends({ windowDays: 7 }) // ana.db's trends
 */
export function scopeAnalytics(analytics: Analytics, source: string): Analytics {
  const scope = (name: CapabilityName) =>
    new Proxy(analytics[name], {
      get:
        (t, method: string) =>
        (...args: unknown[]) => {
          if (WRITES.has(method)) {
            return Promise.reject(new Error(`Writes are made from the view of all files (they go to the file named in "Writes go to"); choose "All files" first`));
          }
          const at = OPTIONS_AT[name][method];
          if (at !== undefined) {
            while (args.length < at) args.push(undefined);
            args[at] = { ...((args[at] as object | undefined) ?? {}), source };
          }
          return (t as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method](...args);
        },
    });
  const scoped = { timeSeries: scope('timeSeries'), predictor: scope('predictor'), abTesting: scope('abTesting'), skillTables: scope('skillTables') };
  return new Proxy(analytics, { get: (t, key: string) => (key in scoped ? scoped[key as CapabilityName] : Reflect.get(t, key)) });
}
