import type { ContextProvider } from '../engine/context.js';
import { AnalyticsError, requireArgument, toAnalyticsError } from '../engine/errors.js';
import type { TreeWorkers } from '../engine/host.js';
import { formatIso, MICROS_PER_DAY, toMicros, type TimeInput } from '../engine/time.js';
import type { Progress } from '../engine/types.js';
import { resolveBoostedOptions } from './boosting/index.js';
import { driftReport } from './drift.js';
import { explainPrediction, probabilityWithSpread } from './explanation.js';
import { loadFeatureMatrix, probeFeatureRow } from './feature-matrix.js';
import { FEATURES } from './features-sql.js';
import { servedPredictMany } from './fitted-model.js';
import { keptScores } from './kept-scores.js';
import { resolveForestOptions, resolveParallelism, TreePool } from './forest/index.js';
import { modelFromJSON, modelToJSON, type LoadedModel } from './model-json.js';
import { candidatesOf, trainAndEvaluate } from './training.js';
import type {
  DriftOptions,
  DriftReport,
  FeatureExplanation,
  InvocationScore,
  LiveOptions,
  ModelJSON,
  ModelJSONv1,
  ProbabilityWithSpread,
  ScoreOptions,
  SessionContext,
  SkillFeatureValues,
  SkillFeatures,
  TrainingReport,
  TrainOptions,
} from './types.js';

const MODEL_CHOICES = ['forest', 'boosted', 'blend', 'auto'] as const;
const FEATURE_SETS = ['seed', 'seed+skill', 'categories'] as const;
const CALIBRATION_METHODS = ['auto', 'isotonic', 'platt', 'none'] as const;

/** Tree workers are kept this long after a training for the next one (then stopped). */
const POOL_IDLE_MS = 30_000;

/** Earliest bound used when `scoreInvocations` gets no `from`. */
const BEGINNING = Number.MIN_SAFE_INTEGER;

/**
 * Calibrated success probability of a skill invocation (random forest by default, or boosted
 * trees), from point-in-time features (features-sql.ts, point-in-time.ts). Train with {@link trainModel} (or load a saved model with
 * {@link importModel}); then predict for live invocations or score stored ones. `userQuery` is
 * accepted for compatibility with session-buddy's signature but is not a feature.
 */
export class SkillSuccessPredictor {
  private model: LoadedModel | null = null;
  private training: Promise<unknown> = Promise.resolve();
  private idlePool: { pool: TreePool; timer: ReturnType<typeof setTimeout> } | null = null;

  /**
   * @param ctx the open file's context
   * @param treeWorkers the host's tree workers (absent: every tree grows in the calling thread)
   */
  constructor(
    private readonly ctx: ContextProvider,
    private readonly treeWorkers: () => TreeWorkers | undefined = () => undefined,
  ) {}

  /**
   * Trains on the invocations in (asOf − days, asOf]: features of every row from strictly earlier
   * data (they may look back before the window), label = completed. In time order (invoked_at, id):
   * models fitted on the first 64 % are scored and calibrated on the next 16 % (with model 'auto',
   * the default, the candidates are compared there: boosted trees with the phase and the skill as
   * categories, the forest on the 7 features, and the mean of the two); the chosen model fitted on the
   * first 80 % is scored on the last 20 % against two baselines, with 95 % intervals; the served
   * model is that fit plus a calibrator and a split-conformal threshold fitted on the last 20 %.
   * Calls run one after another; predictions keep using the previous model until the new one is ready.
   * @param options days (30), asOf (latest invocation), model ('auto' | 'forest' | 'boosted' | 'blend'; default
   *   'auto'), features ('seed' | 'seed+skill' | 'categories'; default: see TrainOptions), calibration
   *   ('auto' | 'isotonic' | 'platt' | 'none'; default 'auto'), forest / boosted settings, onProgress
   * @returns the training report
   * @throws AnalyticsError INSUFFICIENT_DATA with fewer than 50 rows or one outcome only in a
   *   fitting part; INVALID_ARGUMENT for bad days/asOf/model/features/calibration/forest/boosted options
   * @example
   * const report = await predictor.trainModel({ days: 30 });
   * // { samplesUsed: 20000, evaluation: { rocAuc: 0.705, intervals: { rocAuc: [0.687, 0.723], ... }, ... }, calibration: { method: 'platt', ... }, ... }
   */
  async trainModel(options: TrainOptions = {}): Promise<TrainingReport> {
    const run = this.training.then(() => this.train(options));
    this.training = run.catch(() => undefined);
    return run;
  }

