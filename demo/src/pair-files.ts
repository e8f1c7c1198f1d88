/**
 * Pairs the files a user picks or drops: a database and its `-wal` log go together by name
 * (`skills.db` + `skills.db-wal`); `-shm` files (SQLite's shared-memory index, rebuilt from the
 * log) are not needed and are set aside.
 */

/** The database to open, its log when one was given, and what was set aside. */
export interface PairedFiles {
  db: File;
  wal: File | null;
  /** Files not used (a -shm, a second database, a log of another name), with why. */
  ignored: { name: string; why: string }[];
}

const SIDE_FILE = /-(wal|shm|journal)$/i;

/**
 * @param files what the picker or the drop gave
 * @returns the pair, or a message when there is no database among the files
 * @example
 * pairFiles([walFile, dbFile]) // { db: dbFile, wal: walFile, ignored: [] }
 */
export function pairFiles(files: readonly File[]): PairedFiles | { error: string } {
  const dbs = files.filter((f) => !SIDE_FILE.test(f.name));
  if (dbs.length === 0) {
    const log = files.find((f) => /-wal$/i.test(f.name));
    return { error: log ? `${log.name} is only the log: choose ${log.name.replace(/-wal$/i, '')} together with it (both files at once)` : 'choose a skills.db file' };
  }
  const db = dbs[0];
  const wal = files.find((f) => f.name === `${db.name}-wal`) ?? null;
  const ignored = files
    .filter((f) => f !== db && f !== wal)
    .map((f) => ({
      name: f.name,
      why: /-shm$/i.test(f.name)
        ? 'not needed (SQLite rebuilds it from the log)'
        : /-wal$/i.test(f.name)
          ? `its name does not match ${db.name}`
          : `only one database is opened at a time`,
    }));
  return { db, wal, ignored };
}
