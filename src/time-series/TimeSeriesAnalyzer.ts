import type { EngineContext } from '../engine/AnalyticsEngine.js';

/** Hourly aggregates, trends and anomalies over the warehouse. */
export class TimeSeriesAnalyzer {
  constructor(private readonly ctx: () => EngineContext) {}
}
