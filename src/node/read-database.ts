/**
 * Reads a skills.db and, when it is there, its `-wal` log beside it — read only: the files are
 * never written (no checkpoint happens; the log is merged into a copy in memory).
 */
import { type FileHandle, open, stat } from 'node:fs/promises';
import { AnalyticsError } from '../engine/errors.js';
import { ownBytes } from '../engine/open-source.js';

/** A database file and its log, as bytes. */
export interface DatabaseFiles {
  bytes: Uint8Array;
  /** `<path>-wal`, or null when there is no such file. */
  wal: Uint8Array | null;
  walPath: string | null;
  /**
   * The pair's identity on disk, the same before and after the read (see {@link identity}); null
   * when it changed meanwhile or cannot be read. Give it to the bytes (`identifiedBytes`) when
   * they are opened with this log.
   */
  identity: string | null;
}

/**
 * @param path the skills.db path
 * @param onIdentity called with the pair's identity on disk before the read (when it has one):
 *   what is looked up by it (the cache of opens' entry) is read while the files are
 * @returns the file's bytes and those of `<path>-wal` when present
 * @throws AnalyticsError INVALID_ARGUMENT when the database cannot be read
 * @example
 * const { bytes, wal } = await readDatabaseFiles('skills.db'); // wal: contents of skills.db-wal, or null
 */
export async function readDatabaseFiles(path: string, onIdentity?: (identity: string) => void): Promise<DatabaseFiles> {
  const before = await identity(path);
  if (before !== null) onIdentity?.(before);
  const bytes = await readFileTyped(path);
  let files: Omit<DatabaseFiles, 'identity'>;
  try {
    files = { bytes, wal: ownBytes(await readWhole(`${path}-wal`)), walPath: `${path}-wal` };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new AnalyticsError('INVALID_ARGUMENT', `cannot read ${path}-wal: ${String(e)}`);
    files = { bytes, wal: null, walPath: null };
  }
  return { ...files, identity: before !== null && before === (await identity(path)) ? before : null };
}

/** A file changed less than this long before it is read is not identified (git's "racy clean" case). */
const SETTLED_MS = 1000;

/**
 * What identifies the file and its -wal on disk: device, inode, size, modification and status
 * change times (nanoseconds) of both, as git's index does. Writing to a file changes its change
 * time, which no program can set back. Null when either cannot be read, or when either changed in
 * the last second: file times advance in clock ticks of a few milliseconds, so a write in the same
 * tick as the read could leave them as they were.
 */
async function identity(path: string): Promise<string | null> {
  const settledBefore = (BigInt(Date.now()) - BigInt(SETTLED_MS)) * 1_000_000n;
  const of = async (file: string) => {
    try {
      const s = await stat(file, { bigint: true });
      if (s.ctimeNs > settledBefore || s.mtimeNs > settledBefore) return null;
      return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' && file.endsWith('-wal')) return 'nowal';
      return null;
    }
  };
  const [db, wal] = await Promise.all([of(path), of(`${path}-wal`)]);
  return db === null || wal === null ? null : `${db}|${wal}`;
}

async function readFileTyped(file: string): Promise<Uint8Array> {
  try {
    return ownBytes(await readWhole(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AnalyticsError('INVALID_ARGUMENT', `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(e)}`);
  }
}

/**
 * The whole file in one buffer, in at most 4 parts read side by side. One call, not
 * fs.promises.readFile's 512 KiB per round trip through the event loop: its 74 turns on a 37 MiB
 * file waited behind whatever else ran on this thread (29-358 ms measured in one process). Side
 * by side: most of a read into new memory is the kernel faulting its pages in, and the parts fault
 * on several cores (37 MiB, 2 cores: one read 25 ms, 4 parts 14 ms; medians of 9).
 */
async function readWhole(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(size);
    const parts = Math.min(4, Math.ceil(size / PART_BYTES));
    const step = Math.ceil(size / parts / 65536) * 65536;
    const ends = await Promise.all(Array.from({ length: parts }, (_, p) => readPart(handle, bytes, p * step, Math.min(size, (p + 1) * step))));
    // A part that ended early (the file shrank meanwhile): the bytes up to it.
    const short = ends.findIndex((end, p) => end < Math.min(size, (p + 1) * step));
    return short < 0 ? bytes : bytes.subarray(0, ends[short]);
  } finally {
    await handle.close();
  }
}

/** Reading in parts from this size of file (smaller: one read). */
const PART_BYTES = 4 * 2 ** 20;

/** Reads bytes [from, to) of the file into `bytes`, as far as the file goes; returns where it stopped. */
async function readPart(handle: FileHandle, bytes: Uint8Array, from: number, to: number): Promise<number> {
  let at = from;
  while (at < to) {
    const { bytesRead } = await handle.read(bytes, at, to - at, at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return at;
}
