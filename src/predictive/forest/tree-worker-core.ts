/**
 * The tree workers' side of the protocol, host-independent: a host entry point (Node:
 * src/node/tree-worker.ts; browser: worker/tree.worker.ts) forwards every message here and posts
 * what it answers. The coordinator is {@link TreePool}.
 *
 *   → { type: 'fit', fit, data, options }   the rows of one fit (kept until 'drop')
 *   → { type: 'grow', fit, tree }           grow tree `tree` of fit `fit`
 *   → { type: 'drop', fit }                 forget a fit
 *   → { type: 'boost', job, X, y, names, options }  fit boosted trees (one job, one worker)
 *   → { type: 'cancel', job }               stop that boosted fit at its next iteration (nothing more is posted for it)
 *   → { type: 'means', job, columns, seed, from, to }  bootstrap resamples from..to-1 of the columns (resample means)
 *   ← { type: 'ready' }                     posted once when the script has loaded
 *   ← { type: 'tree', fit, tree, result }   a grown tree (its buffers transferred)
 *   ← { type: 'failed', fit, tree, message } growing threw (the coordinator grows it itself)
 *   ← { type: 'boostStep', job, done }      a boosting iteration done (progress; keeps the worker alive in the coordinator's eyes)
 *   ← { type: 'boosted', job, model }       the boosted model's JSON
 *   ← { type: 'boostFailed', job, message } the boosted fit threw (the coordinator fits it itself)
 *   ← { type: 'means', job, means }         those resample means, per column (buffers transferred)
 *   ← { type: 'meansFailed', job, message } computing them threw (the coordinator computes them itself)
 *
 * A boosted fit yields to the event loop after each iteration, so 'grow' messages queued behind
 * it are served between iterations: a worker boosting keeps growing trees too.
 */
import { bootstrapMeanDrawRange } from '../../stats/bootstrap-means.js';
import { trainBoosted } from '../boosting/train-boosted.js';
import type { BoostedJSON, BoostedOptions } from '../boosting/types.js';
import type { FlatTree } from './flat-tree.js';
import { TreeGrower, type ForestFitData } from './tree-grower.js';
import type { ResolvedForestOptions } from './types.js';

/** Messages to a tree worker. */
export type ToTreeWorker =
  | { type: 'fit'; fit: number; data: ForestFitData; options: ResolvedForestOptions }
  | { type: 'grow'; fit: number; tree: number }
  | { type: 'drop'; fit: number }
  | { type: 'boost'; job: number; X: Float64Array[]; y: Uint8Array; names: string[]; options: Omit<BoostedOptions, 'onProgress'> }
  | { type: 'cancel'; job: number }
  | { type: 'means'; job: number; columns: Float64Array[]; seed: number; from: number; to: number };

/** Messages from a tree worker. */
export type FromTreeWorker =
  | { type: 'ready' }
  | { type: 'tree'; fit: number; tree: number; result: FlatTree }
  | { type: 'failed'; fit: number; tree: number; message: string }
  | { type: 'boostStep'; job: number; done: number }
  | { type: 'boosted'; job: number; model: BoostedJSON }
  | { type: 'boostFailed'; job: number; message: string }
  | { type: 'means'; job: number; means: Float64Array[] }
  | { type: 'meansFailed'; job: number; message: string };

/** The first message every tree worker posts. */
export const TREE_WORKER_READY: FromTreeWorker = { type: 'ready' };

/**
 * The message handler of a tree worker.
 * @param post - posts a message to the coordinator, moving the listed buffers.
 * @returns the function to call with every message received.
 * @example
 * const handle = treeWorkerHandler((m, transfer) => parentPort.postMessage(m, transfer));
 * parentPort.on('message', handle);
 * parentPort.postMessage(TREE_WORKER_READY);
 */
export function treeWorkerHandler(post: (message: FromTreeWorker, transfer: ArrayBuffer[]) => void): (message: ToTreeWorker) => void {
  const growers = new Map<number, TreeGrower>();
  const cancelled = new Set<number>();
  return (m) => {
    if (m.type === 'fit') growers.set(m.fit, new TreeGrower(m.data, m.options));
    else if (m.type === 'drop') growers.delete(m.fit);
    else if (m.type === 'cancel') cancelled.add(m.job);
    else if (m.type === 'means') {
      try {
        const means = bootstrapMeanDrawRange(m.columns, m.seed, m.from, m.to);
        post(
          { type: 'means', job: m.job, means },
          means.map((a) => a.buffer as ArrayBuffer),
        );
      } catch (e) {
        post({ type: 'meansFailed', job: m.job, message: e instanceof Error ? e.message : String(e) }, []);
      }
    } else if (m.type === 'boost') {
      const onProgress = (done: number) => {
        if (cancelled.has(m.job)) throw new Error('cancelled');
        post({ type: 'boostStep', job: m.job, done }, []);
      };
      trainBoosted(m.X, m.y, m.names, { ...m.options, onProgress }).then(
        (model) => post({ type: 'boosted', job: m.job, model: model.toJSON() }, []),
        (e: unknown) => {
          if (!cancelled.delete(m.job)) post({ type: 'boostFailed', job: m.job, message: e instanceof Error ? e.message : String(e) }, []);
        },
      );
    } else {
      try {
        const grower = growers.get(m.fit);
        if (!grower) throw new Error(`no data for fit ${m.fit}`);
        const result = grower.grow(m.tree);
        const buffers = [result.feature, result.threshold, result.left, result.right, result.value, result.count].map((a) => a.buffer as ArrayBuffer);
        post({ type: 'tree', fit: m.fit, tree: m.tree, result }, buffers);
      } catch (e) {
        post({ type: 'failed', fit: m.fit, tree: m.tree, message: e instanceof Error ? e.message : String(e) }, []);
      }
    }
  };
}
