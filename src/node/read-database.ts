/**
 * Reads a skills.db and, when it is there, its `-wal` log beside it — read only: the files are
 * never written (no checkpoint happens; the log is merged into a copy in memory).
 */
import { type BigIntStats, readFileSync, statSync } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import type { OpenCache } from '../engine/cache/open-cache.js';
import { AnalyticsError } from '../engine/errors.js';
import type { FileOnDisk } from '../engine/file-on-disk.js';
import { identifiedBytes, ownBytes } from '../engine/open-source.js';

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
 * @returns the file's bytes and those of `<path>-wal` when present
 * @throws AnalyticsError INVALID_ARGUMENT when the database cannot be read
 * @example
 * const { bytes, wal } = await readDatabaseFiles('skills.db'); // wal: contents of skills.db-wal, or null
 */
export async function readDatabaseFiles(path: string): Promise<DatabaseFiles> {
  return readFiles(path, await identity(path));
}

/**
 * A skills.db and its -wal as `open()` takes them, read as late as can be: a file without a -wal
 * whose entry the cache of opens holds (found by its identity on disk: unchanged since) is not
 * read now but when sql.js first needs it (a query of the small tables, a write), which most uses
 * never do; its entry answers. Any other file is read now, marked with its identity.
 * @param path the skills.db path
 * @param cache the cache of opens (its entry is read ahead while the file is read)
 * @returns the file (bytes, or the file on disk) and its -wal log
 * @throws AnalyticsError INVALID_ARGUMENT when the database cannot be read
 */
export async function databaseFilesForOpen(path: string, cache: OpenCache): Promise<{ data: Uint8Array | FileOnDisk; wal: Uint8Array | null }> {
  const before = await identity(path);
  if (before !== null) {
    cache.readAhead(before);
    const unread = before.endsWith(`|${NO_WAL}`) && (await cache.keyOfIdentity(before)) !== null ? await unreadFile(path, before) : null;
    if (unread) return { data: unread, wal: null };
  }
  const files = await readFiles(path, before);
  return { data: files.identity === null ? files.bytes : identifiedBytes(files.bytes, files.identity), wal: files.wal };
}

/** The file and its -wal read, with their identity when it is still `before`. */
async function readFiles(path: string, before: string | null): Promise<DatabaseFiles> {
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

/** The identity of a -wal that is not there. */
const NO_WAL = 'nowal';

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
      return statIdentity(s);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' && file.endsWith('-wal')) return NO_WAL;
      return null;
    }
  };
  const [db, wal] = await Promise.all([of(path), of(`${path}-wal`)]);
  return db === null || wal === null ? null : `${db}|${wal}`;
}

function statIdentity(s: BigIntStats): string {
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

/**
 * The file as a {@link FileOnDisk}: its header read now, the rest when `read()` is called, then
 * only while the file still has the identity it had (`identity`, its part before the -wal's).
 * Null when it changed before its header was read.
 */
async function unreadFile(path: string, identity: string): Promise<FileOnDisk | null> {
  const own = identity.slice(0, identity.indexOf('|'));
  const now = () => {
    try {
      return statIdentity(statSync(path, { bigint: true }));
    } catch {
      return null;
    }
  };
  let header: Uint8Array;
  try {
    const handle = await open(path, 'r');
    try {
      header = new Uint8Array(100);
      header = header.subarray(0, await readPart(handle, header, 0, 100));
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
  if (now() !== own) return null;
  let bytes: Uint8Array | null = null;
  const changed = () =>
    new AnalyticsError(
      'FILE_CHANGED',
      `${path} changed on disk since it was opened (the answers so far come from the file as it was then); open it again to read it as it is now`,
      { path },
    );
  return {
    kind: 'file-on-disk',
    byteLength: Number(own.split(':')[2]),
    header,
    identity,
    read() {
      if (bytes) return bytes;
      if (now() !== own) throw changed();
      let read: Buffer;
      try {
        read = readFileSync(path);
      } catch {
        throw changed();
      }
      if (now() !== own) throw changed();
      bytes = identifiedBytes(new Uint8Array(read.buffer, read.byteOffset, read.byteLength), identity);
      return bytes;
    },
  };
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
