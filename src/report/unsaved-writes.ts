/**
 * Watches the report's calls for LOCAL_SAVE_FAILED (the browser refused to save a write: quota
 * full or storage denied). The write is kept in the worker's memory; the report then shows the
 * export button and says why, so the user can keep the change in a file.
 */
import type { Analytics } from '../client/index.js';
import { CAPABILITY_NAMES, type CapabilityName } from '../capabilities.js';

/**
 * @param analytics the page API
 * @param onUnsaved called with the error each time a write could not be saved
 * @returns the same API, each capability call watched
 * @example
 * const watched = watchUnsavedWrites(analytics, () => exportButton.hidden = false);
 */
export function watchUnsavedWrites(analytics: Analytics, onUnsaved: (e: Error & { code: string }) => void): Analytics {
  const watch = <T extends object>(target: T): T =>
    new Proxy(target, {
      get:
        (t, method: string) =>
        (...args: unknown[]) =>
          (t as Record<string, (...a: unknown[]) => Promise<unknown>>)[method](...args).catch((e: unknown) => {
            if ((e as { code?: string })?.code === 'LOCAL_SAVE_FAILED') onUnsaved(e as Error & { code: string });
            throw e;
          }),
    });
  return new Proxy(analytics, {
    get: (t, key: string) => (CAPABILITY_NAMES.includes(key as CapabilityName) ? watch(t[key as CapabilityName]) : Reflect.get(t, key)),
  });
}