  private async train(options: TrainOptions): Promise<TrainingReport> {
    const startedAt = performance.now();
    const { days = 30, asOf, onProgress, forest = {}, boosted = {}, model = 'auto', calibration = 'auto' } = options;
    const features = options.features ?? null;
    const workers = this.treeWorkers();
    requireArgument(typeof days === 'number' && Number.isFinite(days) && days > 0, `trainModel: days must be a positive number (got ${String(days)})`);
    requireArgument(MODEL_CHOICES.includes(model), `trainModel: model must be ${MODEL_CHOICES.map((m) => `'${m}'`).join(', ')} (got ${JSON.stringify(model)})`);
    requireArgument(
      features === null || FEATURE_SETS.includes(features),
      `trainModel: features must be ${FEATURE_SETS.map((f) => `'${f}'`).join(', ')} (got ${JSON.stringify(features)})`,
    );
    requireArgument(
      !(model === 'forest' && features === 'categories'),
      "trainModel: features 'categories' (native categorical splits) is for model 'boosted' or 'auto', not 'forest'",
    );
    requireArgument(
      CALIBRATION_METHODS.includes(calibration),
      `trainModel: calibration must be ${CALIBRATION_METHODS.map((m) => `'${m}'`).join(', ')} (got ${JSON.stringify(calibration)})`,
    );
    let parallelism: number;
    try {
      const { nTrees } = resolveForestOptions(forest, 1000, FEATURES.length);
      resolveBoostedOptions(boosted);
      parallelism = Math.min(resolveParallelism(options.parallelism ?? forest.parallelism, workers), nTrees);
    } catch (e) {
      throw new AnalyticsError('INVALID_ARGUMENT', `trainModel: ${e instanceof Error ? e.message.replace(/^train(Forest|Boosted): /, '') : String(e)}`);
    }
    const ctx = this.ctx(options);
    const asOfMicros = asOf === undefined || asOf === null ? ctx.defaultAsOfMicros : toMicros(asOf, 'trainModel: asOf');
    if (asOfMicros === null) throw new AnalyticsError('INSUFFICIENT_DATA', 'trainModel: the file has no invocations to train on');
    const progress = (p: Progress) => {
      try {
        onProgress?.(p);
      } catch {
        /* a broken progress callback must not break training */
      }
    };
    const windowStartMicros = asOfMicros - Math.round(days * MICROS_PER_DAY);
    // Tree workers start now, while DuckDB computes the features (or are still warm from the
    // previous training); they are kept 30 s for the next one.
    const pool = workers && parallelism > 1 && candidatesOf(model, features).some((c) => c.kind !== 'boosted') ? this.takePool(workers, parallelism) : null;
    let trained: LoadedModel;
    try {
      progress({ phase: 'features', done: 0, total: 1, message: 'point-in-time features' });
      const matrix = await loadFeatureMatrix(ctx.warehouse, { fromMicros: windowStartMicros + 1, toMicros: asOfMicros });
      progress({ phase: 'features', done: 1, total: 1, message: `${matrix.labels.length} rows` });
      trained = await trainAndEvaluate(matrix, { days, asOfMicros, windowStartMicros, forest, boosted, model, features, calibration, startedAt, progress, pool }).catch(
        (e: unknown) => {
          throw toAnalyticsError(e, 'trainModel: training failed');
        },
      );
    } catch (e) {
      // Fits of a failed training may still be queued: that pool is not reused.
      pool?.close();
      throw e;
    }
    if (pool) this.keepPool(pool);
    this.model = trained;
    progress({ phase: 'done', done: 1, total: 1 });
    return structuredClone(trained.report);
  }

  /**
   * The tree workers for a training: the pool kept from the previous training when it has the
   * same size and every worker is alive (warm workers, no start-up), otherwise a new one.
   */
  private takePool(workers: TreeWorkers, size: number): TreePool {
    const kept = this.idlePool;
    this.idlePool = null;
    if (kept) {
      clearTimeout(kept.timer);
      if (kept.pool.size === size && kept.pool.liveWorkers === size) return kept.pool;
      kept.pool.close();
    }
    return new TreePool(workers, size);
  }

