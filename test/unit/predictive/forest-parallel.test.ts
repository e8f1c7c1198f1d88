// Trees grown on worker_threads: the same forest as in one thread for any number of threads, trees
// at their index, progress up to the total, and a worker that crashes, cannot start, stays silent
// or throws falls back to the calling thread with the same forest.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TreeWorkerPort, TreeWorkers } from '../../../src/engine/host.js';
import { nodeTreeWorkers } from '../../../src/node/tree-workers.js';
import { resolveParallelism, trainForest, TreePool } from '../../../src/predictive/forest/index.js';
import { treeSeed } from '../../../src/predictive/forest/random.js';
import { forestFitData, TreeGrower } from '../../../src/predictive/forest/tree-grower.js';
import { resolveForestOptions } from '../../../src/predictive/forest/train-forest.js';
import { syntheticData } from './forest-helpers.js';
import { hooked } from './tree-worker-hooks.js';

const data = syntheticData(6000, 7, 11, { decimals: 2 });
const OPTIONS = { nTrees: 24, maxDepth: 8, seed: 5 };

let oneThread: string | null = null;
async function reference(): Promise<string> {
  oneThread ??= JSON.stringify((await trainForest(data.X, data.y, data.names, { ...OPTIONS, parallelism: 1 }, nodeTreeWorkers)).toJSON());
  return oneThread;
}

