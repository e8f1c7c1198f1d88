// The holdout bootstrap split over tree workers gives the numbers of the one-thread bootstrap:
// ranges of resamples start from mulberry32's state after b·n draws, a failed range is computed
// in the calling thread, and one bootstrap shared by several comparisons of the same rows gives
// each the intervals it gets alone.
import { afterEach, describe, expect, it } from 'vitest';
import type { TreeWorkers } from '../../../src/engine/host.js';
import { type Comparison, holdoutIntervals, sharedHoldoutIntervals } from '../../../src/predictive/evaluation/intervals.js';
import { TreePool } from '../../../src/predictive/forest/index.js';
import { bootstrapMeanDrawRange, bootstrapMeanDraws } from '../../../src/stats/bootstrap-means.js';
import { mulberry32 } from '../../../src/stats/random.js';
import { hooked } from './tree-worker-hooks.js';

const random = mulberry32(3);
const n = 301;
const columns = [0, 1, 2, 3].map((c) => Float64Array.from({ length: n }, () => random() ** (c + 1)));
const whole = bootstrapMeanDraws(columns, { seed: 9, resamples: 60 });
const pools: TreePool[] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) pool.close();
});

/** A pool whose workers have all said 'ready'. */
async function readyPool(workers: TreeWorkers & { started: number }, size: number): Promise<TreePool> {
  let ready = 0;
  let allReady!: () => void;
  const done = new Promise<void>((r) => (allReady = r));
  const pool = new TreePool(
    {
      ...workers,
      spawn() {
        const port = workers.spawn();
        return {
          ...port,
          listen: (onMessage, onFailure) =>
            port.listen((m) => {
              onMessage(m);
              if ((m as { type: string }).type === 'ready' && ++ready === size) allReady();
            }, onFailure),
        };
      },
    },
    size,
  );
  pools.push(pool);
  await done;
  return pool;
}

describe('bootstrapMeanDrawRange', () => {
  it('ranges of resamples put together equal the whole bootstrap', () => {
    const parts = [
      [0, 7],
      [7, 31],
      [31, 60],
    ].map(([from, to]) => bootstrapMeanDrawRange(columns, 9, from, to));
    columns.forEach((_, c) => expect(parts.flatMap((p) => Array.from(p[c]))).toEqual(Array.from(whole[c])));
    expect(whole[0][0]).not.toBe(whole[0][7]);
  });
});

describe('TreePool.bootstrapMeans', () => {
  it('split over two workers: the same means; each worker computed a range', async () => {
    let answers = 0;
    const workers = hooked((_w, m) => void (m.type === 'means' && answers++));
    const pool = await readyPool(workers, 2);
    const got = await pool.bootstrapMeans(columns, 9, 60);
    got.forEach((g, c) => expect(Array.from(g)).toEqual(Array.from(whole[c])));
    expect(answers).toBe(2);
  });

  it('a range whose worker fails, or a pool without live workers: computed here, the same means', async () => {
    const failing = hooked((w, m) => (m.type === 'means' && w === 1 ? { type: 'meansFailed', job: m.job, message: 'boom' } : undefined));
    const got = await (await readyPool(failing, 2)).bootstrapMeans(columns, 9, 60);
    got.forEach((g, c) => expect(Array.from(g)).toEqual(Array.from(whole[c])));

    const crashing = hooked((w, m, port) => {
      if (m.type === 'means' && w === 0) port.terminate();
    });
    const pool = await readyPool(crashing, 2);
    const again = await pool.bootstrapMeans(columns, 9, 60);
    again.forEach((g, c) => expect(Array.from(g)).toEqual(Array.from(whole[c])));

    const none: TreeWorkers = {
      concurrency: () => 2,
      spawn: () => {
        throw new Error('no workers here');
      },
    };
    const empty = new TreePool(none, 2);
    pools.push(empty);
    const here = await empty.bootstrapMeans(columns, 9, 60);
    here.forEach((g, c) => expect(Array.from(g)).toEqual(Array.from(whole[c])));
  });
});

describe('sharedHoldoutIntervals', () => {
  it('gives each comparison on the same rows what holdoutIntervals gives it alone', async () => {
    const y = Uint8Array.from({ length: n }, (_, i) => (columns[0][i] + random() * 0.5 > 0.7 ? 1 : 0));
    const [a, b, c] = [columns[0], columns[1].map((v) => Math.min(1, v + 0.1)), new Float64Array(n).fill(0.4)];
    const comparisons: Comparison[] = [
      { model: a, others: { b } },
      { model: b, others: { rate: c, a } },
    ];
    const shared = await sharedHoldoutIntervals(y, comparisons);
    expect(shared).toEqual(comparisons.map((k) => holdoutIntervals(y, k.model, k.others)));
    // And with the draws computed on workers.
    const pool = await readyPool(
      hooked(() => undefined),
      2,
    );
    expect(await sharedHoldoutIntervals(y, comparisons, (cols, seed, resamples) => pool.bootstrapMeans(cols, seed, resamples))).toEqual(shared);
    // AUC(b) − AUC(a) from the components computed once per score: minus AUC(a) − AUC(b).
    expect(shared[1].differences.a.rocAuc!.estimate).toBe(-shared[0].differences.b.rocAuc!.estimate);
  });
});
