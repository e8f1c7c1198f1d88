// Boosted trees fitted on a tree worker (TreePool.boost): the same model as in the calling thread,
// beside a forest fit in the same pool, with progress to the last iteration; a worker that crashes
// mid-fit, answers a failure, or cannot start leaves the fit to another worker or to this thread,
// with the same model; a cancelled fit rejects and leaves the workers to the next fits.
import { afterEach, describe, expect, it } from 'vitest';
import type { TreeWorkers } from '../../../src/engine/host.js';
import { nodeTreeWorkers } from '../../../src/node/tree-workers.js';
import { trainBoosted } from '../../../src/predictive/boosting/index.js';
import { CancelToken, trainForest, TreePool } from '../../../src/predictive/forest/index.js';
import { mulberry32 } from '../../../src/stats/random.js';
import { syntheticData } from './forest-helpers.js';
import { hooked } from './tree-worker-hooks.js';

const base = syntheticData(4000, 4, 21, { decimals: 2 });
// A 5th column of category codes 0-9 whose effect is not monotone in the code.
const random = mulberry32(9);
const codes = Float64Array.from({ length: 4000 }, () => Math.floor(random() * 10));
const y = Uint8Array.from(base.y, (v, i) => (random() < ([3, 7, 1].includes(codes[i]) ? 0.8 : 0.2) ? 1 : v));
const X = [...base.X, codes];
const names = [...base.names, 'code'];
const OPTIONS = { maxIter: 15, categoricalFeatures: [4] };

let inThread: string | null = null;
async function reference(): Promise<string> {
  inThread ??= JSON.stringify((await trainBoosted(X, y, names, OPTIONS)).toJSON());
  return inThread;
}

describe('boosted trees on a tree worker', () => {
  const pools: TreePool[] = [];
  afterEach(() => {
    for (const p of pools.splice(0)) p.close();
  });

  it('fits the same model as this thread, beside a forest fit in the same pool, with progress to the last iteration', async () => {
    const workers = hooked(() => undefined);
    const pool = new TreePool(workers, 2);
    pools.push(pool);
    const steps: number[] = [];
    const [forest, model] = await Promise.all([
      trainForest(base.X, base.y, base.names, { nTrees: 12, maxDepth: 6, seed: 3 }, pool),
      pool.boost(X, y, names, OPTIONS, (done, total) => steps.push(done * 100 + total)),
    ]);
    expect(JSON.stringify(model.toJSON())).toBe(await reference());
    expect(model.toJSON().trees.some((t) => t.leftCategories)).toBe(true);
    expect(workers.boosts[0] + workers.boosts[1]).toBe(1);
    expect(steps).toEqual(Array.from({ length: 15 }, (_, i) => (i + 1) * 100 + 15));
    expect(JSON.stringify(forest.toJSON())).toBe(JSON.stringify((await trainForest(base.X, base.y, base.names, { nTrees: 12, maxDepth: 6, seed: 3, parallelism: 1 })).toJSON()));
  });

  it('a worker that crashes mid-fit: the fit starts again on the other worker, same model', async () => {
    let crashed = -1;
    const workers = hooked((worker, m, port) => {
      if (crashed < 0 && m.type === 'boostStep') {
        crashed = worker;
        port.terminate();
      }
    });
    const pool = new TreePool(workers, 2);
    pools.push(pool);
    const model = await pool.boost(X, y, names, OPTIONS);
    expect(JSON.stringify(model.toJSON())).toBe(await reference());
    expect(workers.boosts[crashed]).toBe(0);
    expect(workers.boosts[1 - crashed]).toBe(1);
  });

  it('every worker crashes, or none can start: this thread fits it, same model', async () => {
    const crashing = hooked((_w, m, port) => {
      if (m.type === 'boostStep') port.terminate();
    });
    const pool = new TreePool(crashing, 2);
    pools.push(pool);
    expect(JSON.stringify((await pool.boost(X, y, names, OPTIONS)).toJSON())).toBe(await reference());
    expect(crashing.boosts).toEqual([0, 0]);

    const none: TreeWorkers = {
      concurrency: () => 2,
      spawn: () => {
        throw new Error('no threads here');
      },
    };
    const empty = new TreePool(none, 2);
    pools.push(empty);
    const steps: number[] = [];
    expect(JSON.stringify((await empty.boost(X, y, names, OPTIONS, (d) => steps.push(d))).toJSON())).toBe(await reference());
    expect(steps).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  });

  it("a worker's failure answer: this thread fits it again (same model); a fit that throws here too rejects", async () => {
    const failing = hooked((_w, m) => (m.type === 'boosted' ? { type: 'boostFailed', job: (m as unknown as { job: number }).job, message: 'boom' } : undefined));
    const pool = new TreePool(failing, 2);
    pools.push(pool);
    expect(JSON.stringify((await pool.boost(X, y, names, OPTIONS)).toJSON())).toBe(await reference());
    // A non-finite feature value: the worker's fit throws, and so does this thread's.
    const bad = [Float64Array.of(1, Number.NaN, 3), Float64Array.of(0, 1, 0)];
    const error = await pool.boost(bad, Uint8Array.of(0, 1, 1), ['a', 'b'], { maxIter: 2 }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/non-finite feature value at row 1/);
  });

  it('cancelling: a running boosted fit and a forest fit reject, the workers serve the next fits (same models)', async () => {
    const workers = hooked(() => undefined);
    const pool = new TreePool(workers, 2);
    pools.push(pool);
    const token = new CancelToken();
    const steps: number[] = [];
    const boost = pool.boost(X, y, names, { ...OPTIONS, maxIter: 400 }, (d) => steps.push(d), token);
    const forestToken = new CancelToken();
    const trees: number[] = [];
    const onProgress = (d: number) => {
      trees.push(d);
      if (d === 3) forestToken.cancel();
    };
    const forest = trainForest(base.X, base.y, base.names, { nTrees: 400, maxDepth: 6, seed: 3, onProgress }, pool, forestToken);
    forest.catch(() => undefined); // rejects while the boosted fit is awaited; checked below
    while (steps.length < 2) await new Promise((r) => setTimeout(r, 5));
    token.cancel();
    await expect(boost).rejects.toThrow(/boosted fit cancelled/);
    await expect(forest).rejects.toThrow(/fit cancelled/);
    const seen = steps.length;
    const [model, again] = await Promise.all([pool.boost(X, y, names, OPTIONS), trainForest(base.X, base.y, base.names, { nTrees: 12, maxDepth: 6, seed: 3 }, pool)]);
    expect(JSON.stringify(model.toJSON())).toBe(await reference());
    expect(again.toJSON().trees).toHaveLength(12);
    // Nothing more from the cancelled fit, and no worker was given up.
    expect(steps.length).toBe(seen);
    expect(trees).toEqual([1, 2, 3]);
    expect(pool.liveWorkers).toBe(2);
    expect(workers.boosts[0] + workers.boosts[1]).toBe(1);
  });

  it('a closed pool rejects a boosted fit still running', async () => {
    const pool = new TreePool(nodeTreeWorkers, 1);
    const pending = pool.boost(X, y, names, { ...OPTIONS, maxIter: 200 });
    pool.close();
    await expect(pending).rejects.toThrow(/closed before the boosted fit finished/);
  });
});
