import type { AnalyticsEngine } from '../../engine/AnalyticsEngine.js';
import type { WarehouseEngine } from '../native/engine-choice.js';
import { openNode } from '../open-node.js';

/** Options every command shares (set once by the CLI from `--engine`). */
const shared: { engine: WarehouseEngine } = { engine: 'auto' };

/**
 * Sets the warehouse engine of every later `withEngine` (the CLI's global `--engine`).
 * @param engine native, wasm or auto
 */
export function useWarehouseEngine(engine: WarehouseEngine): void {
  shared.engine = engine;
}

/** @returns the engine set by `--engine` (default auto) */
export function currentWarehouseEngine(): WarehouseEngine {
  return shared.engine;
}

/** Opens the database, runs `fn`, always frees the engine. */
export async function withEngine<T>(dbPath: string, fn: (engine: AnalyticsEngine) => Promise<T> | T): Promise<T> {
  const { engine } = await openNode(dbPath, { engine: shared.engine });
  try {
    return await fn(engine);
  } finally {
    await engine.dispose();
  }
}
