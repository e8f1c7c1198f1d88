/**
 * The served model's scores kept per invocation, so that `scoreOverTime` on a window next to the
 * last one (a brush moved by an hour) reads them instead of computing every feature again in
 * DuckDB. A row's features are point-in-time (features-sql.ts: each from strictly earlier rows,
 * whatever the span asked) and a row's score depends on its features only, so the rows of a window
 * cut from a wider span are the same rows with the same scores as the window's own query.
 *
 * One span is kept per context (a file or scope of one open dataset: the invocations do not change
 * while it is open) and per model (a new training or import scores anew). A window outside the kept
 * span loads the window widened by its own length (at least a day) on each side.
 */
import type { EngineContext } from '../engine/context.js';
import { MICROS_PER_DAY } from '../engine/time.js';
import { lowerBound, upperBound } from '../stats/sorted-search.js';
import { loadFeatureMatrix } from './feature-matrix.js';
import { type FittedModel, servedPredictMany } from './fitted-model.js';

/** Scored invocations of a span, ordered by (invoked_at, id). */
export interface ScoredRows {
  /** invoked_at, epoch µs. */
  times: Float64Array;
  /** completed (0/1). */
  labels: Uint8Array;
  /** Served (calibrated) probabilities. */
  scores: Float64Array;
}

interface KeptSpan extends ScoredRows {
  model: FittedModel;
  /** The span's bounds (epoch µs, inclusive). */
  from: number;
  to: number;
}

/** The kept spans, by context; a closed dataset's contexts (and their spans) are let go. */
const spans = new WeakMap<EngineContext, KeptSpan>();

/**
 * The scored invocations with from ≤ invoked_at ≤ to, from the kept span when it covers them.
 * @param ctx the context (a scope of the open dataset)
 * @param model the served model
 * @param from first instant (epoch µs, whole)
 * @param to last instant (epoch µs, whole)
 * @returns views of the kept span (do not modify)
 */
export async function keptScores(ctx: EngineContext, model: FittedModel, from: number, to: number): Promise<ScoredRows> {
  let span = spans.get(ctx);
  if (!span || span.model !== model || from < span.from || to > span.to) {
    const pad = Math.max(to - from, MICROS_PER_DAY);
    const wide = { fromMicros: Math.max(from - pad, Number.MIN_SAFE_INTEGER), toMicros: Math.min(to + pad, Number.MAX_SAFE_INTEGER) };
    const m = await loadFeatureMatrix(ctx.warehouse, wide);
    span = { model, from: wide.fromMicros, to: wide.toMicros, times: m.times, labels: m.labels, scores: servedPredictMany(model, m) };
    spans.set(ctx, span);
  }
  const lo = lowerBound(span.times, from);
  const hi = upperBound(span.times, to);
  return { times: span.times.subarray(lo, hi), labels: span.labels.subarray(lo, hi), scores: span.scores.subarray(lo, hi) };
}
