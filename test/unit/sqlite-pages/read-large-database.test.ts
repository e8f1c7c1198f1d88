/**
 * readLargeDatabase (Node): a skills.db and its -wal beside it, read page by page from disk, gives
 * the columns and warnings of the sql.js path and a small file with the other tables.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { SkillsDatabase } from '../../../src/engine/SkillsDatabase.js';
import { openWithLog } from '../../../src/engine/wal/open-with-log.js';
import { nodeHost } from '../../../src/node/host.js';
import { readLargeDatabase } from '../../../src/node/read-large-database.js';
import { plain } from './pages-helpers.js';

const SQL = await nodeHost.loadSqlJs();
const dir = mkdtempSync(join(tmpdir(), 'large-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readLargeDatabase', () => {
  it('reads <path> with <path>-wal as the sql.js path reads the pair', async () => {
    const path = join(dir, 'skills.db');
    copyFileSync('test/fixtures/live/live.db', path);
    copyFileSync('test/fixtures/live/live.db-wal', `${path}-wal`);
    const got = await readLargeDatabase(path);
    const ref = openWithLog(SQL, new Uint8Array(readFileSync(path)), new Uint8Array(readFileSync(`${path}-wal`)));
    const want = ref.db.readInvocations();
    expect(got.columns.length).toBe(2300);
    expect(plain(got.columns)).toEqual(plain(want.columns));
    expect(got.warnings).toEqual([...ref.warnings, ...want.warnings]);
    expect(got.wal).toEqual(ref.wal);
    expect(got.fileBytes).toBe(1957888);
    expect(got.walMode).toBe(true); // live.db's header: bytes 18-19 = 2 (info.walMode of the engine's whole-file path)
    const small = SkillsDatabase.open(SQL, got.smallDb);
    expect(small.all('SELECT count(*) AS n FROM ab_test_configs')).toEqual(ref.db.all('SELECT count(*) AS n FROM ab_test_configs'));
    expect(small.all('SELECT count(*) AS n FROM skill_invocation')).toEqual([{ n: 0 }]);
    small.close();
    ref.db.close();
    // The files are only read: no checkpoint, no -shm.
    expect(readFileSync(`${path}-wal`).byteLength).toBe(2278392);
  });

  it('wal: null reads the database alone; a missing file is INVALID_ARGUMENT', async () => {
    const path = join(dir, 'skills.db');
    const alone = await readLargeDatabase(path, { wal: null, SQL, skipRows: ['skill_invocation', 'session_skills'] });
    expect(alone.columns.length).toBe(2000);
    expect(alone.wal).toBeNull();
    const small = SkillsDatabase.open(SQL, alone.smallDb);
    expect(small.all('SELECT count(*) AS n FROM session_skills')).toEqual([{ n: 0 }]);
    expect(small.all('SELECT count(*) AS n FROM skill_metrics')).toEqual([{ n: 30 }]); // sqlite3 on a copy of live.db: 30 skills, 952 session_skills rows
    small.close();
    await expect(readLargeDatabase(join(dir, 'nope.db'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(readLargeDatabase(path, { wal: join(dir, 'nope.db-wal') })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
