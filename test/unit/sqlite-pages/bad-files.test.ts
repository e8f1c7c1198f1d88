/**
 * Damaged, truncated and foreign files end in a typed AnalyticsError (or a result), never in
 * another exception or a hang: the hardening corpus, page pointers rewritten to make cycles,
 * overflow chains and b-trees pointing anywhere, and a file that shrinks while it is read.
 * Every corpus case has its exact outcome on both readers (the page-by-page reader, and the
 * engine's open() on sql.js): the error code, or the rows read and the warning codes, listed in
 * bad-files.outcomes.json (rewrite it with SBA_WRITE_OUTCOMES=1 after a deliberate change, and
 * review the diff).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AnalyticsError } from '../../../src/engine/errors.js';
import { copySmallTables } from '../../../src/engine/sqlite-pages/copy-small-tables.js';
import { readInvocationColumns } from '../../../src/engine/sqlite-pages/read-invocation-columns.js';
import { openSqlitePages } from '../../../src/engine/sqlite-pages/sqlite-pages.js';
import { nodeHost } from '../../../src/node/host.js';
import { createEngine } from '../../../src/node/index.js';
import { buildCorpus } from '../../hardening/corpus.js';
import { memoryReadAt } from './pages-helpers.js';

const SQL = await nodeHost.loadSqlJs();

/** 'ok' or the error code; any other exception fails the test. */
async function outcome(bytes: Uint8Array, wal: Uint8Array | null = null, small = false): Promise<string> {
  try {
    const pages = await openSqlitePages(memoryReadAt(bytes), bytes.byteLength, { wal });
    const read = await readInvocationColumns(pages);
    if (small) await copySmallTables(SQL, read.pages);
    return 'ok';
  } catch (e) {
    if (e instanceof AnalyticsError) return e.code;
    throw e;
  }
}

/** The page reader's exact outcome: the code, or "ok <rows> rows" and the warning codes. */
async function pagedOutcome(bytes: Uint8Array, wal: Uint8Array | null): Promise<string> {
  try {
    const pages = await openSqlitePages(memoryReadAt(bytes), bytes.byteLength, { wal });
    const read = await readInvocationColumns(pages);
    await copySmallTables(SQL, read.pages);
    const codes = [...new Set([...read.pages.warnings, ...read.warnings].map((w) => w.code))].sort();
    return `ok ${read.columns.length} rows${codes.length ? ` ${codes.join(' ')}` : ''}`;
  } catch (e) {
    if (e instanceof AnalyticsError) return e.code;
    throw e;
  }
}

/** The engine's exact outcome (sql.js reader): the code, or "ok <invocations> rows" and the warning codes. */
async function engineOutcome(engine: ReturnType<typeof createEngine>, bytes: Uint8Array, wal: Uint8Array | null): Promise<string> {
  try {
    const info = await engine.open(bytes, { wal: wal ?? undefined });
    const codes = [...new Set(info.warnings.map((w) => w.code))].sort();
    return `ok ${info.invocations} rows${codes.length ? ` ${codes.join(' ')}` : ''}`;
  } catch (e) {
    if (e instanceof AnalyticsError) return e.code;
    throw e;
  }
}

