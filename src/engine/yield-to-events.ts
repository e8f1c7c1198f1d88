/** Node's setImmediate: after pending I/O and timers, without the 1 ms of a `setTimeout(0)` (browsers have none). */
const immediate = (globalThis as { setImmediate?: (run: () => void) => unknown }).setImmediate;

/**
 * Lets the worker's event loop run between long steps (a macrotask, not a microtask): heartbeat
 * pings and progress messages are answered while a large file opens.
 * @example await yieldToEvents();
 */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
}

