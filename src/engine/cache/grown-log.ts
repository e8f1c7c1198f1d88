/**
 * A live file whose -wal log grew since its entry was saved, opened without reading or checking
 * its earlier rows again. The proof: the database file's bytes are the same (the content key's
 * first half), and the new log starts with exactly the bytes of the log saved with the entry (its
 * content hash is the key's second half) — so the same header and salts, and frames appended after the
 * earlier ones (a checkpoint changes the database file; a reset rewrites the header's salts).
 * Every page the appended frames did not write is then byte for byte a page of the earlier file,
 * whose rows the entry holds and whose quick_check passed. Only the appended frames' pages are
 * read: the leaf pages of skill_invocation they wrote are decoded by the page reader (their
 * earlier rows must equal the entry's, the others are new), and the counts must add up to every
 * earlier row exactly once. Anything else (another schema, a migration row, a leaf page of a row
 * that overflows, rows the reader leaves out or warns about) answers null: the caller then opens
 * the file as a first open does. See docs/live-files.md.
 */
import type { SchemaInfo } from '../schema.js';
import type { InvocationColumns } from '../SkillsDatabase.js';
import { checkSqliteBytes } from '../sqlite-file.js';
import { readInvocationColumns } from '../sqlite-pages/read-invocation-columns.js';
import { readVarint, type Varint } from '../sqlite-pages/record.js';
import { openSqlitePages, type SqlitePages } from '../sqlite-pages/sqlite-pages.js';
import { mergePages, planWal, type WalApplication } from '../wal/apply-wal.js';
import { readWalLog, type WalLog } from '../wal/wal-log.js';
import type { CachedOpen } from './entry-format.js';
import type { OpenCache } from './open-cache.js';
import { sameRow } from './saved-open.js';

/** A grown file read from its earlier entry and its appended frames. */
export interface GrownRead {
  /** The entry saved for the same database with the earlier log. */
  earlier: CachedOpen;
  /** The log merged into a copy of the database (what sql.js opens on first use). */
  merged: WalApplication;
  /** Every row: the earlier entry's, then the new ones (id order). */
  columns: InvocationColumns;
  /** Tables still empty (the earlier entry's, less those the new frames gave rows). */
  emptyTables: string[];
  schema: SchemaInfo;
}

/** Leaf pages of skill_invocation the appended frames wrote, at most (one synthetic interior page points to them). */
const MAX_WRITTEN_LEAVES = 400;
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/**
 * The grown file's rows from its earlier entry and the frames appended to its log, or null when
 * that is not proven (then open it as a first open).
 * @param cache the cache of opens
 * @param key the content key of `db` with `wal`
 * @param db the database file's bytes
 * @param wal the -wal log's bytes now
 */
export async function readGrownLog(cache: OpenCache, key: string, db: Uint8Array, wal: Uint8Array): Promise<GrownRead | null> {
  const found = await cache.sameDatabase(key);
  if (!found) return null;
  const { entry: earlier, key: earlierKey } = found;
  const c = earlier.columns;
  const m = c.length;
  if (!earlier.codes || c.source || m === 0 || earlier.rows !== m || earlier.readWarnings.length > 0) return null;
  // The earlier log was applied (its merged copy passed quick_check) and the new log starts with its
  // bytes. A log that appeared beside an entry of the database alone continues no checked chain: a
  // foreign log with valid checksums is only caught by quick_check, so that one opens as a first open.
  const prefix = earlier.wal?.summary.applied ? earlier.wal.summary.logBytes : 0;
  if (prefix === 0 || prefix > wal.byteLength || earlier.wal!.warnings.length > 0) return null;
  if (hex(await cache.hash(wal.subarray(0, prefix))) !== earlierKey.slice(earlierKey.indexOf('-') + 1)) return null;
  try {
    return await readAppended(earlier, db, wal, prefix);
  } catch {
    return null; // a damaged page: the first-open path reads the file and says what is wrong
  }
}

