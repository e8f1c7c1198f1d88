/**
 * Reads a skills.db and, when it is there, its `-wal` log beside it — read only: the files are
 * never written (no checkpoint happens; the log is merged into a copy in memory).
 */
import { readFile } from 'node:fs/promises';
import { AnalyticsError } from '../engine/errors.js';
import { ownBytes } from '../engine/open-source.js';

/** A database file and its log, as bytes. */
export interface DatabaseFiles {
  bytes: Uint8Array;
  /** `<path>-wal`, or null when there is no such file. */
  wal: Uint8Array | null;
  walPath: string | null;
}

/**
 * @param path the skills.db path
 * @returns the file's bytes and those of `<path>-wal` when present
 * @throws AnalyticsError INVALID_ARGUMENT when the database cannot be read
 * @example
 * const { bytes, wal } = await readDatabaseFiles('skills.db'); // wal: contents of skills.db-wal, or null
 */
export async function readDatabaseFiles(path: string): Promise<DatabaseFiles> {
  const bytes = await readFileTyped(path);
  try {
    return { bytes, wal: ownBytes(asBytes(await readFile(`${path}-wal`))), walPath: `${path}-wal` };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { bytes, wal: null, walPath: null };
    throw new AnalyticsError('INVALID_ARGUMENT', `cannot read ${path}-wal: ${String(e)}`);
  }
}

async function readFileTyped(file: string): Promise<Uint8Array> {
  try {
    return ownBytes(asBytes(await readFile(file)));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AnalyticsError('INVALID_ARGUMENT', `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(e)}`);
  }
}

/** A Buffer read here as a plain Uint8Array over the same memory (no copy: nobody else holds it). */
function asBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