describe('trees on worker_threads', () => {
  const pools: TreePool[] = [];
  afterEach(() => {
    for (const p of pools.splice(0)) p.close();
  });

  it('gives tree t its own seed: a tree depends on (seed, index, data) only', () => {
    expect(treeSeed(42, 0)).toBe(treeSeed(42, 0));
    expect(new Set(Array.from({ length: 1000 }, (_, t) => treeSeed(42, t))).size).toBe(1000);
    expect(treeSeed(42, 3)).not.toBe(treeSeed(43, 3));
    const resolved = resolveForestOptions(OPTIONS, data.y.length, 7);
    const fit = forestFitData(data.X, data.y);
    const a = new TreeGrower(fit, resolved);
    const b = new TreeGrower(fit, resolved);
    // Grown in another order by another grower: the same tree 7.
    const first = JSON.stringify(Array.from(a.grow(7).threshold));
    b.grow(3);
    b.grow(12);
    expect(JSON.stringify(Array.from(b.grow(7).threshold))).toBe(first);
  });

  it('grows the same forest, byte for byte, with 1, 2 and 3 threads; the workers grow every tree', async () => {
    const one = await reference();
    for (const parallelism of [2, 3]) {
      const workers = hooked(() => undefined);
      const done: number[] = [];
      const forest = await trainForest(data.X, data.y, data.names, { ...OPTIONS, parallelism, onProgress: (d, total) => done.push(d, total) }, workers);
      expect(JSON.stringify(forest.toJSON())).toBe(one);
      expect(workers.started).toBe(parallelism);
      expect(workers.trees.reduce((a, b) => a + b, 0)).toBe(24);
      // Progress: (1, 24), (2, 24), ... (24, 24) in the order trees finish.
      expect(done.filter((_, i) => i % 2 === 0)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
      expect(done.filter((_, i) => i % 2 === 1).every((t) => t === 24)).toBe(true);
    }
  });

  it('one pool serves several fits at once, each forest equal to its one-thread fit', async () => {
    const pool = new TreePool(nodeTreeWorkers, 2);
    pools.push(pool);
    const half = syntheticData(3000, 7, 12);
    const [a, b] = await Promise.all([trainForest(data.X, data.y, data.names, OPTIONS, pool), trainForest(half.X, half.y, half.names, OPTIONS, pool)]);
    expect(JSON.stringify(a.toJSON())).toBe(await reference());
    expect(JSON.stringify(b.toJSON())).toBe(JSON.stringify((await trainForest(half.X, half.y, half.names, { ...OPTIONS, parallelism: 1 })).toJSON()));
  });

  it('a worker that crashes mid-fit: its trees go to the other worker, same forest', async () => {
    // The worker that sends the first tree crashes on it, whichever it is: on a loaded machine one
    // worker may start late and the other grow every tree, so "worker 0" would be a race.
    let crashed = -1;
    const workers = hooked((worker, m, port) => {
      if (crashed < 0 && m.type === 'tree') {
        crashed = worker;
        port.terminate();
      }
    });
    const forest = await trainForest(data.X, data.y, data.names, { ...OPTIONS, parallelism: 2 }, workers);
    expect(JSON.stringify(forest.toJSON())).toBe(await reference());
    expect(workers.trees[crashed]).toBe(1);
    expect(workers.trees[1 - crashed]).toBe(23);
  });

  it('every worker crashes: the calling thread grows the rest, same forest', async () => {
    const workers = hooked((_worker, m, port) => {
      if (m.type === 'tree') port.terminate();
    });
    const done: number[] = [];
    const forest = await trainForest(data.X, data.y, data.names, { ...OPTIONS, parallelism: 2, onProgress: (d) => done.push(d) }, workers);
    expect(JSON.stringify(forest.toJSON())).toBe(await reference());
    expect(workers.trees).toEqual([1, 1]);
    expect(done).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it('workers that cannot start (spawn throws, the script fails to load, or never says ready): this thread, same forest', async () => {
    const throwing: TreeWorkers = {
      concurrency: () => 4,
      spawn: () => {
        throw new Error('no workers here');
      },
    };
    expect(JSON.stringify((await trainForest(data.X, data.y, data.names, { ...OPTIONS, parallelism: 2 }, throwing)).toJSON())).toBe(await reference());

    const { Worker } = await import('node:worker_threads');
    const script = (code: string): TreeWorkerPort => {
      const w = new Worker(code, { eval: true });
      return {
        post: (m, t) => w.postMessage(m, t),
        listen: (onMessage, onFailure) => {
          w.on('message', onMessage);
          w.on('error', (e) => onFailure(String(e)));
          w.on('exit', () => onFailure('exit'));
        },
        terminate: () => void w.terminate(),
      };
    };
    const broken = hooked(
      () => undefined,
      () => script('throw new Error("the script does not load")'),
    );
    expect(JSON.stringify((await trainForest(data.X, data.y, data.names, { ...OPTIONS, parallelism: 2 }, broken)).toJSON())).toBe(await reference());

    const silent = new TreePool(
      hooked(
        () => undefined,
        () => script('setInterval(() => undefined, 1000)'),
      ),
      2,
      { startMs: 300 },
    );
    pools.push(silent);
    const t0 = performance.now();
    expect(JSON.stringify((await trainForest(data.X, data.y, data.names, OPTIONS, silent)).toJSON())).toBe(await reference());
    expect(performance.now() - t0).toBeGreaterThanOrEqual(300);
    expect(silent.liveWorkers).toBe(0);
  });

  it('a worker that goes silent mid-fit is given up after the silence timeout', async () => {
    // Worker 0 says ready first (worker 1's ready is held until then), takes its trees and never
    // answers. The pool's silence timer is a fake one, advanced only once worker 1 has grown every
    // other tree and has nothing in flight: no real time decides which worker is given up.
    const one = await reference();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let muteReady!: () => void;
      const muteIsReady = new Promise<void>((r) => (muteReady = r));
      let grows0 = 0;
      let othersDone!: () => void;
      const othersAreDone = new Promise<void>((r) => (othersDone = r));
      const mute = hooked((worker, m) => {
        if (worker === 1 && m.type === 'tree' && grows0 > 0 && mute.trees[1] === 24 - grows0) othersDone();
      });
      const pool = new TreePool(
        {
          concurrency: () => 2,
          spawn() {
            const port = mute.spawn();
            if (mute.started === 1) {
              return {
                ...port,
                post: (m: unknown) => void ((m as { type: string }).type === 'grow' && grows0++),
                listen: (onMessage, onFailure) =>
                  port.listen((m) => {
                    onMessage(m);
                    if ((m as { type: string }).type === 'ready') muteReady();
                  }, onFailure),
              };
            }
            return {
              ...port,
              listen: (onMessage, onFailure) =>
                port.listen((m) => {
                  if ((m as { type: string }).type === 'ready') void muteIsReady.then(() => onMessage(m));
                  else onMessage(m);
                }, onFailure),
            };
          },
        },
        2,
        { silenceMs: 500 },
      );
      pools.push(pool);
      const fit = trainForest(data.X, data.y, data.names, OPTIONS, pool);
      await othersAreDone;
      await new Promise((r) => setImmediate(r)); // the pool takes worker 1's last tree
      expect(grows0).toBeGreaterThan(0);
      vi.advanceTimersByTime(500);
      const forest = await fit;
      expect(JSON.stringify(forest.toJSON())).toBe(one);
      expect(mute.trees[0]).toBe(0);
      expect(pool.liveWorkers).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a tree that throws in a worker is grown again in this thread; a tree that throws there fails the fit', async () => {
    // Tree 3's answer replaced by a failure: this thread grows tree 3, the forest is the same.
    const failing = hooked((_w, m) => (m.type === 'tree' && m.tree === 3 ? { type: 'failed', fit: m.fit, tree: 3, message: 'boom' } : undefined));
    const again = await trainForest(data.X, data.y, data.names, { ...OPTIONS, parallelism: 2 }, failing);
    expect(JSON.stringify(again.toJSON())).toBe(await reference());

    const resolved = resolveForestOptions(OPTIONS, data.y.length, 7);
    const pool = new TreePool(nodeTreeWorkers, 2);
    pools.push(pool);
    // Data the worker cannot use (no order arrays) but this thread can: the worker answers 'failed'.
    const fit = forestFitData(data.X, data.y);
    const progress: number[] = [];
    const trees = await pool.grow({ ...fit, order: [] }, resolved, (d) => progress.push(d)).catch((e: Error) => e);
    // Growing from the same broken data throws here too: the fit fails with that error.
    expect(trees).toBeInstanceOf(Error);
    const good = await pool.grow(fit, resolved);
    expect(good).toHaveLength(24);
    expect(JSON.stringify(good.map((t) => Array.from(t.threshold)))).toBe(JSON.stringify(JSON.parse(await reference()).trees.map((t: { threshold: number[] }) => t.threshold)));
  });

  it('parallelism: integer ≥ 1; default from the processor count, at most 8; 1 without workers', () => {
    expect(resolveParallelism(undefined, undefined)).toBe(1);
    expect(resolveParallelism(3, undefined)).toBe(1);
    expect(resolveParallelism(undefined, { concurrency: () => 2, spawn: nodeTreeWorkers.spawn })).toBe(2);
    expect(resolveParallelism(undefined, { concurrency: () => 64, spawn: nodeTreeWorkers.spawn })).toBe(8);
    expect(resolveParallelism(undefined, { concurrency: () => Number.NaN, spawn: nodeTreeWorkers.spawn })).toBe(1);
    expect(resolveParallelism(40, nodeTreeWorkers)).toBe(16);
    for (const bad of [0, 1.5, -2, Number.NaN]) expect(() => resolveParallelism(bad, nodeTreeWorkers)).toThrow(/parallelism must be an integer >= 1/);
  });
});