  /** Keeps a pool whose fits are all done for the next training, for {@link POOL_IDLE_MS}. */
  private keepPool(pool: TreePool): void {
    const timer = setTimeout(() => {
      if (this.idlePool?.pool === pool) this.idlePool = null;
      pool.close();
    }, POOL_IDLE_MS);
    (timer as { unref?: () => void }).unref?.();
    this.idlePool = { pool, timer };
  }

  private requireModel(fn: string): LoadedModel {
    if (!this.model) throw new AnalyticsError('MODEL_NOT_TRAINED', `${fn}: no model yet; call trainModel() or importModel(json) first`);
    return this.model;
  }

  /**
   * Point-in-time features of a live invocation, from stored rows at or before `at` (same SQL as
   * training, with the invocation as a probe row).
   * @param skillName the skill
   * @param userQuery not used as a feature (kept for session-buddy's signature)
   * @param workflowPhase the phase, or null
   * @param sessionContext `{ sessionId?, sessionStart? }`; unknown or absent session → session length 0 (or since sessionStart), familiarity 0
   * @param options `{ at }` (default: asOf = the latest invocation)
   * @returns the feature values and what they were computed for
   * @throws AnalyticsError INVALID_ARGUMENT for a bad skill name, phase, session or time
   * @example
   * await predictor.extractFeatures('pytest-run', null, 'execution', { sessionId: 's-42' });
   * // { skillName: 'pytest-run', at: '2026-11-24T19:01:01.656016Z', hourOfDay: 19, dayOfWeek: 1, invocationCount24h: 53, ... }
   */
  async extractFeatures(
    skillName: string,
    userQuery: string | null | undefined,
    workflowPhase: string | null | undefined,
    sessionContext: SessionContext | null | undefined = {},
    options: LiveOptions = {},
  ): Promise<SkillFeatures> {
    return this.features('extractFeatures', skillName, userQuery, workflowPhase, sessionContext, options);
  }

  private async features(
    fn: string,
    skillName: string,
    userQuery: unknown,
    workflowPhase: unknown,
    session: SessionContext | null | undefined,
    options: LiveOptions,
  ): Promise<SkillFeatures> {
    requireArgument(typeof skillName === 'string' && skillName.length > 0, `${fn}: skillName must be a non-empty string`);
    requireArgument(userQuery === undefined || userQuery === null || typeof userQuery === 'string', `${fn}: userQuery must be a string or null`);
    requireArgument(workflowPhase === undefined || workflowPhase === null || typeof workflowPhase === 'string', `${fn}: workflowPhase must be a string or null`);
    requireArgument(session === undefined || session === null || typeof session === 'object', `${fn}: sessionContext must be an object like { sessionId: 's-1' } or null`);
    const sessionId = session?.sessionId ?? null;
    requireArgument(sessionId === null || typeof sessionId === 'string', `${fn}: sessionContext.sessionId must be a string`);
    const ctx = this.ctx(options);
    const at = options?.at === undefined || options.at === null ? ctx.defaultAsOfMicros : toMicros(options.at as TimeInput, `${fn}: at`);
    requireArgument(at !== null, `${fn}: the file has no invocations to take the default time from; pass { at }`);
    const start = session?.sessionStart === undefined || session.sessionStart === null ? null : toMicros(session.sessionStart, `${fn}: sessionContext.sessionStart`);
    requireArgument(start === null || start <= at, `${fn}: sessionContext.sessionStart (${start === null ? '' : formatIso(start)}) is after the invocation time ${formatIso(at)}`);
    const phase = workflowPhase ?? null;
    const row = await probeFeatureRow(ctx.warehouse, { atMicros: at, skillName, sessionId, workflowPhase: phase, sessionStartMicros: start });
    const values = Object.fromEntries(FEATURES.map((d, i) => [d.key, row[i]])) as unknown as SkillFeatureValues;
    return { skillName, at: formatIso(at), workflowPhase: phase, sessionId, ...values };
  }