const OUTCOMES = 'test/unit/sqlite-pages/bad-files.outcomes.json';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('bad files through the page-by-page reader', () => {
  it('the hardening corpus: the same code as the sql.js path where the bytes decide it, a typed outcome everywhere', async () => {
    const cases = await buildCorpus();
    const seen: string[] = [];
    for (const c of cases) {
      const got = await outcome(c.bytes, c.wal ?? null, true);
      seen.push(got);
      if (c.group === 'not a database' || c.group === 'truncated') expect([c.name, got]).toEqual([c.name, c.expect]);
      else expect(['ok', 'CORRUPT_DATABASE', 'MISSING_TABLE', 'MISSING_COLUMN', 'UNSUPPORTED_FORMAT', ...(c.acceptable ?? [c.expect])]).toContain(got);
    }
    expect(seen.filter((s) => s === 'NOT_SQLITE').length).toBeGreaterThanOrEqual(5);
    expect(seen.filter((s) => s === 'CORRUPT_DATABASE').length).toBeGreaterThanOrEqual(5);
  });

  it('every corpus case: its exact outcome on both readers (code, or rows and warnings)', { timeout: 300_000 }, async () => {
    const cases = await buildCorpus();
    const engine = createEngine();
    const got: Record<string, { pages: string; engine: string }> = {};
    try {
      for (const c of cases) {
        const key = `${c.group}: ${c.name}`;
        expect(got[key], `case names are unique: ${key}`).toBeUndefined();
        got[key] = { pages: await pagedOutcome(c.bytes, c.wal ?? null), engine: await engineOutcome(engine, c.bytes, c.wal ?? null) };
      }
    } finally {
      await engine.dispose();
    }
    if (process.env.SBA_WRITE_OUTCOMES) writeFileSync(OUTCOMES, `${JSON.stringify(got, null, 2)}\n`);
    expect(got).toEqual(JSON.parse(readFileSync(OUTCOMES, 'utf8')));
    // Where the corpus names the outcome, both readers have it (the table cannot drift from it).
    for (const c of cases) {
      const { pages, engine: viaEngine } = got[`${c.group}: ${c.name}`];
      for (const outcome of [pages, viaEngine]) {
        if (!c.acceptable) expect([c.name, outcome.split(' ')[0]]).toEqual([c.name, c.expect]);
        if (c.invocations !== undefined && outcome.startsWith('ok')) expect([c.name, outcome]).toEqual([c.name, expect.stringMatching(new RegExp(`^ok ${c.invocations} rows`))]);
      }
    }
  });

  it('page pointers rewritten at random (cycles, shared pages, overflow chains anywhere): a result or CORRUPT_DATABASE, never a hang', async () => {
    const base = new Uint8Array(readFileSync('test/unit/sqlite-pages/references/python-alter.db'));
    const pageSize = 1024;
    const pages = base.length / pageSize;
    const codes = new Map<string, number>();
    for (let seed = 1; seed <= 150; seed++) {
      const r = lcg(seed);
      const bytes = base.slice();
      const view = new DataView(bytes.buffer);
      for (let k = 0; k < 3; k++) {
        // A page header's right-most pointer, a cell's child pointer or an overflow page's next pointer.
        const p = 1 + Math.floor(r() * (pages - 1));
        const at = p * pageSize + [8, 0, 12 + 2 * Math.floor(r() * 20)][k];
        if (at + 4 <= bytes.length) view.setUint32(at, 1 + Math.floor(r() * pages));
      }
      const got = await outcome(bytes);
      expect(['ok', 'CORRUPT_DATABASE']).toContain(got);
      codes.set(got, (codes.get(got) ?? 0) + 1);
    }
    expect(codes.get('CORRUPT_DATABASE') ?? 0).toBeGreaterThan(50);
  });

  it('an interior page pointing back to itself is a cycle: CORRUPT_DATABASE', async () => {
    const db = new SQL.Database(new Uint8Array(readFileSync('test/fixtures/sample.db')));
    const root = Number(db.exec("SELECT rootpage FROM sqlite_master WHERE name = 'skill_invocation'")[0].values[0][0]);
    db.close();
    const bytes = new Uint8Array(readFileSync('test/fixtures/sample.db'));
    const at = (root - 1) * 4096;
    expect(bytes[at]).toBe(5); // an interior table page
    new DataView(bytes.buffer).setUint32(at + 8, root);
    await expect(readInvocationColumns(await openSqlitePages(memoryReadAt(bytes), bytes.byteLength))).rejects.toMatchObject({
      code: 'CORRUPT_DATABASE',
      message: expect.stringContaining(`page ${root} is reached twice`),
    });
  });

  it('a file that shrinks while it is read: CORRUPT_DATABASE', async () => {
    const bytes = new Uint8Array(readFileSync('test/fixtures/sample.db'));
    const short = bytes.slice(0, 4096 * 100);
    const pages = await openSqlitePages((o, n) => short.slice(o, o + n), bytes.byteLength);
    await expect(readInvocationColumns(pages)).rejects.toMatchObject({ code: 'CORRUPT_DATABASE', message: expect.stringContaining('shorter than it was') });
  });
});
