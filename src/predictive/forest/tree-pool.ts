/**
 * Grows the trees of one or more forest fits on tree workers (the host's {@link TreeWorkers}),
 * several trees in flight per worker, and puts each tree at its index: the forest is the same
 * whatever worker grew which tree (each tree has its own seed, see tree-grower.ts). Also fits
 * boosted trees on a worker ({@link TreePool.boost}: one job per worker, the same model as in the
 * calling thread), so that the calling thread can evaluate meanwhile, and computes a bootstrap's
 * resample means split over the workers ({@link TreePool.bootstrapMeans}: the same numbers).
 *
 * Never a hang, never a lost fit (trees and boosted jobs alike): a worker that cannot start (no 'ready' within
 * {@link START_TIMEOUT_MS}), fails, exits or stays silent for {@link SILENCE_TIMEOUT_MS} with
 * trees in flight is stopped and its trees go back to the queue; with no live worker left, the
 * calling thread grows the rest itself (yielding between trees). A tree whose growing throws in
 * a worker is grown again in the calling thread; only if that throws too does the fit fail.
 */
import type { TreeWorkerPort, TreeWorkers } from '../../engine/host.js';
import { bootstrapMeanDrawRange } from '../../stats/bootstrap-means.js';
import { boostedFromJSON, type BoostedModel } from '../boosting/BoostedModel.js';
import { trainBoosted } from '../boosting/train-boosted.js';
import type { BoostedOptions } from '../boosting/types.js';
import { yieldToEventLoop } from './event-loop.js';
import type { FlatTree } from './flat-tree.js';
import { TreeGrower, type ForestFitData } from './tree-grower.js';
import type { FromTreeWorker, ToTreeWorker } from './tree-worker-core.js';
import type { ResolvedForestOptions } from './types.js';

/** A worker that has not said 'ready' by then is given up. */
export const START_TIMEOUT_MS = 20_000;
/** A worker with trees in flight that sends nothing for this long is given up. */
export const SILENCE_TIMEOUT_MS = 60_000;
/** Trees sent to a worker ahead of its answers, so that workers keep growing while the calling thread is busy. */
const IN_FLIGHT = 12;
/** Most threads `parallelism` may ask for. */
export const MAX_PARALLELISM = 16;
/** Most threads the default takes (from the host's processor count). */
export const DEFAULT_PARALLELISM_CAP = 8;

interface Fit {
  id: number;
  data: ForestFitData;
  options: ResolvedForestOptions;
  trees: (FlatTree | undefined)[];
  done: number;
  onTree: (done: number, total: number) => void;
  resolve: (trees: FlatTree[]) => void;
  reject: (e: unknown) => void;
  grower: TreeGrower | null;
  settled: boolean;
}

interface Job {
  fit: Fit;
  tree: number;
}

/** A boosted fit for one worker. */
interface BoostJob {
  id: number;
  X: Float64Array[];
  y: Uint8Array;
  names: string[];
  options: Omit<BoostedOptions, 'onProgress'>;
  onStep: (done: number, total: number) => void;
  resolve: (model: BoostedModel) => void;
  reject: (e: unknown) => void;
  settled: boolean;
}

/** A range of a bootstrap's resamples for one worker. */
interface MeansJob {
  id: number;
  columns: Float64Array[];
  seed: number;
  from: number;
  to: number;
  resolve: (means: Float64Array[]) => void;
  settled: boolean;
}

interface Slot {
  port: TreeWorkerPort;
  ready: boolean;
  alive: boolean;
  inFlight: Job[];
  /** Boosted fits running on this worker. */
  boosting: BoostJob[];
  /** Bootstrap ranges this worker computes. */
  means: MeansJob[];
  /** Fits whose data this worker holds. */
  fits: Set<number>;
  timer: ReturnType<typeof setTimeout> | null;
}

/** Cancels fits started on a {@link TreePool} (a speculative fit the caller no longer needs). */
export class CancelToken {
  private readonly hooks: (() => void)[] = [];
  private done = false;

  /** Whether {@link cancel} was called. */
  get cancelled(): boolean {
    return this.done;
  }

