/**
 * The features from the warehouse: a column-major matrix of stored rows for the models (training,
 * scoring; point-in-time.ts over the rows of one query) or one feature row (live prediction, the
 * feature SQL of features-sql.ts).
 */
import type { Warehouse } from '../engine/Warehouse.js';
import { FEATURE_NAMES, featureSql } from './features-sql.js';
import { BASE_ROWS_SQL, pointInTimeFeatures, type BaseRows } from './point-in-time.js';

/** Point-in-time features of stored invocations, ordered by (invoked_at, id). */
export interface FeatureMatrix {
  /** Invocation ids. */
  ids: Float64Array;
  /** invoked_at, epoch µs. */
  times: Float64Array;
  /** Skill of each row (for the per-skill baseline). */
  skills: string[];
  /** completed (0/1). */
  labels: Uint8Array;
  /** One column per {@link FEATURE_NAMES} entry. */
  X: Float64Array[];
}

/** A live invocation to compute features for. */
export interface Probe {
  atMicros: number;
  skillName: string;
  sessionId: string | null;
  workflowPhase: string | null;
  sessionStartMicros: number | null;
}

/**
 * Features of every stored invocation with fromMicros ≤ invoked_at ≤ toMicros, from one query that
 * reads no row after toMicros.
 * @param warehouse the open warehouse
 * @param range inclusive bounds in epoch µs
 * @returns the matrix (empty arrays when no row is in range)
 */
export async function loadFeatureMatrix(warehouse: Warehouse, range: { fromMicros: number; toMicros: number }): Promise<FeatureMatrix> {
  // Both warehouses return numeric columns as Float64Arrays (NULL → NaN) and text as arrays.
  const b = (await warehouse.columns(BASE_ROWS_SQL, [range.toMicros, range.fromMicros])) as unknown as BaseRows;
  const { first, X } = pointInTimeFeatures(b, range.fromMicros);
  return {
    ids: b.id.subarray(first),
    times: b.invoked_at_us.subarray(first),
    skills: b.skill_name.slice(first) as string[],
    labels: Uint8Array.from(b.completed.subarray(first), (v) => (v === 1 ? 1 : 0)),
    X,
  };
}

/**
 * Features of one live invocation, by the same SQL (a probe row unioned into the same-skill and
 * same-session rows at or before its time).
 * @param warehouse the open warehouse
 * @param probe the invocation
 * @returns feature values in {@link FEATURE_NAMES} order
 */
export async function probeFeatureRow(warehouse: Warehouse, probe: Probe): Promise<number[]> {
  const params = [probe.atMicros, probe.skillName, probe.sessionId, probe.workflowPhase, probe.sessionStartMicros];
  const [row] = await warehouse.query<Record<string, number>>(featureSql('probe'), params);
  return FEATURE_NAMES.map((name) => Number(row[name]));
}

/**
 * Rows [from, to) of a matrix (a view for typed arrays).
 * @param m the matrix
 * @param from first row
 * @param to end row (exclusive)
 */
export function sliceMatrix(m: FeatureMatrix, from: number, to: number): FeatureMatrix {
  return {
    ids: m.ids.subarray(from, to),
    times: m.times.subarray(from, to),
    skills: m.skills.slice(from, to),
    labels: m.labels.subarray(from, to),
    X: m.X.map((c) => c.subarray(from, to)),
  };
}
