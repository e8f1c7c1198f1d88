// Node's tree workers with a hook on every message a worker sends, shared by the tree-worker tests.
import type { TreeWorkerPort, TreeWorkers } from '../../../src/engine/host.js';
import { nodeTreeWorkers } from '../../../src/node/tree-workers.js';

/** Workers started, and per worker the trees and boosted models it sent. */
export interface HookedWorkers extends TreeWorkers {
  started: number;
  trees: number[];
  boosts: number[];
}

/**
 * Node's tree workers, with a hook on each message a worker sends (its return value, if any,
 * replaces the message) and on each start. A worker the hook terminates sends nothing more
 * (messages it had already posted are dropped, as a crashed thread's are): the counts do not
 * depend on how fast the thread stops.
 * @param onMessage - called with (worker index, message, the worker's port)
 * @param spawn - starts one worker (default: Node's)
 * @returns the workers with their counts
 */
export function hooked(
  onMessage: (worker: number, m: { type: string; tree?: number; fit?: number; job?: number }, port: TreeWorkerPort) => unknown,
  spawn = () => nodeTreeWorkers.spawn(),
): HookedWorkers {
  const counts = { started: 0, trees: [] as number[], boosts: [] as number[] };
  return Object.assign(counts, {
    concurrency: () => 2,
    spawn(): TreeWorkerPort {
      const port = spawn();
      const worker = counts.started++;
      counts.trees[worker] = 0;
      counts.boosts[worker] = 0;
      let terminated = false;
      const own: TreeWorkerPort = {
        ...port,
        terminate() {
          terminated = true;
          port.terminate();
        },
      };
      return {
        ...own,
        listen(message: (m: unknown) => void, failure: (r: string) => void) {
          port.listen((m) => {
            if (terminated) return;
            const type = (m as { type: string }).type;
            if (type === 'tree') counts.trees[worker]++;
            if (type === 'boosted') counts.boosts[worker]++;
            message(onMessage(worker, m as { type: string }, own) ?? m);
          }, failure);
        },
      };
    },
  });
}
