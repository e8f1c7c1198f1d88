/**
 * Checks on the raw bytes of a SQLite file, before sql.js sees them (sql.js accepts almost anything
 * and fails later, with vague messages).
 */
import { AnalyticsError } from './errors.js';

const MAGIC = 'SQLite format 3\u0000';

/** What the 100-byte header says. */
export interface SqliteHeader {
  pageSize: number;
  pageCount: number;
  /** 2 = WAL mode, 1 = rollback journal. */
  readVersion: number;
  writeVersion: number;
}

/**
 * Validates the header and the length of a SQLite file.
 * @throws AnalyticsError NOT_SQLITE (not a SQLite file), CORRUPT_DATABASE (truncated or bad header)
 */
export function checkSqliteBytes(bytes: Uint8Array): SqliteHeader {
  return checkSqliteHeader(bytes.subarray(0, 100), bytes.byteLength);
}

/**
 * As {@link checkSqliteBytes}, from the file's first 100 bytes and its length (for a file read page by page).
 * @param head the first 100 bytes (fewer when the file is shorter)
 * @param size the file's length in bytes
 * @throws AnalyticsError NOT_SQLITE, CORRUPT_DATABASE
 * @example checkSqliteHeader(await readAt(0, 100), size).pageSize // 4096
 */
export function checkSqliteHeader(head: Uint8Array, size: number): SqliteHeader {
  if (size === 0) throw new AnalyticsError('NOT_SQLITE', 'open: the file is empty (0 bytes); choose a skills.db exported from session-buddy');
  if (size < 100 || String.fromCharCode(...head.subarray(0, 16)) !== MAGIC) {
    throw new AnalyticsError('NOT_SQLITE', `open: this is not a SQLite database (${size} bytes, no "SQLite format 3" header); choose the skills.db file of session-buddy`);
  }
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    throw new AnalyticsError('CORRUPT_DATABASE', `open: the SQLite header is damaged (page size ${rawPageSize}); the file is corrupt`);
  }
  const changeCounter = view.getUint32(24);
  const headerPageCount = view.getUint32(28);
  const validFor = view.getUint32(92);
  // The in-header page count is valid only when "version-valid-for" equals the change counter.
  const pageCount = headerPageCount > 0 && validFor === changeCounter ? headerPageCount : Math.floor(size / pageSize);
  if (size < pageCount * pageSize) {
    throw new AnalyticsError(
      'CORRUPT_DATABASE',
      `open: the file is truncated: ${size} bytes where the header promises ${pageCount} pages of ${pageSize} bytes (${pageCount * pageSize}); copy the file again once session-buddy has stopped writing`,
      { bytes: size, expectedBytes: pageCount * pageSize },
    );
  }
  if (size % pageSize !== 0) {
    throw new AnalyticsError('CORRUPT_DATABASE', `open: the file length ${size} is not a whole number of ${pageSize}-byte pages; the copy is damaged`);
  }
  return { pageSize, pageCount, readVersion: head[18], writeVersion: head[19] };
}

/** True when a SQLite header says WAL mode (bytes 18-19, the read and write versions: 2 = WAL). */
export function isWalMode(header: Pick<SqliteHeader, 'readVersion' | 'writeVersion'>): boolean {
  return header.readVersion === 2 || header.writeVersion === 2;
}

/** {@link isWalMode} on a file's raw bytes, before any check (false for fewer than 100 bytes). */
export function bytesSayWal(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 100 && isWalMode({ readVersion: bytes[18], writeVersion: bytes[19] });
}

/** Maps a sql.js/SQLite error to a typed error. */
export function sqliteError(e: unknown, action: string): AnalyticsError {
  if (e instanceof AnalyticsError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/malformed|not a database|corrupt|disk image|file is encrypted/i.test(message)) {
    return new AnalyticsError('CORRUPT_DATABASE', `${action}: SQLite says "${message}"; the file is damaged: copy it again from session-buddy`);
  }
  return new AnalyticsError('INTERNAL', `${action}: SQLite error "${message}"`);
}
