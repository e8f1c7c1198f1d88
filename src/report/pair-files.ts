/**
 * Pairs the files a user picks or drops: each database with its `-wal` log, by name
 * (`skills.db` + `skills.db-wal`); several databases open together as one dataset. `-shm` files
 * (SQLite's shared-memory index, rebuilt from the log) are not needed and are set aside.
 */

/** One database to open and its log when one was given. */
export interface FilePair {
  db: File;
  wal: File | null;
}

/** The databases to open (in the order given) and what was set aside. */
export interface PairedFiles {
  pairs: FilePair[];
  /** Files not used (a -shm, a log of no given database), with why. */
  ignored: { name: string; why: string }[];
}

const SIDE_FILE = /-(wal|shm|journal)$/i;

/**
 * @param files what the picker or the drop gave
 * @returns the pairs, or a message when there is no database among the files
 * @example
 * pairFiles([walFile, dbFile]) // { pairs: [{ db: dbFile, wal: walFile }], ignored: [] }
 */
export function pairFiles(files: readonly File[]): PairedFiles | { error: string } {
  const dbs = files.filter((f) => !SIDE_FILE.test(f.name));
  if (dbs.length === 0) {
    const log = files.find((f) => /-wal$/i.test(f.name));
    return { error: log ? `${log.name} is only the log: choose ${log.name.replace(/-wal$/i, '')} together with it (both files at once)` : 'choose a skills.db file' };
  }
  const pairs = dbs.map((db) => ({ db, wal: files.find((f) => f.name === `${db.name}-wal`) ?? null }));
  const used = new Set<File>(pairs.flatMap((p) => (p.wal ? [p.db, p.wal] : [p.db])));
  const ignored = files
    .filter((f) => !used.has(f))
    .map((f) => ({
      name: f.name,
      why: /-shm$/i.test(f.name) ? 'not needed (SQLite rebuilds it from the log)' : `its name matches none of the databases (${dbs.map((d) => d.name).join(', ')})`,
    }));
  return { pairs, ignored };
}
