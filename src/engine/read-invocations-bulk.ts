/**
 * Reads skill_invocation a chunk at a time with one SQL statement per chunk whose columns are
 * `group_concat`s: one string crosses from sql.js's wasm per column and chunk instead of one value
 * per cell (per-cell `stmt.get()` was ~5 µs per row). Used when every row has the types
 * session-buddy writes; any other file goes through the row-by-row reader, which coerces and counts.
 */
import type { Database } from 'sql.js';
import type { SchemaInfo } from './schema.js';

/** One chunk of rows in id order; text columns as arrays, numbers as typed arrays. */
export interface BulkChunk {
  count: number;
  /** rowid of the chunk's last row (the next chunk starts after it). */
  lastRowId: number;
  id: Float64Array;
  skillName: string[];
  invokedAt: string[];
  sessionId: string[];
  completed: Uint8Array;
  /** NaN where NULL. */
  durationSeconds: Float64Array;
  workflowPhase: (string | null)[];
}

/** Separator of text values: a control character session-buddy never writes (a value holding it sends the file to the row reader). */
const SEP = '\u001f';

/**
 * True when the bulk reader gives exactly what the row reader gives: `id` is the rowid (so id
 * order is rowid order and ids are unique integers), text columns are text, `completed` and
 * `duration_seconds` are numbers (or NULL duration), `workflow_phase` text or NULL.
 */
export function bulkReadable(db: Database, schema: SchemaInfo): boolean {
  const phase = schema.hasWorkflowPhase ? "typeof(workflow_phase) NOT IN ('text', 'null')" : 'false';
  const duration = schema.hasDuration ? "typeof(duration_seconds) NOT IN ('integer', 'real', 'null')" : 'false';
  const res = db.exec(`SELECT count(*) FROM skill_invocation WHERE id IS NOT rowid OR abs(rowid) > 9007199254740991 OR typeof(id) <> 'integer' OR typeof(skill_name) <> 'text'
    OR typeof(session_id) <> 'text' OR typeof(invoked_at) <> 'text' OR typeof(completed) NOT IN ('integer', 'real') OR ${duration} OR ${phase}
    OR instr(skill_name, char(31)) OR instr(session_id, char(31)) OR instr(invoked_at, char(31)) ${schema.hasWorkflowPhase ? 'OR instr(workflow_phase, char(31))' : ''}`);
  return Number(res[0].values[0][0]) === 0;
}

/**
 * Reads up to `limit` rows with rowid > `afterRowId` (from the first row when null), in rowid (= id) order.
 * @returns the chunk, or null when no rows are left
 */
export function readBulkChunk(db: Database, schema: SchemaInfo, afterRowId: number | null, limit: number): BulkChunk | null {
  const duration = schema.hasDuration ? "group_concat(iif(duration_seconds IS NULL, '', printf('%!.17g', duration_seconds)), ',')" : "''";
  const phase = schema.hasWorkflowPhase ? `group_concat(ifnull('=' || workflow_phase, ''), char(31))` : "''";
  // %!.17g round-trips every double (checked in the tests); group_concat keeps the subquery's order
  // and the ids are checked to ascend.
  const res = db.exec(
    `SELECT count(*), max(rid), group_concat(id, ','), group_concat(skill_name, char(31)), group_concat(invoked_at, char(31)),
            group_concat(session_id, char(31)), group_concat(completed <> 0, ''), ${duration}, ${phase}
     FROM (SELECT rowid AS rid, * FROM skill_invocation ${afterRowId === null ? '' : `WHERE rowid > ${afterRowId}`} ORDER BY rowid LIMIT ${limit})`,
  );
  const v = res[0].values[0];
  const count = Number(v[0]);
  if (count === 0) return null;
  const idText = (v[2] as string).split(',');
  const id = new Float64Array(count);
  let previous = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = Number(idText[i]);
    if (!(x > previous)) throw new Error('skill_invocation ids did not arrive in ascending order');
    id[i] = previous = x;
  }
  const completedText = v[6] as string;
  const completed = new Uint8Array(count);
  for (let i = 0; i < count; i++) completed[i] = completedText.charCodeAt(i) === 49 ? 1 : 0;
  const durationSeconds = new Float64Array(count);
  if (schema.hasDuration) {
    const parts = (v[7] as string).split(',');
    for (let i = 0; i < count; i++) {
      const d = parts[i] === '' ? NaN : Number(parts[i]);
      durationSeconds[i] = Number.isFinite(d) ? d : NaN;
    }
  } else durationSeconds.fill(NaN);
  const workflowPhase: (string | null)[] = new Array<string | null>(count).fill(null);
  if (schema.hasWorkflowPhase) {
    const parts = (v[8] as string).split(SEP);
    for (let i = 0; i < count; i++) workflowPhase[i] = parts[i] === '' ? null : parts[i].slice(1);
  }
  const chunk: BulkChunk = {
    count,
    lastRowId: Number(v[1]),
    id,
    skillName: (v[3] as string).split(SEP),
    invokedAt: (v[4] as string).split(SEP),
    sessionId: (v[5] as string).split(SEP),
    completed,
    durationSeconds,
    workflowPhase,
  };
  if (chunk.skillName.length !== count || chunk.invokedAt.length !== count || chunk.sessionId.length !== count || completedText.length !== count) {
    throw new Error('skill_invocation chunk came back with a different number of values per column');
  }
  return chunk;
}
