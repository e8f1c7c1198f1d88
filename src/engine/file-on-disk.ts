/**
 * A file the host reads only when something needs its bytes: an unchanged file whose open the
 * cache of opens answers (src/engine/cache) is analysed from its saved entry, and sql.js reads the
 * file on first use (a query of the small tables, a write, an export) — often never. The host
 * checks on that read that the file is still the one opened, else FILE_CHANGED.
 */

/** A file on disk, not read yet. Node makes them (src/node/read-database.ts). */
export interface FileOnDisk {
  readonly kind: 'file-on-disk';
  /** Its length in bytes when opened. */
  readonly byteLength: number;
  /** Its first 100 bytes (the SQLite header) when opened. */
  readonly header: Uint8Array;
  /** Its identity on disk when opened (with that of its -wal): what the cache of opens found it by. */
  readonly identity: string;
  /**
   * The whole file, read once (later calls return the same bytes).
   * @throws AnalyticsError FILE_CHANGED when the file changed since it was opened
   */
  read(): Uint8Array;
}

/** True for a {@link FileOnDisk}. */
export function isFileOnDisk(x: unknown): x is FileOnDisk {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'file-on-disk';
}

/** The bytes of a file, read now when they were not yet. */
export function bytesOf(file: Uint8Array | FileOnDisk): Uint8Array {
  return file instanceof Uint8Array ? file : file.read();
}
