/**
 * The page reader is open()'s reader of skill_invocation (src/engine/sqlite-pages/read-in-memory.ts):
 * it must refuse every damaged file sql.js's row-by-row read refuses. Random byte flips in
 * test/fixtures/sample.db (1-4 bytes anywhere past page 1, 300 seeds): wherever sql.js opens the
 * file, the page reader either gives exactly sql.js's columns and warnings or CORRUPT_DATABASE, and
 * it is CORRUPT_DATABASE wherever sql.js's read fails. Where only the page reader refuses, the
 * record breaks the file format (a reserved serial type, a record header longer than its record;
 * sql.js reads those rows with a NULL or a garbled time): damage in skill_invocation, which open() refuses (verify-on-open.ts: VITAL tables).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AnalyticsError } from '../../../src/engine/errors.js';
import { SkillsDatabase } from '../../../src/engine/SkillsDatabase.js';
import { readInvocationsInMemory } from '../../../src/engine/sqlite-pages/read-in-memory.js';
import { nodeHost } from '../../../src/node/host.js';
import { plain } from './pages-helpers.js';

const SQL = await nodeHost.loadSqlJs();

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('the page reader is at least as strict as sql.js', () => {
  it('300 damaged copies of sample.db: never a read sql.js refuses, never other rows than sql.js', async () => {
    const sample = new Uint8Array(readFileSync('test/fixtures/sample.db'));
    const page = 4096;
    const pages = sample.length / page;
    const tally = { same: 0, bothRefuse: 0, onlyPagesRefuse: 0, sqljsOpenFails: 0 };
    const onlyPages: string[] = [];
    for (let seed = 1; seed <= 300; seed++) {
      const r = lcg(7000 + seed);
      const bytes = sample.slice();
      const flips = 1 + Math.floor(r() * 4);
      for (let j = 0; j < flips; j++) bytes[(1 + Math.floor(r() * (pages - 1))) * page + Math.floor(r() * page)] ^= 1 + Math.floor(r() * 255);
      let db: SkillsDatabase;
      try {
        db = SkillsDatabase.open(SQL, bytes);
      } catch {
        tally.sqljsOpenFails++;
        continue;
      }
      let ref: ReturnType<SkillsDatabase['readInvocations']> | null = null;
      try {
        ref = db.readInvocations();
      } catch (e) {
        expect((e as AnalyticsError).code).toBe('CORRUPT_DATABASE');
      }
      const total = Number(db.all<{ n: number }>('SELECT COUNT(*) AS n FROM skill_invocation')[0]?.n ?? 0);
      db.close();
      let got: Awaited<ReturnType<typeof readInvocationsInMemory>> | null = null;
      let why = '';
      try {
        got = await readInvocationsInMemory(bytes, total);
        expect(got).not.toBeNull();
      } catch (e) {
        expect(e).toBeInstanceOf(AnalyticsError);
        expect((e as AnalyticsError).code).toBe('CORRUPT_DATABASE');
        why = /\((.*)\)/.exec((e as Error).message)?.[1] ?? '';
      }
      if (ref === null) {
        expect([seed, got]).toEqual([seed, null]);
        tally.bothRefuse++;
      } else if (got === null) {
        tally.onlyPagesRefuse++;
        onlyPages.push(`${seed}: ${why}`);
      } else {
        expect(plain(got.columns)).toEqual(plain(ref.columns));
        expect(got.warnings).toEqual(ref.warnings);
        tally.same++;
      }
    }
    // Measured: 285 same, 8 refused by both, 2 by the page reader only, 5 that sql.js cannot open.
    expect(tally).toEqual({ same: 285, bothRefuse: 8, onlyPagesRefuse: 2, sqljsOpenFails: 5 });
    expect(onlyPages).toEqual(['27: a record uses the reserved serial type 11', '87: a record header runs past its record']);
  });
});
