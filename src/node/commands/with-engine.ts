import type { AnalyticsEngine } from '../../engine/AnalyticsEngine.js';
import { openAnalytics } from '../index.js';

/** Opens the database, runs `fn`, always frees the engine. */
export async function withEngine<T>(dbPath: string, fn: (engine: AnalyticsEngine) => Promise<T> | T): Promise<T> {
  const engine = await openAnalytics(dbPath);
  try {
    return await fn(engine);
  } finally {
    await engine.dispose();
  }
}
