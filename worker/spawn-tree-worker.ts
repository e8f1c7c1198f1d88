/**
 * Starts one tree worker. Kept in its own module with the literal shape bundlers rewrite: Vite
 * bundles tree.worker.ts as a nested worker in the site build; the library build
 * (`vite build --mode lib-worker`) replaces this module so that worker.js says
 * `new Worker(new URL("./tree-worker.js", import.meta.url), { type: "module" })` and ships
 * tree-worker.js beside it (vite.config.ts).
 * @returns the started worker
 * @example const worker = spawnTreeWorker();
 */
export function spawnTreeWorker(): Worker {
  return new Worker(new URL('./tree.worker.ts', import.meta.url), { type: 'module' });
}
