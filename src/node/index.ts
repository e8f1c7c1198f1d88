/**
 * `session-buddy-analytics/node`: the same engine in-process, for scripts, tests, CI and
 * static-site builds.
 */
import { readFile } from 'node:fs/promises';
import { AnalyticsEngine, type OpenOptions } from '../engine/AnalyticsEngine.js';
import { AnalyticsError } from '../engine/errors.js';
import { nodeHost } from './host.js';

export * from '../engine/index.js';
export type * from '../public-types.js';

/**
 * Opens a skills.db in-process.
 * @param source a file path, or the file's bytes
 * @returns an open engine (call `dispose()` when done)
 * @throws AnalyticsError as `AnalyticsEngine.open`, and INVALID_ARGUMENT when the path cannot be read
 * @example
 * const analytics = await openAnalytics('skills.db');
 * (await analytics.info()).invocations // 2000
 */
export async function openAnalytics(source: string | Uint8Array | ArrayBuffer, options?: OpenOptions): Promise<AnalyticsEngine> {
  const engine = new AnalyticsEngine(nodeHost);
  try {
    // A path brings its `-wal` log along (unless the caller passed one, or `wal: null`).
    const files = typeof source === 'string' ? await (await import('./read-database.js')).readDatabaseFiles(source) : null;
    await engine.open(files ? files.bytes : source, files && options?.wal === undefined ? { ...options, wal: files.wal } : options);
  } catch (e) {
    await engine.dispose();
    throw e;
  }
  return engine;
}

/** A fresh engine on the Node host, with nothing open yet. */
export function createEngine(): AnalyticsEngine {
  return new AnalyticsEngine(nodeHost);
}

/** Reads a file, mapping "not found" and friends to a typed error. */
export async function readPath(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AnalyticsError('INVALID_ARGUMENT', `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(e)}`);
  }
}
