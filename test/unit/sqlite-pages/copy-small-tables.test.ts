/**
 * copySmallTables: a sql.js file with every object of the big file's schema and every table's
 * rows (values and storage classes) except skill_invocation's rows and the FTS tables sql.js
 * cannot hold; the engine opens it as a skills.db.
 */
import { readFileSync } from 'node:fs';
import type { Database } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { SkillsDatabase } from '../../../src/engine/SkillsDatabase.js';
import { copySmallTables } from '../../../src/engine/sqlite-pages/copy-small-tables.js';
import { openSqlitePages } from '../../../src/engine/sqlite-pages/sqlite-pages.js';
import { nodeHost } from '../../../src/node/host.js';
import { memoryReadAt } from './pages-helpers.js';

const SQL = await nodeHost.loadSqlJs();

/** Every row of a table with each value's storage class, in rowid order (exact integers as text). */
function rowsOf(db: Database, table: string): unknown[][] {
  const cols = db.exec(`SELECT name FROM pragma_table_info('${table}')`)[0].values.map((r) => String(r[0]));
  const select = cols.map((c) => `typeof("${c}"), CASE typeof("${c}") WHEN 'integer' THEN CAST("${c}" AS TEXT) WHEN 'blob' THEN hex("${c}") ELSE "${c}" END`).join(', ');
  return db.exec(`SELECT ${select} FROM "${table}" ORDER BY rowid`)[0]?.values ?? [];
}

const objects = (db: Database) =>
  db.exec("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")[0].values.map((r) => r.join('|'));

describe('copySmallTables', () => {
  it.each(['test/fixtures/sample.db', 'test/unit/sqlite-pages/references/python-alter.db', 'test/unit/sqlite-pages/references/python-rowid.db'])(
    '%s: same schema and rows, skill_invocation empty, FTS left out',
    async (path) => {
      const bytes = new Uint8Array(readFileSync(path));
      const pages = await openSqlitePages(memoryReadAt(bytes), bytes.byteLength);
      const small = new SQL.Database(await copySmallTables(SQL, pages));
      const full = new SQL.Database(bytes);
      const fts = (o: string) => o.split('|')[1].startsWith('skill_invocation_fts') || o.split('|')[2].startsWith('skill_invocation_fts');
      expect(objects(small)).toEqual(objects(full).filter((o) => !fts(o)));
      const tables = full.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'skill_invocation_fts%'")[0].values.map((r) => String(r[0]));
      let copiedRows = 0;
      for (const t of tables) {
        if (t === 'skill_invocation') continue;
        const want = rowsOf(full, t);
        expect([t, rowsOf(small, t)]).toEqual([t, want]);
        copiedRows += want.length;
      }
      expect(small.exec('SELECT count(*) FROM skill_invocation')[0].values[0][0]).toBe(0);
      const sequence = (db: Database) =>
        db.exec("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'")[0].values[0][0]
          ? db.exec('SELECT name, seq FROM sqlite_sequence ORDER BY name')[0]?.values
          : null;
      if (path.endsWith('sample.db')) expect(sequence(full)?.length).toBeGreaterThan(0);
      expect(sequence(small)).toEqual(sequence(full));
      expect(copiedRows).toBeGreaterThan(0);
      small.close();
      full.close();
    },
  );

  it('the engine opens the copy: A/B tables and schema version as in the full file', async () => {
    const bytes = new Uint8Array(readFileSync('test/fixtures/sample.db'));
    const pages = await openSqlitePages(memoryReadAt(bytes), bytes.byteLength);
    const small = SkillsDatabase.open(SQL, await copySmallTables(SQL, pages));
    const full = SkillsDatabase.open(SQL, bytes);
    expect(small.schema).toEqual({ ...full.schema, tables: full.schema.tables.filter((t) => !t.startsWith('skill_invocation_fts')) });
    expect(small.all('SELECT * FROM ab_test_outcomes ORDER BY outcome_id')).toEqual(full.all('SELECT * FROM ab_test_outcomes ORDER BY outcome_id'));
    expect(small.all('SELECT count(*) AS n FROM ab_test_assignments')).toEqual([{ n: 600 + 600 }]);
    expect(small.readInvocations().columns.length).toBe(0);
    small.close();
    full.close();
  });
});
