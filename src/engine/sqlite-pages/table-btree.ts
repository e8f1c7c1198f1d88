/**
 * Walks a table b-tree (https://www.sqlite.org/fileformat2.html#b_tree_pages) in rowid order:
 * interior pages (type 5) give child pages, leaf pages (type 13) give cells of a rowid and a
 * record, whose end may continue on a chain of overflow pages. Every check a damaged or foreign
 * page can fail ends in CORRUPT_DATABASE, never in a loop: each page is visited once, the depth is
 * bounded, rowids must rise, and every offset must stay inside its page.
 */
import { corrupt, readVarint, type Varint } from './record.js';
import type { PageSource } from './page-source.js';

/** Receives each row: its rowid and its record (`payload[start, start + length)`). */
export type CellVisitor = (rowid: number, payload: Uint8Array, start: number, length: number) => void;

const MAX_DEPTH = 40;

/**
 * Visits every row of the table b-tree rooted at `root`, in rowid order.
 * @param source the file's pages
 * @param root the table's root page
 * @param usable usable bytes per page (page size minus the reserved bytes)
 * @param visit called once per row
 * @param afterLeaf called after each leaf page's rows (a place to hand on a batch and await)
 * @returns rows visited
 * @throws AnalyticsError CORRUPT_DATABASE
 */
export async function walkTable(source: PageSource, root: number, usable: number, visit: CellVisitor, afterLeaf?: () => void | Promise<void>): Promise<number> {
  const seen = new Uint8Array(source.pageCount + 1);
  const v: Varint = { value: 0, next: 0 };
  const maxLocal = usable - 35;
  const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23;
  let rows = 0;
  let lastRowid = -Infinity;

  const mark = (n: number) => {
    if (seen[n]) throw corrupt(`page ${n} is reached twice in one b-tree`);
    seen[n] = 1;
  };

  const readOverflow = async (first: number, payload: Uint8Array, from: number) => {
    let next = first;
    let at = from;
    while (at < payload.length) {
      if (next === 0) throw corrupt('an overflow chain ends before its record does');
      mark(next);
      const page = await source.page(next);
      const take = Math.min(usable - 4, payload.length - at);
      payload.set(page.subarray(4, 4 + take), at);
      at += take;
      next = ((page[0] << 24) | (page[1] << 16) | (page[2] << 8) | page[3]) >>> 0;
    }
  };

  const leaf = async (page: Uint8Array, n: number, hdr: number) => {
    const cells = (page[hdr + 3] << 8) | page[hdr + 4];
    const ptrs = hdr + 8;
    if (ptrs + cells * 2 > usable) throw corrupt(`leaf page ${n} claims ${cells} cells`);
    for (let i = 0; i < cells; i++) {
      const ptr = (page[ptrs + 2 * i] << 8) | page[ptrs + 2 * i + 1];
      if (ptr < ptrs + cells * 2 || ptr >= usable) throw corrupt(`a cell of leaf page ${n} points outside its page`);
      readVarint(page, ptr, v);
      const size = v.value;
      readVarint(page, v.next, v);
      const rowid = v.value;
      const start = v.next;
      if (rowid <= lastRowid) throw corrupt(`rowid ${rowid} follows rowid ${lastRowid} (page ${n})`);
      lastRowid = rowid;
      if (size <= maxLocal) {
        if (start + size > usable) throw corrupt(`a cell of leaf page ${n} runs past its page`);
        visit(rowid, page, start, size);
      } else {
        const k = minLocal + ((size - minLocal) % (usable - 4));
        const local = k <= maxLocal ? k : minLocal;
        if (start + local + 4 > usable || size > 1 << 30) throw corrupt(`a cell of leaf page ${n} runs past its page`);
        const payload = new Uint8Array(size);
        payload.set(page.subarray(start, start + local));
        const o = start + local;
        await readOverflow(((page[o] << 24) | (page[o + 1] << 16) | (page[o + 2] << 8) | page[o + 3]) >>> 0, payload, local);
        visit(rowid, payload, 0, size);
      }
      rows++;
    }
  };

  const walk = async (page: Uint8Array, n: number, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) throw corrupt(`the b-tree at page ${root} is deeper than ${MAX_DEPTH} levels`);
    const hdr = n === 1 ? 100 : 0;
    const type = page[hdr];
    if (type === 13) {
      await leaf(page, n, hdr);
      await afterLeaf?.();
      return;
    }
    if (type !== 5) throw corrupt(`page ${n} of a table b-tree has type ${type}`);
    const cells = (page[hdr + 3] << 8) | page[hdr + 4];
    const ptrs = hdr + 12;
    if (ptrs + cells * 2 > usable) throw corrupt(`interior page ${n} claims ${cells} cells`);
    const children: number[] = new Array(cells + 1);
    for (let i = 0; i < cells; i++) {
      const ptr = (page[ptrs + 2 * i] << 8) | page[ptrs + 2 * i + 1];
      if (ptr < ptrs + cells * 2 || ptr + 4 >= usable) throw corrupt(`a cell of interior page ${n} points outside its page`);
      children[i] = ((page[ptr] << 24) | (page[ptr + 1] << 16) | (page[ptr + 2] << 8) | page[ptr + 3]) >>> 0;
    }
    children[cells] = ((page[hdr + 8] << 24) | (page[hdr + 9] << 16) | (page[hdr + 10] << 8) | page[hdr + 11]) >>> 0;
    for (const c of children) mark(c);
    const kids = await source.pages(children);
    for (let i = 0; i < kids.length; i++) {
      await walk(kids[i], children[i], depth + 1);
      kids[i] = EMPTY; // let the pages read so far go
    }
  };

  mark(root);
  await walk(await source.page(root), root, 0);
  return rows;
}

const EMPTY = new Uint8Array(0);

/**
 * Rows of the table b-tree rooted at `root`, from the cell counts of its leaf pages (their cells are
 * not read): the size of a read before it starts. Null when the tree does not walk cleanly (the
 * read itself then says why, with {@link walkTable}'s error).
 */
export async function countTableRows(source: PageSource, root: number, usable: number): Promise<number | null> {
  const seen = new Uint8Array(source.pageCount + 1);
  let rows = 0;
  const walk = async (page: Uint8Array, n: number, depth: number): Promise<boolean> => {
    const hdr = n === 1 ? 100 : 0;
    const cells = (page[hdr + 3] << 8) | page[hdr + 4];
    if (page[hdr] === 13) {
      rows += cells;
      return true;
    }
    const ptrs = hdr + 12;
    if (page[hdr] !== 5 || depth >= MAX_DEPTH || ptrs + cells * 2 > usable) return false;
    const children: number[] = new Array(cells + 1);
    for (let i = 0; i <= cells; i++) {
      const ptr = i < cells ? (page[ptrs + 2 * i] << 8) | page[ptrs + 2 * i + 1] : hdr + 8;
      if (i < cells && (ptr < ptrs + cells * 2 || ptr + 4 >= usable)) return false;
      const c = ((page[ptr] << 24) | (page[ptr + 1] << 16) | (page[ptr + 2] << 8) | page[ptr + 3]) >>> 0;
      if (c < 1 || c > source.pageCount || seen[c]) return false;
      seen[c] = 1;
      children[i] = c;
    }
    const kids = await source.pages(children);
    for (let i = 0; i < kids.length; i++) if (!(await walk(kids[i], children[i], depth + 1))) return false;
    return true;
  };
  try {
    if (root < 1 || root > source.pageCount) return null;
    seen[root] = 1;
    return (await walk(await source.page(root), root, 0)) ? rows : null;
  } catch {
    return null;
  }
}