  /**
   * Probability that a live invocation completes (same arguments as {@link extractFeatures}): the
   * served model's calibrated probability.
   * @returns P(completed) in [0, 1]
   * @throws AnalyticsError MODEL_NOT_TRAINED before trainModel/importModel; INVALID_ARGUMENT as extractFeatures
   * @example await predictor.predictSuccessProbability('pytest-run', null, 'execution', { sessionId: 's-42' }) // 0.7712
   */
  async predictSuccessProbability(
    skillName: string,
    userQuery: string | null | undefined,
    workflowPhase: string | null | undefined,
    sessionContext: SessionContext | null | undefined = {},
    options: LiveOptions = {},
  ): Promise<number> {
    const model = this.requireModel('predictSuccessProbability');
    const f = await this.features('predictSuccessProbability', skillName, userQuery, workflowPhase, sessionContext, options);
    return probabilityWithSpread(model.model, f).probability;
  }

  /**
   * The served probability with the model's raw probability and the spread across the forest's
   * trees (10th-90th percentile, calibrated like the probability; null for boosted trees). Same
   * arguments as {@link extractFeatures}.
   * @returns `{ probability, rawProbability, spread: { low, high, sd, trees } | null }`
   * @throws AnalyticsError MODEL_NOT_TRAINED before trainModel/importModel; INVALID_ARGUMENT as extractFeatures
   * @example
   * await predictor.predictSuccessWithSpread('pytest-run', null, 'execution', { sessionId: 's-42' });
   * // { probability: 0.78, rawProbability: 0.77, spread: { low: 0.66, high: 0.88, sd: 0.08, trees: 100 } }
   */
  async predictSuccessWithSpread(
    skillName: string,
    userQuery: string | null | undefined,
    workflowPhase: string | null | undefined,
    sessionContext: SessionContext | null | undefined = {},
    options: LiveOptions = {},
  ): Promise<ProbabilityWithSpread> {
    const model = this.requireModel('predictSuccessWithSpread');
    const f = await this.features('predictSuccessWithSpread', skillName, userQuery, workflowPhase, sessionContext, options);
    return probabilityWithSpread(model.model, f);
  }

  /**
   * The prediction with each feature's value, path contribution and global importance.
   * @returns `{ probability, rawProbability, spread, scale, bias, features: [{ name, value, contribution, importance, description }] }`;
   *   forest: bias + Σ contribution = rawProbability; boosted: = logit(rawProbability); probability is the calibrated, served value
   * @throws AnalyticsError MODEL_NOT_TRAINED before trainModel/importModel; INVALID_ARGUMENT as extractFeatures
   * @example
   * await predictor.getFeatureExplanation('pytest-run', null, 'execution', { sessionId: 's-42' });
   * // { probability: 0.7712, bias: 0.7203, features: [{ name: 'hour_of_day', value: 19, contribution: 0.0061, importance: 0.1, ... }, ...] }
   */
  async getFeatureExplanation(
    skillName: string,
    userQuery: string | null | undefined,
    workflowPhase: string | null | undefined,
    sessionContext: SessionContext | null | undefined = {},
    options: LiveOptions = {},
  ): Promise<FeatureExplanation> {
    const model = this.requireModel('getFeatureExplanation');
    const f = await this.features('getFeatureExplanation', skillName, userQuery, workflowPhase, sessionContext, options);
    return explainPrediction(model.model, f);
  }

  /**
   * Scores stored invocations with from ≤ invoked_at ≤ to, each from its own point-in-time features.
   * @param options from (default: the beginning), to (default: asOf = the latest invocation), inclusive
   * @returns `{ id, probability }` ordered by (invoked_at, id)
   * @throws AnalyticsError MODEL_NOT_TRAINED; INVALID_ARGUMENT for bad times or from > to
   * @example await predictor.scoreInvocations({ from: '2026-11-24T00:00:00Z' }) // [{ id: 19871, probability: 0.74 }, ...]
   */
  async scoreInvocations(options: ScoreOptions = {}): Promise<InvocationScore[]> {
    const model = this.requireModel('scoreInvocations');
    const ctx = this.ctx(options);
    const from = options.from === undefined || options.from === null ? BEGINNING : toMicros(options.from, 'scoreInvocations: from');
    const to = options.to === undefined || options.to === null ? ctx.defaultAsOfMicros : toMicros(options.to, 'scoreInvocations: to');
    if (to === null) return [];
    requireArgument(
      from <= to,
      `scoreInvocations: from (${formatIso(from)}) is after to (${formatIso(to)}${options.to === undefined || options.to === null ? ', the default: the latest invocation' : ''})`,
    );
    const m = await loadFeatureMatrix(ctx.warehouse, { fromMicros: from, toMicros: to });
    const p = servedPredictMany(model.model, m);
    return Array.from(m.ids, (id, i) => ({ id, probability: p[i] }));
  }

