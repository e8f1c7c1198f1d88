/**
 * The composition root: the engine (src/engine, which knows no capability) with every capability
 * of the registry (src/capabilities.ts) built on its contexts, and the capabilities' dataset hooks
 * passed in. This is the class hosts construct (the worker, Node's `openAnalytics`).
 */
import { abDatasetHook } from '../ab-testing/dataset-hook.js';
import { ABTestFramework } from '../ab-testing/ABTestFramework.js';
import type { Capabilities } from '../capabilities.js';
import type { SourceScope } from '../engine/context.js';
import { DatasetEngine } from '../engine/DatasetEngine.js';
import { hourlyCubeIndex } from '../hourly/index.js';
import type { EngineHost } from '../engine/host.js';
import { SkillSuccessPredictor } from '../predictive/SkillSuccessPredictor.js';
import { SkillTables } from '../skill-tables/SkillTables.js';
import { TimeSeriesAnalyzer } from '../time-series/TimeSeriesAnalyzer.js';

export type { OpenOptions } from '../engine/types.js';

export class AnalyticsEngine extends DatasetEngine implements Capabilities {
  private readonly contexts = (scope?: SourceScope) => this.context(scope);

  /** Hourly metrics, trends, anomalies. */
  readonly timeSeries: TimeSeriesAnalyzer = new TimeSeriesAnalyzer(this.contexts);
  /** Success probability of an invocation. */
  readonly predictor: SkillSuccessPredictor = new SkillSuccessPredictor(this.contexts, () => this.host.treeWorkers);
  /** A/B tests stored in the file. */
  readonly abTesting: ABTestFramework = new ABTestFramework(this.contexts);
  /** Skill tables (session-buddy's V4 tables): live snapshot vs skill_metrics_cache, write-back (materialize). */
  readonly skillTables: SkillTables = new SkillTables(this.contexts);

  /** @param host sql.js, DuckDB, the local store and tree workers of this platform */
  constructor(host: EngineHost) {
    super(host, [abDatasetHook], [hourlyCubeIndex]);
  }
}
