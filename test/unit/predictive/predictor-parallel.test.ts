// trainModel on train20k.db with tree workers: the saved model is byte-identical for parallelism 1,
// 2 and 3 (and under 'auto'), progress climbs to the total, a host whose tree workers crash gives
// the same model, and a bad parallelism is INVALID_ARGUMENT.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsEngine } from '../../../src/analytics/index.js';
import type { TreeWorkers } from '../../../src/engine/host.js';
import type { Progress } from '../../../src/engine/types.js';
import { nodeHost } from '../../../src/node/host.js';
import type { ModelJSON, TrainOptions } from '../../../src/predictive/types.js';

const bytes = new Uint8Array(readFileSync('test/fixtures/train20k.db'));
/** A smaller forest than the default keeps the six trainings of this file quick. */
const BASE: TrainOptions = { days: 60, model: 'forest', forest: { nTrees: 40 } };

/** The saved model without the one value that differs between runs (wall-clock seconds). */
function canonical(model: ModelJSON): string {
  return JSON.stringify({ ...model, training: { ...model.training, seconds: 0 } });
}

/** Node's tree workers where every worker dies on its second tree. */
const crashing: TreeWorkers = {
  concurrency: () => 2,
  spawn() {
    const port = nodeHost.treeWorkers!.spawn();
    let trees = 0;
    return {
      ...port,
      listen(onMessage, onFailure) {
        port.listen((m) => {
          if ((m as { type: string }).type === 'tree' && ++trees === 2) port.terminate();
          onMessage(m);
        }, onFailure);
      },
    };
  },
};

describe('trainModel with tree workers (train20k.db)', () => {
  const engine = new AnalyticsEngine(nodeHost);
  const crashy = new AnalyticsEngine({ ...nodeHost, treeWorkers: crashing });
  const models = new Map<string, string>();
  const progress = new Map<number, Progress[]>();

  beforeAll(async () => {
    await engine.open(bytes);
    await crashy.open(bytes);
    for (const parallelism of [1, 2, 3]) {
      const events: Progress[] = [];
      await engine.predictor.trainModel({ ...BASE, parallelism, onProgress: (p) => events.push(p) });
      progress.set(parallelism, events);
      models.set(`forest ${parallelism}`, canonical(await engine.predictor.exportModel()));
    }
    await crashy.predictor.trainModel({ ...BASE, parallelism: 2 });
    models.set('crashing workers', canonical(await crashy.predictor.exportModel()));
    for (const parallelism of [1, 2]) {
      await engine.predictor.trainModel({ ...BASE, model: 'auto', boosted: { maxIter: 20 }, parallelism });
      models.set(`auto ${parallelism}`, canonical(await engine.predictor.exportModel()));
    }
  });
  afterAll(async () => {
    await engine.dispose();
    await crashy.dispose();
  });

  it('saves the same model, byte for byte, with 1, 2 or 3 threads', () => {
    const one = models.get('forest 1')!;
    expect(JSON.parse(one).forest.trees).toHaveLength(40);
    expect(models.get('forest 2')).toBe(one);
    expect(models.get('forest 3')).toBe(one);
  });

  it('with workers that crash mid-fit: the same model (their trees grow elsewhere)', () => {
    expect(models.get('crashing workers')).toBe(models.get('forest 1'));
  });

  it("model 'auto' (forest and boosted validation fits side by side): the same model with 1 or 2 threads", () => {
    expect(models.get('auto 2')).toBe(models.get('auto 1'));
    expect(JSON.parse(models.get('auto 1')!).training.selection.rows).toBe(3200);
  });

  it('reports training progress that only climbs, up to the total of both fits, in the same phase order', () => {
    for (const [parallelism, events] of progress) {
      const phases = events.map((p) => p.phase).filter((p, i, a) => p !== a[i - 1]);
      expect(phases, `parallelism ${parallelism}`).toEqual(['features', 'training', 'evaluating', 'training', 'evaluating', 'done']);
      const trees = events.filter((p) => p.phase === 'training');
      for (let i = 1; i < trees.length; i++) expect(trees[i].done).toBeGreaterThanOrEqual(trees[i - 1].done);
      expect(trees.at(-1)).toMatchObject({ done: 80, total: 80 });
      expect(new Set(trees.map((p) => p.done)).size).toBe(81);
    }
  });

  it('keeps its tree workers warm for the next training (same size: no new worker), idle ones released', async () => {
    const holds: boolean[] = [];
    let spawned = 0;
    const counting: TreeWorkers = {
      concurrency: () => 2,
      spawn() {
        spawned++;
        const port = nodeHost.treeWorkers!.spawn();
        return {
          ...port,
          hold(busy) {
            holds.push(busy);
            port.hold?.(busy);
          },
        };
      },
    };
    const warm = new AnalyticsEngine({ ...nodeHost, treeWorkers: counting });
    try {
      await warm.open(bytes);
      await warm.predictor.trainModel({ ...BASE, parallelism: 2 });
      await warm.predictor.trainModel({ ...BASE, parallelism: 2 });
      expect(spawned).toBe(2);
      expect(canonical(await warm.predictor.exportModel())).toBe(models.get('forest 1'));
      // Between and after trainings the workers are idle: released (Node: unref'd).
      expect(holds.at(-1)).toBe(false);
      expect(holds).toContain(true);
      await warm.predictor.trainModel({ ...BASE, parallelism: 3 });
      expect(spawned).toBe(5);
    } finally {
      await warm.dispose();
    }
  });

  it('refuses a parallelism that is not an integer ≥ 1 (INVALID_ARGUMENT), before any work', async () => {
    for (const parallelism of [0, 2.5, -1]) {
      await expect(engine.predictor.trainModel({ ...BASE, parallelism })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/parallelism must be an integer >= 1/),
      });
    }
    await expect(engine.predictor.trainModel({ ...BASE, forest: { parallelism: 0 } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
