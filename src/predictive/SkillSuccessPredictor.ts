import type { EngineContext } from '../engine/context.js';
import { AnalyticsError, requireArgument } from '../engine/errors.js';
import { formatIso, MICROS_PER_DAY, toMicros, type TimeInput } from '../engine/time.js';
import type { Progress } from '../engine/types.js';
import { explainPrediction, featureRow } from './explanation.js';
import { loadFeatureMatrix, probeFeatureRow } from './feature-matrix.js';
import { FEATURES } from './features-sql.js';
import { resolveForestOptions } from './forest/index.js';
import { modelFromJSON, modelToJSON, type LoadedModel } from './model-json.js';
import { trainAndEvaluate } from './training.js';
import type {
  FeatureExplanation, InvocationScore, LiveOptions, ModelJSON, ScoreOptions, SessionContext, SkillFeatureValues, SkillFeatures,
  TrainingReport, TrainOptions,
} from './types.js';

/** Earliest bound used when `scoreInvocations` gets no `from`. */
const BEGINNING = Number.MIN_SAFE_INTEGER;

/**
 * Random-forest success probability of a skill invocation, from point-in-time features computed in
 * one DuckDB query (features-sql.ts). Train with {@link trainModel} (or load a saved model with
 * {@link importModel}); then predict for live invocations or score stored ones. `userQuery` is
 * accepted for compatibility with session-buddy's signature but is not a feature.
 */