async function readAppended(earlier: CachedOpen, db: Uint8Array, wal: Uint8Array, prefix: number): Promise<GrownRead | null> {
  const { pageSize } = checkSqliteBytes(db);
  const plan = planWal(pageSize, wal);
  const log = plan.log;
  if (!log) return null;
  const merged: WalApplication = { bytes: mergePages(db, pageSize, wal, log), summary: plan.summary, warnings: plan.warnings };
  // Frames before this one were committed in the earlier log; from it on, they are new.
  const before = readWalLog(wal.subarray(0, prefix));
  if ('problem' in before) return null;
  const firstNew = before.committedFrames;
  const written = new Set<number>();
  for (let f = firstNew; f < log.committedFrames; f++) written.add(new DataView(wal.buffer, wal.byteOffset + WAL_HEADER + f * (FRAME_HEADER + pageSize), 4).getUint32(0));
  const now = merged.bytes;
  const nowPages = await pagesOf(now);
  const earlierLog = wal.subarray(0, prefix);
  const beforePages = await openSqlitePages((offset, length) => db.subarray(offset, offset + length), db.byteLength, { wal: earlierLog });
  if (JSON.stringify(nowPages.schema) !== JSON.stringify(beforePages.schema)) return null;
  const table = nowPages.table('skill_invocation');
  if (table.rowidColumn < 0 || table.columns[table.rowidColumn].name !== 'id') return null;
  const usable = nowPages.header.usableSize;
  const nowPage = pageAt(now, pageSize, null, null);
  // A migration row sets the schema version the entry kept: its table must be as it was.
  if (nowPages.tables().includes('skill_migrations')) {
    const migrations = treeLeaves(nowPage, nowPages.table('skill_migrations').rootPage, usable, false);
    if (!migrations || migrations.pages.some((p) => written.has(p))) return null;
  }
  const nowTree = treeLeaves(nowPage, table.rootPage, usable, true);
  const beforeTree = treeLeaves(pageAt(db, pageSize, earlierLog, before), table.rootPage, usable, false);
  if (!nowTree || !beforeTree || nowTree.depth === 0) return null;
  const beforeLeaves = new Set(beforeTree.leaves);
  const touched: number[] = [];
  let untouchedRows = 0;
  for (let i = 0; i < nowTree.leaves.length; i++) {
    const leaf = nowTree.leaves[i];
    if (written.has(leaf)) touched.push(leaf);
    else if (!beforeLeaves.has(leaf) || nowTree.overflows[i]) return null;
    else untouchedRows += nowTree.cells[i];
  }
  if (touched.length === 0 || touched.length > MAX_WRITTEN_LEAVES) return null;
  // The written leaves alone, read by the page reader through one interior page that points to them.
  const read = await readInvocationColumns(await pagesOf(now, table.rootPage, interiorPage(touched, pageSize, table.rootPage === 1)));
  const t = read.columns;
  if (read.warnings.length > 0 || read.rows !== t.length) return null;
  // Earlier rows in the written leaves, plus those of the leaves left as they were: each earlier row once.
  const old = matchEarlier(earlier, t);
  if (old === null || untouchedRows + old !== earlier.columns.length) return null;
  const emptyTables: string[] = [];
  for (const name of earlier.emptyTables) if (nowPages.tables().includes(name) && (await nowPages.rowCount(name)) === 0) emptyTables.push(name);
  return { earlier, merged, columns: appendRows(earlier, t, old), emptyTables, schema: earlier.schema };
}

/**
 * Checks the rows of the written leaves against the earlier rows: those with an earlier id must
 * equal that row in every column; the rest come after the last earlier id.
 * @returns how many of `t` are earlier rows (the rest, at its end, are new), or null
 */
function matchEarlier(earlier: CachedOpen, t: InvocationColumns): number | null {
  const p = earlier.columns;
  const last = p.id[p.length - 1];
  let old = 0;
  for (let i = 0; i < t.length; i++) {
    const id = t.id[i];
    if (id > last) break; // ids rise: the rest are new
    const j = search(p.id, id);
    if (j < 0 || !sameRow(t, i, p, j, earlier.codes!)) return null;
    old++;
  }
  return old;
}

/** Index of `id` in the ascending `ids`, or -1. */
function search(ids: Float64Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] < id) lo = mid + 1;
    else if (ids[mid] > id) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** The earlier columns followed by the new rows of `t` (its rows from `from` on); text decoded on first use. */