  /**
   * Drift: how the served model (trained here or imported) does on the stored rows with
   * from ≤ invoked_at ≤ to, per UTC day or week, and on all rows newer than its training window
   * together: AUC (DeLong 95 % interval) and Brier (bootstrap 95 % interval). A falling AUC or a
   * rising Brier on newer rows says it is time to retrain.
   * @param options from, to (as scoreInvocations), period 'day' (default) or 'week', intervals (true; false skips them, for speed)
   * @returns `{ period, trainedUntil, periods: [{ start, n, positiveRate, meanPredicted, rocAuc, rocAucInterval, brier, brierInterval, afterTraining }], newer }`
   * @throws AnalyticsError MODEL_NOT_TRAINED; INVALID_ARGUMENT for bad times, from > to or another period
   * @example
   * await predictor.scoreOverTime({ period: 'week' });
   * // { period: 'week', trainedUntil: '2026-11-24T19:00:00Z', periods: [{ start: '2026-11-23T00:00:00.000000Z', n: 1912, rocAuc: 0.71, brier: 0.168, ... }], newer: null }
   */
  async scoreOverTime(options: DriftOptions = {}): Promise<DriftReport> {
    const model = this.requireModel('scoreOverTime');
    const period = options.period ?? 'day';
    requireArgument(period === 'day' || period === 'week', `scoreOverTime: period must be 'day' or 'week' (got ${JSON.stringify(period)})`);
    const ctx = this.ctx(options);
    const from = options.from === undefined || options.from === null ? BEGINNING : toMicros(options.from, 'scoreOverTime: from');
    const to = options.to === undefined || options.to === null ? ctx.defaultAsOfMicros : toMicros(options.to, 'scoreOverTime: to');
    const trainedUntil = toMicros(model.report.window.asOf, "scoreOverTime: the model's asOf");
    if (to === null) return { period, trainedUntil: formatIso(trainedUntil), periods: [], newer: null };
    requireArgument(from <= to, `scoreOverTime: from (${formatIso(from)}) is after to (${formatIso(to)})`);
    const r = await keptScores(ctx, model.model, from, to);
    const intervals = options.intervals ?? true;
    requireArgument(typeof intervals === 'boolean', `scoreOverTime: intervals must be true or false (got ${JSON.stringify(intervals)})`);
    return driftReport(r.times, r.labels, r.scores, period, trainedUntil, intervals);
  }

  /**
   * The served model as versioned JSON (format, version 2, feature names, phase encoding, kind, forest or boosted trees, skill mapping, calibrator, report).
   * @returns plain data; save it with `JSON.stringify`
   * @throws AnalyticsError MODEL_NOT_TRAINED
   * @example JSON.stringify(await predictor.exportModel()) // '{"format":"session-buddy-analytics/skill-success-model","version":2,...}'
   */
  async exportModel(): Promise<ModelJSON> {
    return modelToJSON(this.requireModel('exportModel'));
  }

  /**
   * Loads a model saved by {@link exportModel} (from this or any other file; version 2, or version 1 of earlier builds) as the served model.
   * @param json the object or its JSON text
   * @returns the report of the training that made it
   * @throws AnalyticsError MODEL_VERSION for another format/version/feature set/phase encoding; INVALID_ARGUMENT for damaged input
   */
  async importModel(json: ModelJSON | ModelJSONv1 | string): Promise<TrainingReport> {
    this.model = modelFromJSON(json);
    return structuredClone(this.model.report);
  }

  /**
   * The report of the model in use, or null before any training/import.
   * @returns a copy of the report
   */
  async trainingReport(): Promise<TrainingReport | null> {
    return this.model ? structuredClone(this.model.report) : null;
  }
}