  /**
   * Runs `hook` on cancel (at once if already cancelled).
   * @param hook - what cancelling does
   */
  onCancel(hook: () => void): void {
    if (this.done) hook();
    else this.hooks.push(hook);
  }

  /** Cancels every fit given this token: each rejects with "cancelled"; its queued work is dropped. */
  cancel(): void {
    if (this.done) return;
    this.done = true;
    for (const hook of this.hooks.splice(0)) hook();
  }
}

/**
 * The number of threads a training uses.
 * @param requested - the caller's `parallelism` (integer ≥ 1), or undefined for the default.
 * @param workers - the host's tree workers, if any (without them: 1).
 * @returns 1 (in the calling thread) or the number of tree workers to start.
 * @throws Error when `requested` is not an integer ≥ 1.
 * @example
 * resolveParallelism(undefined, nodeTreeWorkers); // os.availableParallelism(), at most 8
 */
export function resolveParallelism(requested: number | undefined, workers: TreeWorkers | undefined): number {
  if (requested !== undefined && !(Number.isInteger(requested) && requested >= 1)) {
    throw new Error(`parallelism must be an integer >= 1, got ${String(requested)}`);
  }
  if (!workers) return 1;
  if (requested !== undefined) return Math.min(requested, MAX_PARALLELISM);
  let cores = 1;
  try {
    cores = Math.floor(workers.concurrency());
  } catch {
    cores = 1;
  }
  return Math.max(1, Math.min(Number.isFinite(cores) ? cores : 1, DEFAULT_PARALLELISM_CAP));
}

