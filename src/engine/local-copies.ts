/**
 * The browser's saved copies of the open files (the host's LocalStore, OPFS or IndexedDB): the key
 * of a file's copy, this tab's claim on it, the saved bytes to restore on open, and the save after
 * every write. In Node there is no store and all of this is a no-op.
 */
import { AnalyticsError } from './errors.js';
import { bytesOf, type FileOnDisk, isFileOnDisk } from './file-on-disk.js';
import { localKey, type LocalStore } from './local-store.js';
import type { OpenSource } from './open-source.js';
import type { SkillsDatabase } from './SkillsDatabase.js';
import type { Warning } from './types.js';

/** A file's saved copy as found on open. */
export interface LocalCopy {
  /** The copy's key; null without a store. */
  key: string | null;
  /** Gives up this tab's claim; null when another tab holds it (this tab is then read-only); undefined without claims. */
  release: (() => void) | null | undefined;
  /** The claim was already this engine's (a file open before, opened again): keep it on failure. */
  kept: boolean;
  /** The saved bytes to open instead of the original; null when none (or `restore` is false). */
  saved: Uint8Array | null;
}

/**
 * Finds a file's saved copy and claims it for this tab. One tab owns a file's saved copy; another
 * tab with the same file opens it read-only. Reopening a file this engine already owns keeps the claim.
 * @param store the host's store (absent in Node)
 * @param entry the file as given to open (its source names the key) and its -wal log
 * @param held the claim this engine holds on a key, if any
 * @param restore false to ignore a saved copy (discardLocalChanges, or a saved copy that failed to open)
 */
export async function findLocalCopy(
  store: LocalStore | undefined,
  entry: { data: OpenSource | FileOnDisk; wal?: OpenSource | null; localKey?: string; original: Uint8Array | FileOnDisk; walBytes: Uint8Array | null },
  held: (key: string | null) => (() => void) | undefined,
  restore: boolean,
): Promise<LocalCopy> {
  const { walBytes } = entry;
  const key = store
    ? (entry.localKey ??
      (await localKey(isFileOnDisk(entry.data) ? bytesOf(entry.original) : entry.data, bytesOf(entry.original))) + (walBytes ? `+wal:${await localKey(entry.wal!, walBytes)}` : ''))
    : null;
  const kept = held(key);
  const release = kept ?? (store?.claim && key ? await store.claim(key) : undefined);
  const saved = store && key && restore ? await store.load(key).catch(() => null) : null;
  return { key, release, kept: kept !== undefined && release === kept, saved };
}

/** An open file as the save needs it. */
export interface SavedFile {
  key: string | null;
  db: SkillsDatabase;
  revision: number;
  savedRevision: number;
  /** Revision whose save failed (reported once, kept in memory); -1 when none. */
  failedRevision: number;
}

/** Saves one after another (a save waits for the one before). */
export class LocalCopies {
  private saving: Promise<void> = Promise.resolve();

  /**
   * Saves every file written since its last save, once the save before has finished.
   * @param open what is open then: the host's store (absent: nothing to do), the files, and where
   *   LOCAL_SAVE_FAILED goes; null when nothing is open
   * @throws AnalyticsError LOCAL_SAVE_FAILED (once per write that could not be saved)
   */
  save(open: () => { store: LocalStore | undefined; files: readonly SavedFile[]; warn: (w: Warning) => void } | null): Promise<void> {
    const run = this.saving.then(async () => {
      const now = open();
      if (!now?.store) return;
      const { store, files, warn } = now;
      for (const file of files) {
        if (!file.key || file.revision === file.savedRevision || file.revision === file.failedRevision) continue;
        const revision = file.revision;
        try {
          await store.save(file.key, file.db.export());
        } catch (e) {
          // The write is committed in memory; only the saved copy is behind. Report it once per write.
          file.failedRevision = revision;
          const error = localSaveError(e);
          warn({ code: 'LOCAL_SAVE_FAILED', message: error.message });
          throw error;
        }
        file.savedRevision = revision;
      }
    });
    this.saving = run.catch(() => undefined);
    return run;
  }
}

/** A failed save of the local copy as LOCAL_SAVE_FAILED, with why (quota, denied, other). */
function localSaveError(e: unknown): AnalyticsError {
  if (e instanceof AnalyticsError && e.code === 'LOCAL_SAVE_FAILED') return e;
  const name = (e as { name?: string })?.name ?? '';
  const reason = name === 'QuotaExceededError' ? 'quota' : /Security|NotAllowed|InvalidState/.test(name) ? 'denied' : 'other';
  const why =
    reason === 'quota'
      ? "the browser's storage quota for this site is full"
      : reason === 'denied'
        ? 'the browser denied storage to this site (private mode or site settings)'
        : `saving failed (${e instanceof Error ? e.message : String(e)})`;
  return new AnalyticsError(
    'LOCAL_SAVE_FAILED',
    `the write was made and is kept in this tab's memory, but it could not be saved in this browser: ${why}. Export the file (exportDatabase()) to keep it; it is lost when the tab closes`,
    { reason },
  );
}
