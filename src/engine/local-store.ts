/**
 * Where a host keeps a modified skills.db between page loads (the browser: OPFS, or IndexedDB
 * where OPFS is missing). The engine saves the file after every committed write, so A/B writes
 * survive a reload; `discardLocalChanges()` drops the saved copy.
 */
import type { OpenSource } from './open-source.js';

export interface LocalStore {
  load(key: string): Promise<Uint8Array | null>;
  /** @throws AnalyticsError LOCAL_SAVE_FAILED (details.reason 'quota' | 'denied' | 'other') */
  save(key: string, bytes: Uint8Array): Promise<void>;
  remove(key: string): Promise<void>;
  /**
   * Claims the saved copy of `key` for this tab (held until the returned function is called or the
   * tab/worker ends). Resolves null when another tab holds it: that tab owns the writes.
   */
  claim?(key: string): Promise<(() => void) | null>;
}

/**
 * A stable key for a source: its URL, a File's name/size/date, or the SHA-256 of the bytes.
 * @example await localKey('https://host/skills.db', bytes) // 'url:https://host/skills.db'
 */
export async function localKey(source: OpenSource, bytes: Uint8Array): Promise<string> {
  if (typeof source === 'string' || source instanceof URL) return `url:${String(source)}`;
  if (typeof File !== 'undefined' && source instanceof File) return `file:${source.name}:${source.size}:${source.lastModified}`;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return `sha256:${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
