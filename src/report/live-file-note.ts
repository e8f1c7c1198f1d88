/**
 * What the status line adds after an open about the live-file cases: the log applied (and how
 * much), a torn or foreign log, a read-only tab, and files of the pick that were set aside.
 */
import type { DatabaseInfo } from '../client/index.js';

/**
 * @param info what open() returned
 * @param setAside picked files that were not opened, with why
 * @returns a sentence to append (empty when there is nothing to say)
 * @example liveFileNote(info, []) // ' Included 10 transaction(s) from the -wal log.'
 */
export function liveFileNote(info: DatabaseInfo, setAside: readonly string[]): string {
  const parts: string[] = [];
  if (info.wal?.applied) parts.push(`Included ${info.wal.commits} transaction(s) from the -wal log.`);
  const codes = new Set(info.warnings.map((w) => w.code));
  if (codes.has('WAL_MISMATCH')) parts.push('The -wal log does not belong to this database: opened without it.');
  if (codes.has('WAL_TORN_TAIL')) parts.push('The end of the -wal log was cut off while copying: its last, unfinished transaction is left out.');
  if (codes.has('WAL_NOT_APPLIED')) parts.push('Newest rows may be missing: open skills.db-wal together with skills.db.');
  if (info.readOnly) parts.push('Read-only: this file is open in another tab, which saves its changes.');
  if (setAside.length) parts.push(`Not opened: ${setAside.join('; ')}.`);
  return parts.length ? ` ${parts.join(' ')}` : '';
}
