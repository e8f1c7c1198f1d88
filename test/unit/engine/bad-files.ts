/**
 * Bad inputs built from real bytes, shared by the Node tests and the worker (Playwright) tests.
 * Each entry names the error code it must end in.
 */
import { readFileSync } from 'node:fs';
import { build as sqliteFile } from '../../hardening/corpus.js';

export interface BadFile {
  name: string;
  bytes: Uint8Array;
  code: string;
}

export async function badFiles(sampleDb = 'test/fixtures/sample.db'): Promise<BadFile[]> {
  const sample = new Uint8Array(readFileSync(sampleDb));
  let seed = 42;
  const random = new Uint8Array(8192).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 255);
  return [
    { name: 'empty file', bytes: new Uint8Array(0), code: 'NOT_SQLITE' },
    { name: 'random bytes', bytes: random, code: 'NOT_SQLITE' },
    { name: 'an HTML page', bytes: new TextEncoder().encode('<!doctype html><html><body><h1>Not a database</h1></body></html>'), code: 'NOT_SQLITE' },
    { name: 'a truncated skills.db (first 40%)', bytes: sample.slice(0, Math.floor(sample.length * 0.4)), code: 'CORRUPT_DATABASE' },
    { name: 'a skills.db cut mid-page', bytes: sample.slice(0, 4096 * 10 + 1000), code: 'CORRUPT_DATABASE' },
    {
      name: 'a SQLite file without skill_invocation',
      bytes: await sqliteFile("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES ('hello');"),
      code: 'MISSING_TABLE',
    },
    {
      name: 'skill_invocation without invoked_at',
      bytes: await sqliteFile(
        "CREATE TABLE skill_invocation(id INTEGER PRIMARY KEY, skill_name TEXT, session_id TEXT, completed BOOLEAN); INSERT INTO skill_invocation VALUES (1, 'a', 's', 1);",
      ),
      code: 'MISSING_COLUMN',
    },
  ];
}