function appendRows(earlier: CachedOpen, t: InvocationColumns, from: number): InvocationColumns {
  const p = earlier.columns;
  const m = p.length;
  const n = m + t.length - from;
  const join = <T extends Float64Array | Uint8Array>(a: T, b: T): T => {
    const out = new (a.constructor as new (n: number) => T)(n);
    out.set(a);
    out.set(b.subarray(from), m);
    return out;
  };
  const columns = {
    length: n,
    id: join(p.id, t.id),
    invokedAt: join(p.invokedAt, t.invokedAt),
    durationSeconds: join(p.durationSeconds, t.durationSeconds),
    completed: join(p.completed, t.completed),
  } as InvocationColumns;
  const codes = earlier.codes!;
  const text = (name: 'skillName' | 'sessionId' | 'workflowPhase', c: Int32Array, values: readonly (string | null)[]) => {
    const tail = t[name].slice(from) as (string | null)[];
    const settle = (value: unknown) => Object.defineProperty(columns, name, { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(columns, name, {
      enumerable: true,
      configurable: true,
      get() {
        const out = new Array<string | null>(n);
        for (let i = 0; i < m; i++) out[i] = values[c[i]];
        for (let i = m; i < n; i++) out[i] = tail[i - m];
        settle(out);
        return out;
      },
      set: settle,
    });
  };
  text('skillName', codes.skill, codes.skills);
  text('sessionId', codes.session, codes.sessions);
  text('workflowPhase', codes.phase, codes.phases);
  return columns;
}

/** A page reader over `bytes`, with page `replaced` read as `page` when given. */
function pagesOf(bytes: Uint8Array, replaced = 0, page: Uint8Array | null = null): Promise<SqlitePages> {
  const size = page?.byteLength ?? 0;
  const start = (replaced - 1) * size;
  return openSqlitePages((offset, length) => {
    const out = bytes.subarray(offset, offset + length);
    if (!page || offset + length <= start || offset >= start + size) return out;
    const copy = out.slice();
    const from = Math.max(start, offset);
    copy.set(page.subarray(from - start, Math.min(start + size, offset + length) - start), from - offset);
    return copy;
  }, bytes.byteLength);
}

/** A table b-tree interior page whose children are `leaves` (their keys are not read). */
function interiorPage(leaves: readonly number[], pageSize: number, first: boolean): Uint8Array {
  const page = new Uint8Array(pageSize);
  const h = first ? 100 : 0;
  const cells = leaves.length - 1;
  const view = new DataView(page.buffer);
  page[h] = 5;
  view.setUint16(h + 3, cells);
  view.setUint32(h + 8, leaves[cells]);
  let at = pageSize;
  for (let i = 0; i < cells; i++) {
    at -= 5;
    view.setUint32(at, leaves[i]);
    page[at + 4] = 0; // key 0 (a one-byte varint)
    view.setUint16(h + 12 + 2 * i, at);
  }
  view.setUint16(h + 5, at);
  return page;
}

/** Page `n` (1-based) of a database file, or of the file with a log's committed pages over it. */
function pageAt(bytes: Uint8Array, pageSize: number, wal: Uint8Array | null, pages: WalLog | null): (n: number) => Uint8Array | null {
  const count = pages ? pages.dbPages : bytes.byteLength / pageSize;
  return (n) => {
    if (!(n >= 1 && n <= count)) return null;
    const at = pages?.pages.get(n);
    if (at !== undefined) return wal!.subarray(at, at + pageSize);
    return n * pageSize <= bytes.byteLength ? bytes.subarray((n - 1) * pageSize, n * pageSize) : null;
  };
}

/** The pages of a table b-tree: its leaves in rowid order with their cell counts, whether a leaf has a cell that overflows, every page. */
interface TreePages {
  leaves: number[];
  cells: number[];
  overflows: boolean[];
  pages: number[];
  depth: number;
}

/**
 * Walks the interior pages of a table b-tree; with `cells`, reads the first two varints of each
 * leaf cell too (payload size, rowid): rowids must rise from leaf to leaf.
 * @returns null when it does not walk cleanly
 */
function treeLeaves(page: (n: number) => Uint8Array | null, root: number, usable: number, cells: boolean): TreePages | null {
  const out: TreePages = { leaves: [], cells: [], overflows: [], pages: [], depth: 0 };
  const seen = new Set<number>();
  const v: Varint = { value: 0, next: 0 };
  let lastRowid = -Infinity;
  const walk = (n: number, depth: number): boolean => {
    const b = page(n);
    if (!b || seen.has(n) || depth > 40) return false;
    seen.add(n);
    out.pages.push(n);
    out.depth = Math.max(out.depth, depth);
    const h = n === 1 ? 100 : 0;
    const count = (b[h + 3] << 8) | b[h + 4];
    if (b[h] === 13) {
      let overflows = false;
      for (let i = 0; cells && i < count; i++) {
        const ptr = (b[h + 8 + 2 * i] << 8) | b[h + 9 + 2 * i];
        if (ptr >= usable) return false;
        readVarint(b, ptr, v);
        if (v.value > usable - 35) overflows = true;
        readVarint(b, v.next, v);
        if (v.value <= lastRowid) return false;
        lastRowid = v.value;
      }
      out.leaves.push(n);
      out.cells.push(count);
      out.overflows.push(overflows);
      return true;
    }
    if (b[h] !== 5 || h + 12 + count * 2 > usable) return false;
    for (let i = 0; i <= count; i++) {
      const ptr = i < count ? (b[h + 12 + 2 * i] << 8) | b[h + 13 + 2 * i] : h + 8;
      if (ptr + 4 > usable) return false;
      const child = ((b[ptr] << 24) | (b[ptr + 1] << 16) | (b[ptr + 2] << 8) | b[ptr + 3]) >>> 0;
      if (!walk(child, depth + 1)) return false;
    }
    return true;
  };
  return walk(root, 0) ? out : null;
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
