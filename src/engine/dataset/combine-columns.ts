/**
 * The invocations of several files as one set of columns: each row keeps the file it came from
 * (`source`), sessions stay distinct per file (session key `<name>:<session_id>`), and ids are made
 * unique by shifting each file's ids by the largest id of the files before it (so the dataset is
 * the same as one file holding every file's rows one after another).
 */
import { emptyColumns, type InvocationColumns } from '../SkillsDatabase.js';

/** One file's columns with its name. */
export interface NamedColumns {
  name: string;
  columns: InvocationColumns;
}

/** The combined columns and, per file, how its ids were shifted. */
export interface CombinedColumns {
  columns: InvocationColumns;
  /** Added to each file's ids, in file order. */
  idOffsets: number[];
}

/** The session key of a session of a file in a dataset of several files. */
export function sessionKey(name: string, sessionId: string): string {
  return `${name}:${sessionId}`;
}

/** Largest id of the columns (0 when empty or all ids ≤ 0). */
function maxId(cols: InvocationColumns): number {
  let m = 0;
  for (let i = 0; i < cols.length; i++) if (cols.id[i] > m) m = cols.id[i];
  return m;
}

/**
 * Concatenates the files' invocations in file order.
 * @param files each file's name and columns (at least two)
 * @returns columns with `source` filled, session keys and shifted ids
 * @example combineColumns([{ name: 'a.db', columns: a }, { name: 'b.db', columns: b }]).columns.sessionId[0] // 'a.db:session-1'
 */
export function combineColumns(files: readonly NamedColumns[]): CombinedColumns {
  const total = files.reduce((n, f) => n + f.columns.length, 0);
  const out: InvocationColumns = { ...emptyColumns(total), length: total, source: { names: files.map((f) => f.name), codes: new Int32Array(total) } };
  const idOffsets: number[] = [];
  let offset = 0,
    at = 0;
  files.forEach(({ name, columns: c }, code) => {
    idOffsets.push(offset);
    for (let i = 0; i < c.length; i++) out.id[at + i] = c.id[i] + offset;
    out.invokedAt.set(c.invokedAt.subarray(0, c.length), at);
    out.completed.set(c.completed.subarray(0, c.length), at);
    out.durationSeconds.set(c.durationSeconds.subarray(0, c.length), at);
    out.source!.codes.fill(code, at, at + c.length);
    for (let i = 0; i < c.length; i++) {
      out.skillName[at + i] = c.skillName[i];
      out.sessionId[at + i] = sessionKey(name, c.sessionId[i]);
      out.workflowPhase[at + i] = c.workflowPhase[i];
    }
    at += c.length;
    offset += maxId(c);
  });
  return { columns: out, idOffsets };
}
