/**
 * Yields to the event loop with a macrotask, so a worker busy training can still take other
 * messages between trees. Uses a MessageChannel (no 1-4 ms timer clamping; Node ≥ 15 and all
 * browsers/workers have it), falling back to `setTimeout(0)`.
 * @returns a promise that settles on a later macrotask.
 * @example
 * for (const tree of trees) { grow(tree); await yieldToEventLoop(); }
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') {
    return new Promise((resolve) => setTimeout(resolve, 0));
  }
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
