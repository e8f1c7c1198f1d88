/**
 * One owner per saved copy across the tabs of an origin, with the Web Locks API: the first tab
 * that opens a file holds an exclusive lock named for the file's key until it opens another file,
 * closes it, or goes away (the browser frees a dead tab's or worker's locks). A second tab asking
 * for the same key gets no lock and opens the file read-only: it reads the owner's saved copy as
 * of that moment, and its writes are refused with READ_ONLY, so neither tab overwrites the
 * other's saved writes.
 */

/**
 * Claims `key` for this worker.
 * @param key the saved copy's key
 * @returns a function that releases the claim, or null when another tab holds it
 * @example
 * const release = await claimFile('file:skills.db:2097152:1764000000000');
 * if (release === null) console.log('read-only: another tab owns this file');
 */
export function claimFile(key: string): Promise<(() => void) | null> {
  const locks = (globalThis.navigator as WorkerNavigator | undefined)?.locks;
  // Without Web Locks (very old browsers) there is no way to see other tabs: every tab writes.
  if (!locks) return Promise.resolve(() => undefined);
  return new Promise((resolve) => {
    locks
      .request(`session-buddy-analytics:${key}`, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(null);
          return undefined;
        }
        // The lock is held until the promise returned here settles.
        return new Promise<void>((release) => resolve(() => release()));
      })
      .catch(() => resolve(() => undefined));
  });
}