/** Tree workers shared by the fits of one training call. */
export class TreePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly boostQueue: BoostJob[] = [];
  private nextFit = 0;
  private nextBoost = 0;
  private nextMeans = 0;
  private draining = false;
  private closed = false;
  private readonly silenceMs: number;
  private busy: boolean | null = null;
  /** Workers asked for (live or not). */
  readonly size: number;

  /**
   * Starts `size` workers (those that fail to start are skipped; the pool then works with fewer,
   * or in the calling thread).
   * @param workers - the host's tree workers.
   * @param size - workers to start.
   * @param timeouts - how long a worker may take to start ({@link START_TIMEOUT_MS}) and stay
   *   silent with trees in flight ({@link SILENCE_TIMEOUT_MS}).
   * @example
   * const pool = new TreePool(nodeTreeWorkers, 2);
   * try { trees = await pool.grow(data, resolved, onTree); } finally { pool.close(); }
   */
  constructor(workers: TreeWorkers, size: number, timeouts: { startMs?: number; silenceMs?: number } = {}) {
    this.size = size;
    const startMs = timeouts.startMs ?? START_TIMEOUT_MS;
    this.silenceMs = timeouts.silenceMs ?? SILENCE_TIMEOUT_MS;
    for (let i = 0; i < size; i++) {
      let port: TreeWorkerPort;
      try {
        port = workers.spawn();
      } catch {
        continue;
      }
      const slot: Slot = { port, ready: false, alive: true, inFlight: [], boosting: [], means: [], fits: new Set(), timer: null };
      this.slots.push(slot);
      this.watch(slot, startMs, 'did not start');
      try {
        port.listen(
          (m) => this.receive(slot, m as FromTreeWorker),
          (reason) => this.fail(slot, reason),
        );
      } catch (e) {
        this.fail(slot, e instanceof Error ? e.message : String(e));
      }
    }
  }

  /** Workers still alive (started or starting). */
  get liveWorkers(): number {
    return this.slots.filter((s) => s.alive).length;
  }

  /**
   * Grows every tree of one fit.
   * @param data - the fit's data ({@link forestFitData}).
   * @param options - resolved forest options (`nTrees` trees).
   * @param onTree - called after each tree with (trees done, total).
   * @param token - cancels the fit (its queued trees are dropped; it rejects).
   * @returns the trees in index order.
   * @throws Error when a tree cannot be grown in any thread.
   */
  grow(data: ForestFitData, options: ResolvedForestOptions, onTree: (done: number, total: number) => void = () => undefined, token?: CancelToken): Promise<FlatTree[]> {
    if (this.closed) return Promise.reject(new Error('TreePool: closed'));
    return new Promise<FlatTree[]>((resolve, reject) => {
      const fit: Fit = { id: this.nextFit++, data, options, trees: new Array(options.nTrees), done: 0, onTree, resolve, reject, grower: null, settled: false };
      for (let t = 0; t < options.nTrees; t++) this.queue.push({ fit, tree: t });
      token?.onCancel(() => {
        this.settle(fit, new Error('TreePool: fit cancelled'));
        this.pump();
      });
      this.pump();
    });
  }

  /**
   * Fits boosted trees on a worker (the one with the least work), or in the calling thread when
   * no worker is alive or the worker's fit throws: the same model either way.
   * @param X - feature columns.
   * @param y - labels.
   * @param names - feature names.
   * @param options - boosting options (categorical columns included).
   * @param onStep - called after each iteration with (done, total).
   * @param token - cancels the fit (a worker running it stops at its next iteration; it rejects).
   * @returns the model.
   */
  boost(
    X: Float64Array[],
    y: Uint8Array,
    names: string[],
    options: Omit<BoostedOptions, 'onProgress'>,
    onStep: (done: number, total: number) => void = () => undefined,
    token?: CancelToken,
  ): Promise<BoostedModel> {
    if (this.closed) return Promise.reject(new Error('TreePool: closed'));
    return new Promise<BoostedModel>((resolve, reject) => {
      const job: BoostJob = { id: this.nextBoost++, X, y, names, options, onStep, resolve, reject, settled: false };
      this.boostQueue.push(job);
      token?.onCancel(() => {
        const queued = this.boostQueue.indexOf(job);
        if (queued >= 0) this.boostQueue.splice(queued, 1);
        for (const slot of this.slots) {
          const at = slot.boosting.indexOf(job);
          if (at < 0) continue;
          slot.boosting.splice(at, 1);
          if (slot.alive) this.post(slot, { type: 'cancel', job: job.id });
          this.rearm(slot);
        }
        this.settleBoost(job, null, new Error('TreePool: boosted fit cancelled'));
        this.pump();
      });
      this.pump();
    });
  }

  /**
   * The resample means of a seeded bootstrap of `columns` (bootstrapMeanDraws in
   * src/stats/bootstrap-means.ts: the same numbers), its resamples split over the live workers;
   * a range whose worker fails is computed in the calling thread (so is all of it with no live
   * worker).
   * @param columns - per-row values, all of the same length ≥ 2.
   * @param seed - seed of the row draws.
   * @param resamples - number of resamples.
   * @returns per column, its resample means in draw order.
   */
  bootstrapMeans(columns: Float64Array[], seed: number, resamples: number): Promise<Float64Array[]> {
    const workers = this.closed ? [] : this.slots.filter((slot) => slot.alive && slot.ready);
    if (workers.length === 0) return Promise.resolve(bootstrapMeanDrawRange(columns, seed, 0, resamples));
    const parts = workers.map((slot, i) => {
      const from = Math.floor((i * resamples) / workers.length);
      const to = Math.floor(((i + 1) * resamples) / workers.length);
      return new Promise<Float64Array[]>((resolve) => {
        const job: MeansJob = { id: this.nextMeans++, columns, seed, from, to, resolve, settled: false };
        slot.means.push(job);
        if (this.post(slot, { type: 'means', job: job.id, columns, seed, from, to })) this.rearm(slot);
      });
    });
    this.pump();
    return Promise.all(parts).then((ranges) =>
      columns.map((_, c) => {
        const all = new Float64Array(resamples);
        let at = 0;
        for (const range of ranges) {
          all.set(range[c], at);
          at += range[c].length;
        }
        return all;
      }),
    );
  }

  /** A bootstrap range in the calling thread (its worker failed or is gone). */
  private meansHere(job: MeansJob): void {
    if (job.settled) return;
    job.settled = true;
    job.resolve(bootstrapMeanDrawRange(job.columns, job.seed, job.from, job.to));
  }

  /** Stops every worker; fits still growing are rejected. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const boosts = [...this.boostQueue, ...this.slots.flatMap((slot) => slot.boosting)];
    const means = this.slots.flatMap((slot) => slot.means.splice(0));
    for (const slot of this.slots) this.stop(slot);
    const pending = new Set(this.queue.map((j) => j.fit));
    this.queue.length = 0;
    this.boostQueue.length = 0;
    for (const fit of pending) this.settle(fit, new Error('TreePool: closed before the fit finished'));
    for (const job of boosts) this.settleBoost(job, null, new Error('TreePool: closed before the boosted fit finished'));
    for (const job of means) this.meansHere(job);
  }

  private settleBoost(job: BoostJob, model: BoostedModel | null, error: unknown): void {
    if (job.settled) return;
    job.settled = true;
    if (model) job.resolve(model);
    else job.reject(error);
  }

  /** A boosted fit in the calling thread (no live worker, or the worker's fit threw). */
  private boostHere(job: BoostJob): void {
    if (job.settled) return;
    const steps = job.options.maxIter ?? 100;
    trainBoosted(job.X, job.y, job.names, { ...job.options, onProgress: (done) => job.onStep(done, steps) }).then(
      (model) => this.settleBoost(job, model, null),
      (e: unknown) => this.settleBoost(job, null, e),
    );
  }

  /** Re-arms a worker's silence timer while it has work, clears it otherwise. */
  private rearm(slot: Slot): void {
    if (slot.inFlight.length > 0 || slot.boosting.length > 0 || slot.means.length > 0) this.watch(slot, this.silenceMs, 'sent nothing');
    else if (slot.timer !== null) {
      clearTimeout(slot.timer);
      slot.timer = null;
    }
  }

  private watch(slot: Slot, ms: number, what: string): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => this.fail(slot, `${what} within ${ms / 1000} s`), ms);
    (slot.timer as { unref?: () => void }).unref?.();
  }

  private stop(slot: Slot): void {
    slot.alive = false;
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    try {
      slot.port.terminate();
    } catch {
      /* already gone */
    }
  }

  private fail(slot: Slot, _reason: string): void {
    if (!slot.alive) return;
    this.stop(slot);
    this.queue.unshift(...slot.inFlight.filter((j) => !j.fit.settled && j.fit.trees[j.tree] === undefined));
    slot.inFlight = [];
    this.boostQueue.unshift(...slot.boosting.filter((j) => !j.settled));
    slot.boosting = [];
    for (const job of slot.means.splice(0)) this.meansHere(job);
    this.pump();
  }

  private receive(slot: Slot, m: FromTreeWorker): void {
    if (!slot.alive) return;
    if (m.type === 'ready') {
      slot.ready = true;
      if (slot.timer !== null) clearTimeout(slot.timer);
      slot.timer = null;
      this.pump();
      return;
    }
    if (m.type === 'means' || m.type === 'meansFailed') {
      const at = slot.means.findIndex((j) => j.id === m.job);
      if (at < 0) return;
      const [job] = slot.means.splice(at, 1);
      if (m.type === 'means' && m.means.length === job.columns.length && m.means.every((c) => c.length === job.to - job.from)) {
        job.settled = true;
        job.resolve(m.means);
      } else this.meansHere(job);
      this.rearm(slot);
      this.pump();
      return;
    }
    if (m.type === 'boostStep' || m.type === 'boosted' || m.type === 'boostFailed') {
      const at = slot.boosting.findIndex((j) => j.id === m.job);
      if (at < 0) return;
      const job = slot.boosting[at];
      if (m.type === 'boostStep') {
        try {
          job.onStep(m.done, job.options.maxIter ?? 100);
        } catch {
          /* a progress callback must not break training */
        }
      } else {
        slot.boosting.splice(at, 1);
        if (m.type === 'boosted') {
          try {
            this.settleBoost(job, boostedFromJSON(m.model), null);
          } catch {
            this.boostHere(job);
          }
        } else this.boostHere(job);
      }
      this.rearm(slot);
      this.pump();
      return;
    }
    const at = slot.inFlight.findIndex((j) => j.fit.id === m.fit && j.tree === m.tree);
    if (at < 0) return;
    const [job] = slot.inFlight.splice(at, 1);
    this.rearm(slot);
    if (m.type === 'tree') this.store(job, m.result);
    else this.growHere(job);
    this.pump();
  }

  private growHere(job: Job): void {
    if (job.fit.settled) return;
    try {
      job.fit.grower ??= new TreeGrower(job.fit.data, job.fit.options);
      this.store(job, job.fit.grower.grow(job.tree));
    } catch (e) {
      this.settle(job.fit, e);
    }
  }

  private store(job: Job, tree: FlatTree): void {
    const fit = job.fit;
    if (fit.settled || fit.trees[job.tree] !== undefined) return;
    fit.trees[job.tree] = tree;
    fit.done++;
    try {
      fit.onTree(fit.done, fit.options.nTrees);
    } catch {
      /* a progress callback must not break training */
    }
    if (fit.done === fit.options.nTrees) this.settle(fit, null);
  }

  private settle(fit: Fit, error: unknown): void {
    if (fit.settled) return;
    fit.settled = true;
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i].fit === fit) this.queue.splice(i, 1);
    for (const slot of this.slots) {
      slot.inFlight = slot.inFlight.filter((j) => j.fit !== fit);
      if (slot.alive && slot.fits.delete(fit.id)) this.post(slot, { type: 'drop', fit: fit.id });
    }
    if (error === null) fit.resolve(fit.trees as FlatTree[]);
    else fit.reject(error);
  }

  private post(slot: Slot, m: ToTreeWorker): boolean {
    try {
      slot.port.post(m);
      return true;
    } catch (e) {
      this.fail(slot, e instanceof Error ? e.message : String(e));
      return false;
    }
  }

  private pump(): void {
    if (this.closed) return;
    while (this.boostQueue.length > 0) {
      // The live, ready worker with the fewest boosted fits, then the fewest trees in flight.
      let target: Slot | null = null;
      for (const slot of this.slots) {
        if (!slot.alive || !slot.ready) continue;
        if (!target || slot.boosting.length < target.boosting.length || (slot.boosting.length === target.boosting.length && slot.inFlight.length < target.inFlight.length))
          target = slot;
      }
      if (!target) break;
      const job = this.boostQueue.shift()!;
      if (job.settled) continue;
      target.boosting.push(job);
      if (!this.post(target, { type: 'boost', job: job.id, X: job.X, y: job.y, names: job.names, options: job.options })) continue;
      this.rearm(target);
    }
    for (const slot of this.slots) {
      while (slot.alive && slot.ready && slot.inFlight.length < IN_FLIGHT && this.queue.length > 0) {
        const job = this.queue.shift()!;
        const fit = job.fit;
        if (!slot.fits.has(fit.id)) {
          slot.fits.add(fit.id);
          if (!this.post(slot, { type: 'fit', fit: fit.id, data: fit.data, options: fit.options })) {
            this.queue.unshift(job);
            break;
          }
        }
        slot.inFlight.push(job);
        if (slot.inFlight.length === 1) this.watch(slot, this.silenceMs, 'sent nothing');
        if (!this.post(slot, { type: 'grow', fit: fit.id, tree: job.tree })) break;
      }
    }
    if (this.liveWorkers === 0) {
      for (const job of this.boostQueue.splice(0)) this.boostHere(job);
      if (this.queue.length > 0) void this.drain();
    }
    const busy = this.queue.length > 0 || this.boostQueue.length > 0 || this.slots.some((slot) => slot.inFlight.length > 0 || slot.boosting.length > 0 || slot.means.length > 0);
    if (busy !== this.busy) {
      this.busy = busy;
      for (const slot of this.slots) {
        try {
          if (slot.alive) slot.port.hold?.(busy);
        } catch {
          /* only a hint */
        }
      }
    }
  }

  /** With no live worker: grows the queued trees in the calling thread. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        this.growHere(this.queue.shift()!);
        await yieldToEventLoop();
      }
    } finally {
      this.draining = false;
    }
  }
}
