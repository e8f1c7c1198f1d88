/**
 * Reads a SQLite write-ahead log (`skills.db-wal`) the way SQLite's recovery does: a 32-byte
 * header, then frames of a 24-byte header and one page each. A frame counts only when its salts
 * equal the header's and its cumulative checksum is right; everything after the first bad frame
 * is ignored, and of the good frames only those up to the last commit frame (non-zero "database
 * size after commit") are committed. A torn copy therefore loses only its uncommitted tail.
 *
 * Format: https://www.sqlite.org/fileformat2.html#walformat (all header fields big-endian; the
 * checksum reads 32-bit words big-endian when the magic's low bit is 1, little-endian otherwise).
 */

/** Magic numbers of a WAL header (the low bit selects the checksum byte order). */
const MAGIC_LE = 0x377f0682;
const MAGIC_BE = 0x377f0683;
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/** What the log holds, as SQLite would read it. */
export interface WalLog {
  pageSize: number;
  /** Checkpoint sequence number of the header. */
  checkpointSeq: number;
  /** Frames whose salts and checksums verify, in order. */
  validFrames: number;
  /** Valid frames up to and including the last commit frame: the ones that count. */
  committedFrames: number;
  /** Frames present in the file (complete or not) that do not count: torn or uncommitted tail. */
  ignoredFrames: number;
  /** Commits (commit frames) among the committed frames. */
  commits: number;
  /** Database size in pages after the last commit, 0 when nothing was committed. */
  dbPages: number;
  /** The last committed version of each page: page number (1-based) → offset of its data in the log. */
  pages: Map<number, number>;
}

/** Why a log cannot be read at all. */
export type WalProblem = 'empty' | 'short' | 'bad-magic' | 'bad-version' | 'bad-page-size' | 'bad-header-checksum';

/**
 * Parses a WAL file.
 * @param wal the log's bytes
 * @returns the committed pages, or the reason the header is unusable
 * @example
 * const log = readWalLog(walBytes);
 * if ('problem' in log) console.log(log.problem); else console.log(log.committedFrames, log.pages.size);
 */
export function readWalLog(wal: Uint8Array): WalLog | { problem: WalProblem } {
  if (wal.byteLength === 0) return { problem: 'empty' };
  if (wal.byteLength < WAL_HEADER) return { problem: 'short' };
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const magic = view.getUint32(0);
  if (magic !== MAGIC_LE && magic !== MAGIC_BE) return { problem: 'bad-magic' };
  if (view.getUint32(4) !== 3007000) return { problem: 'bad-version' };
  const pageSize = view.getUint32(8);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return { problem: 'bad-page-size' };
  const bigEndian = (magic & 1) === 1;
  const header = checksum(view, 0, 24, bigEndian, 0, 0);
  if (header[0] !== view.getUint32(24) || header[1] !== view.getUint32(28)) return { problem: 'bad-header-checksum' };
  const salt1 = view.getUint32(16);
  const salt2 = view.getUint32(20);
  const frameSize = FRAME_HEADER + pageSize;
  const framesPresent = Math.ceil((wal.byteLength - WAL_HEADER) / frameSize);
  let [s0, s1] = header;
  let valid = 0;
  let committed = 0;
  let commits = 0;
  let dbPages = 0;
  // Pages of the frames since the last commit: they count only once a commit frame follows.
  const pending = new Map<number, number>();
  const pages = new Map<number, number>();
  for (let off = WAL_HEADER; off + frameSize <= wal.byteLength; off += frameSize) {
    const pageNo = view.getUint32(off);
    const commitSize = view.getUint32(off + 4);
    if (pageNo === 0 || view.getUint32(off + 8) !== salt1 || view.getUint32(off + 12) !== salt2) break;
    [s0, s1] = checksum(view, off, 8, bigEndian, s0, s1);
    [s0, s1] = checksum(view, off + FRAME_HEADER, pageSize, bigEndian, s0, s1);
    if (s0 !== view.getUint32(off + 16) || s1 !== view.getUint32(off + 20)) break;
    valid++;
    pending.set(pageNo, off + FRAME_HEADER);
    if (commitSize !== 0) {
      for (const [p, o] of pending) pages.set(p, o);
      pending.clear();
      committed = valid;
      commits++;
      dbPages = commitSize;
    }
  }
  return { pageSize, checkpointSeq: view.getUint32(12), validFrames: valid, committedFrames: committed, ignoredFrames: framesPresent - committed, commits, dbPages, pages };
}

/** SQLite's WAL checksum over `length` bytes (a multiple of 8) starting at `offset`, continuing (s0, s1). */
function checksum(view: DataView, offset: number, length: number, bigEndian: boolean, s0: number, s1: number): [number, number] {
  const littleEndian = !bigEndian;
  for (let i = offset; i < offset + length; i += 8) {
    s0 = (s0 + view.getUint32(i, littleEndian) + s1) >>> 0;
    s1 = (s1 + view.getUint32(i + 4, littleEndian) + s0) >>> 0;
  }
  return [s0, s1];
}
