/**
 * What `open()` reports about the invocations, computed from the columns just read (no warehouse
 * needed: `info` answers before DuckDB has the rows).
 */
import type { InvocationColumns } from './SkillsDatabase.js';

/** Counts and time range of the invocations; times in epoch microseconds. */
export interface InvocationSummary {
  n: number;
  skills: number;
  sessions: number;
  first: number | null;
  last: number | null;
  /** Latest invocation at or before `futureFrom`. */
  lastPresent: number | null;
  /** Invocations after `futureFrom`. */
  future: number;
}

/**
 * Summarises the invocations as the warehouse's `count(*)`, `count(DISTINCT …)`, `min`, `max` do.
 * @param cols the invocations read from the file
 * @param futureFrom epoch microseconds after which an invocation counts as dated in the future
 * @param distinctCounts distinct skills and sessions when already known (the cache of opens
 *   stores each text column as a dictionary of its distinct values)
 * @returns counts, distinct skills and sessions, first/last times
 * @example summarizeInvocations(cols, (Date.now() + 86_400_000) * 1000).sessions
 */
export function summarizeInvocations(cols: InvocationColumns, futureFrom: number, distinctCounts?: { skills: number; sessions: number }): InvocationSummary {
  const n = cols.length;
  let first = Infinity,
    last = -Infinity,
    lastPresent = -Infinity,
    future = 0;
  for (let i = 0; i < n; i++) {
    const t = cols.invokedAt[i];
    if (t < first) first = t;
    if (t > last) last = t;
    if (t > futureFrom) future++;
    else if (t > lastPresent) lastPresent = t;
  }
  return {
    n,
    skills: distinctCounts?.skills ?? distinct(cols.skillName, n),
    sessions: distinctCounts?.sessions ?? distinct(cols.sessionId, n),
    first: n ? first : null,
    last: n ? last : null,
    lastPresent: lastPresent === -Infinity ? null : lastPresent,
    future,
  };
}

function distinct(values: readonly string[], n: number): number {
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) seen.add(values[i]);
  return seen.size;
}
