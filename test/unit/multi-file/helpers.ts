/**
 * Multi-file test helpers: fixture copies in a temp folder (never the fixtures themselves), the
 * one-file reference built by make-combined.py with Python's sqlite3, and Python's integrity check.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temp folder holding copies of fixtures; `cleanup()` removes it. */
export function tempCopies(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), `multi-file-${prefix}-`));
  return {
    dir,
    /** Copies test/fixtures/<fixture> to <dir>/<as> and returns its path. */
    copy(fixture: string, as: string): string {
      const path = join(dir, as);
      copyFileSync(join('test/fixtures', fixture), path);
      return path;
    },
    /** Writes bytes to <dir>/<name> and returns the path. */
    write(name: string, bytes: Uint8Array): string {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * One file holding every file's rows, built independently of the engine (Python's sqlite3):
 * session and user ids `<name>:<id>`, ids shifted by the previous files' largest id.
 * @param out path of the file to write
 * @param files name → path of a copy, in dataset order
 * @param ab 'merge' (tests matched by name) or 'none' (only the first file's A/B rows)
 * @returns the reference file's bytes
 */
export function combinedReference(out: string, files: [string, string][], ab: 'merge' | 'none'): Uint8Array {
  const answer = execFileSync('/usr/bin/python3', ['test/unit/multi-file/make-combined.py', out, ...files.map(([n, p]) => `${n}=${p}`), '--ab', ab], { encoding: 'utf8' });
  if (answer.trim() !== 'ok') throw new Error(`make-combined.py: ${answer}`);
  return new Uint8Array(readFileSync(out));
}

/** Python's sqlite3 on a file: integrity_check and row counts of some tables. */
export function pythonCheck(path: string, tables: string[]): { integrity: string; counts: Record<string, number> } {
  const script = `
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
out = {'integrity': db.execute('PRAGMA integrity_check').fetchone()[0], 'counts': {}}
for t in sys.argv[2:]:
    out['counts'][t] = db.execute(f'SELECT count(*) FROM {t}').fetchone()[0]
print(json.dumps(out))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path, ...tables], { encoding: 'utf8' }));
}

/** A training report without its wall-clock time. */
export function withoutTime<T extends { seconds?: number }>(report: T): Omit<T, 'seconds'> {
  const { seconds: _s, ...rest } = report;
  return rest;
}
