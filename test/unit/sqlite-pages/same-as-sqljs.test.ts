/**
 * The page-by-page reader gives exactly the InvocationColumns and warnings that the sql.js path
 * (SkillsDatabase.readInvocations after openWithLog) gives for the same file: every fixture, the
 * live files with their -wal logs (torn, damaged, big-endian, foreign), files written by Python's
 * sqlite3, and rows with awkward values.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../../src/node/host.js';
import { foreignWal, references, variantFiles } from '../live-files/live-files.js';
import { plain, readBoth } from './pages-helpers.js';

const SQL = await nodeHost.loadSqlJs();
const file = (p: string) => new Uint8Array(readFileSync(p));

describe('page-by-page reader equals the sql.js path', () => {
  it.each([
    ['test/fixtures/sample.db', 2000],
    ['test/fixtures/legacy.db', 2000],
    ['test/fixtures/hostile.db', 2000],
    ['test/fixtures/train20k.db', 20000],
    ['test/fixtures/live/live.db', 2000],
    ['test/unit/sqlite-pages/references/python-alter.db', 398],
    ['test/unit/sqlite-pages/references/python-reserved.db', 398],
    ['test/unit/sqlite-pages/references/python-rowid.db', 11],
  ])('%s', async (path, rows) => {
    const { sqljs, pages } = await readBoth(SQL, file(path));
    expect(pages.columns.length).toBe(rows);
    expect(plain(pages.columns)).toEqual(plain(sqljs.columns));
    expect(pages.warnings).toEqual(sqljs.warnings);
  });

  it.each(variantFiles().map((v) => [v.name, v] as const))('live file, %s', async (_, v) => {
    const { sqljs, pages } = await readBoth(SQL, v.db, v.wal);
    expect(pages.columns.length).toBe(v.ref.count);
    expect(plain(pages.columns)).toEqual(plain(sqljs.columns));
    expect(pages.warnings).toEqual(sqljs.warnings);
    expect(pages.wal).toEqual(sqljs.wal);
    expect(pages.walWarnings).toEqual(sqljs.walWarnings);
  });

  it('a log of another database: the file is read alone with WAL_MISMATCH, as the sql.js path does', async () => {
    const { sqljs, pages } = await readBoth(SQL, file('test/fixtures/live/live.db'), foreignWal());
    expect(sqljs.wal?.applied).toBe(false);
    expect(pages.columns.length).toBe(references.variants['db alone'].count);
    expect(plain(pages.columns)).toEqual(plain(sqljs.columns));
    expect(pages.wal).toEqual(sqljs.wal);
    expect(pages.walWarnings.map((w) => w.code)).toEqual(['WAL_MISMATCH']);
  });
});
