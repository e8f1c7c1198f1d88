/**
 * Lets the worker's event loop run between long steps (a macrotask, not a microtask): heartbeat
 * pings and progress messages are answered while a large file opens.
 * @example await yieldToEvents();
 */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
