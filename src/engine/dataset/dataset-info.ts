/**
 * `info` of a dataset of several files: sums, unions and extremes of the files' own infos, each
 * file listed in `sources`.
 */
import type { InvocationSummary } from '../open-summary.js';
import { formatIso } from '../time.js';
import type { DatabaseInfo, SourceInfo, Warning } from '../types.js';

/** A file of a dataset: its own info (as if opened alone) and what aggregates need. */
export interface InfoMember {
  name: string;
  info: DatabaseInfo;
  summary: InvocationSummary;
  skillNames: ReadonlySet<string>;
  defaultAsOfMicros: number | null;
}

/**
 * One file's entry of `info.sources`.
 * @param m the file
 * @returns name, counts, span, size and the file's own warnings
 */
export function sourceInfo(m: InfoMember): SourceInfo {
  const i = m.info;
  return {
    name: m.name,
    invocations: i.invocations,
    rows: i.rows,
    skills: i.skills,
    sessions: i.sessions,
    firstInvocation: i.firstInvocation,
    lastInvocation: i.lastInvocation,
    asOf: i.asOf,
    schemaVersion: i.schemaVersion,
    fileBytes: i.fileBytes,
    walMode: i.walMode,
    readOnly: i.readOnly,
    localChanges: i.localChanges,
    warnings: i.warnings,
  };
}

/** The latest default asOf of the files (µs), null when every file is empty. */
export function latestAsOf(members: readonly InfoMember[]): number | null {
  let at: number | null = null;
  for (const m of members) if (m.defaultAsOfMicros !== null && (at === null || m.defaultAsOfMicros > at)) at = m.defaultAsOfMicros;
  return at;
}

/**
 * The info of several files as one dataset.
 * @param members the files, in open order
 * @param writeTo the file writes go to
 * @param extra dataset warnings (A/B tests kept apart)
 * @returns counts summed (sessions per file are distinct), skills as a union, the span of all files,
 *   each file's warnings prefixed with its name, and `sources`
 */
export function datasetInfo(members: readonly InfoMember[], writeTo: string, extra: readonly Warning[]): DatabaseInfo {
  const skills = new Set<string>();
  for (const m of members) for (const s of m.skillNames) skills.add(s);
  const first = Math.min(...members.map((m) => m.summary.first ?? Infinity));
  const last = Math.max(...members.map((m) => m.summary.last ?? -Infinity));
  const asOf = latestAsOf(members);
  const tables = [...new Set(members.flatMap((m) => m.info.tables))];
  const target = members.find((m) => m.name === writeTo) ?? members[0];
  const warnings: Warning[] = members.flatMap((m) => m.info.warnings.map((w) => ({ ...w, message: `${m.name}: ${w.message}` })));
  warnings.push(...extra);
  return {
    schemaVersion: Math.min(...members.map((m) => m.info.schemaVersion)),
    invocations: members.reduce((n, m) => n + m.info.invocations, 0),
    rows: members.reduce((n, m) => n + m.info.rows, 0),
    skills: skills.size,
    sessions: members.reduce((n, m) => n + m.info.sessions, 0),
    firstInvocation: Number.isFinite(first) ? formatIso(first) : null,
    lastInvocation: Number.isFinite(last) ? formatIso(last) : null,
    asOf: asOf === null ? null : formatIso(asOf),
    tables,
    walMode: members.some((m) => m.info.walMode),
    wal: null,
    integrity: {
      mode: target.info.integrity.mode,
      problems: members.reduce((n, m) => n + m.info.integrity.problems, 0),
      tables: [...new Set(members.flatMap((m) => m.info.integrity.tables))],
    },
    readOnly: target.info.readOnly,
    fileBytes: members.reduce((n, m) => n + m.info.fileBytes, 0),
    localChanges: members.some((m) => m.info.localChanges),
    warnings,
    sources: members.map(sourceInfo),
    writeTo,
  };
}
