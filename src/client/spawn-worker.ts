/**
 * Starts the analytics worker. In this repository (the report site, tests) Vite bundles
 * `worker/analytics.worker.ts`; the library build (`vite build --mode lib`) replaces this module so
 * the published `client.js` holds the literal `new Worker(new URL('./worker.js', import.meta.url),
 * { type: 'module' })` that Vite, webpack and Parcel rewrite in the consumer's build.
 */

/**
 * @returns a new module worker running the analytics engine
 * @example
 * const worker = spawnWorker();
 */
export function spawnWorker(): Worker {
  return new Worker(new URL('../../worker/analytics.worker.ts', import.meta.url), { type: 'module', name: 'session-buddy-analytics' });
}
