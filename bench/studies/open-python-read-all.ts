/**
 * The reference of the open benches: Python's sqlite3 (Debian's `/usr/bin/python3`) reading every
 * row of skill_invocation that open() reads (execute + fetchall), timed inside Python.
 */
import { execFileSync } from 'node:child_process';

/** The columns open() reads, in id order. */
export const READ_ALL_SQL = 'SELECT id, skill_name, invoked_at, session_id, completed, duration_seconds, workflow_phase FROM skill_invocation ORDER BY id';

/**
 * @param file a skills.db
 * @returns milliseconds Python took to read every row
 */
export function pythonReadAll(file: string): number {
  const script = `import sqlite3, time\nc = sqlite3.connect(${JSON.stringify(file)})\nt = time.perf_counter()\nrows = c.execute(${JSON.stringify(READ_ALL_SQL)}).fetchall()\nprint((time.perf_counter() - t) * 1000)`;
  return Number(execFileSync('/usr/bin/python3', ['-c', script]).toString().trim());
}