export class SkillSuccessPredictor {
  private model: LoadedModel | null = null;
  private training: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: () => EngineContext) {}

  /**
   * Trains on the invocations in (asOf − days, asOf]: features of every row from strictly earlier
   * data (they may look back before the window), label = completed. The first 80 % by
   * (invoked_at, id) fit a holdout model scored on the last 20 % against two baselines; then the
   * served model is refit on every row. Calls run one after another; predictions keep using the
   * previous model until the new one is ready.
   * @param options days (30), asOf (latest invocation), onProgress, forest settings
   * @returns the training report
   * @throws AnalyticsError INSUFFICIENT_DATA with fewer than 50 rows or one outcome only in the
   *   training part; INVALID_ARGUMENT for bad days/asOf/forest options
   * @example
   * const report = await predictor.trainModel({ days: 30 });
   * // { samplesUsed: 19961, trainRows: 15968, evaluation: { rocAuc: 0.706, brier: 0.1726, ... }, servedModel: 'refit on all 19961 rows', ... }
   */
  async trainModel(options: TrainOptions = {}): Promise<TrainingReport> {
    const run = this.training.then(() => this.train(options));
    this.training = run.catch(() => undefined);
    return run;
  }

  private async train(options: TrainOptions): Promise<TrainingReport> {
    const startedAt = performance.now();
    const { days = 30, asOf, onProgress, forest = {} } = options;
    requireArgument(typeof days === 'number' && Number.isFinite(days) && days > 0, `trainModel: days must be a positive number (got ${String(days)})`);
    try {
      resolveForestOptions(forest, 1000, FEATURES.length);
    } catch (e) {
      throw new AnalyticsError('INVALID_ARGUMENT', `trainModel: ${e instanceof Error ? e.message.replace(/^trainForest: /, '') : String(e)}`);
    }
    const ctx = this.ctx();
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
    progress({ phase: 'features', done: 0, total: 1, message: 'point-in-time features (one DuckDB query)' });
    const matrix = await loadFeatureMatrix(ctx.warehouse, { fromMicros: windowStartMicros + 1, toMicros: asOfMicros });
    progress({ phase: 'features', done: 1, total: 1, message: `${matrix.labels.length} rows` });
    const model = await trainAndEvaluate(matrix, { days, asOfMicros, windowStartMicros, forest, startedAt, progress });
    this.model = model;
    progress({ phase: 'done', done: 1, total: 1 });
    return structuredClone(model.report);
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
    skillName: string, userQuery: string | null | undefined, workflowPhase: string | null | undefined,
    sessionContext: SessionContext | null | undefined = {}, options: LiveOptions = {},
  ): Promise<SkillFeatures> {
    return this.features('extractFeatures', skillName, userQuery, workflowPhase, sessionContext, options);
  }

  private async features(
    fn: string, skillName: string, userQuery: unknown, workflowPhase: unknown, session: SessionContext | null | undefined, options: LiveOptions,
  ): Promise<SkillFeatures> {
    requireArgument(typeof skillName === 'string' && skillName.length > 0, `${fn}: skillName must be a non-empty string`);
    requireArgument(userQuery === undefined || userQuery === null || typeof userQuery === 'string', `${fn}: userQuery must be a string or null`);
    requireArgument(workflowPhase === undefined || workflowPhase === null || typeof workflowPhase === 'string', `${fn}: workflowPhase must be a string or null`);
    requireArgument(session === undefined || session === null || typeof session === 'object', `${fn}: sessionContext must be an object like { sessionId: 's-1' } or null`);
    const sessionId = session?.sessionId ?? null;
    requireArgument(sessionId === null || typeof sessionId === 'string', `${fn}: sessionContext.sessionId must be a string`);
    const ctx = this.ctx();
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
   * Probability that a live invocation completes (same arguments as {@link extractFeatures}).
   * @returns P(completed) in [0, 1]
   * @throws AnalyticsError MODEL_NOT_TRAINED before trainModel/importModel; INVALID_ARGUMENT as extractFeatures
   * @example await predictor.predictSuccessProbability('pytest-run', null, 'execution', { sessionId: 's-42' }) // 0.7712
   */
  async predictSuccessProbability(
    skillName: string, userQuery: string | null | undefined, workflowPhase: string | null | undefined,
    sessionContext: SessionContext | null | undefined = {}, options: LiveOptions = {},
  ): Promise<number> {
    const model = this.requireModel('predictSuccessProbability');
    const f = await this.features('predictSuccessProbability', skillName, userQuery, workflowPhase, sessionContext, options);
    return model.forest.predictProbability(featureRow(f));
  }

  /**
   * The prediction with each feature's value, path contribution and global importance.
   * @returns `{ probability, bias, features: [{ name, value, contribution, importance, description }] }`, bias + Σ contribution = probability
   * @throws AnalyticsError MODEL_NOT_TRAINED before trainModel/importModel; INVALID_ARGUMENT as extractFeatures
   * @example
   * await predictor.getFeatureExplanation('pytest-run', null, 'execution', { sessionId: 's-42' });
   * // { probability: 0.7712, bias: 0.7203, features: [{ name: 'hour_of_day', value: 19, contribution: 0.0061, importance: 0.1, ... }, ...] }
   */
  async getFeatureExplanation(
    skillName: string, userQuery: string | null | undefined, workflowPhase: string | null | undefined,
    sessionContext: SessionContext | null | undefined = {}, options: LiveOptions = {},
  ): Promise<FeatureExplanation> {
    const model = this.requireModel('getFeatureExplanation');
    const f = await this.features('getFeatureExplanation', skillName, userQuery, workflowPhase, sessionContext, options);
    return explainPrediction(model.forest, f);
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
    const ctx = this.ctx();
    const from = options.from === undefined || options.from === null ? BEGINNING : toMicros(options.from, 'scoreInvocations: from');
    const to = options.to === undefined || options.to === null ? ctx.defaultAsOfMicros : toMicros(options.to, 'scoreInvocations: to');
    if (to === null) return [];
    requireArgument(from <= to, `scoreInvocations: from (${formatIso(from)}) is after to (${formatIso(to)}${options.to === undefined || options.to === null ? ', the default: the latest invocation' : ''})`);
    const m = await loadFeatureMatrix(ctx.warehouse, { fromMicros: from, toMicros: to });
    const p = model.forest.predictMany(m.X);
    return Array.from(m.ids, (id, i) => ({ id, probability: p[i] }));
  }

  /**
   * The served model as versioned JSON (format, version, feature names, phase encoding, forest, report).
   * @returns plain data; save it with `JSON.stringify`
   * @throws AnalyticsError MODEL_NOT_TRAINED
   * @example JSON.stringify(await predictor.exportModel()) // '{"format":"session-buddy-analytics/skill-success-model","version":1,...}'
   */
  async exportModel(): Promise<ModelJSON> {
    return modelToJSON(this.requireModel('exportModel'));
  }

  /**
   * Loads a model saved by {@link exportModel} (from this or any other file) as the served model.
   * @param json the object or its JSON text
   * @returns the report of the training that made it
   * @throws AnalyticsError MODEL_VERSION for another format/version/feature set/phase encoding; INVALID_ARGUMENT for damaged input
   */
  async importModel(json: ModelJSON | string): Promise<TrainingReport> {
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
