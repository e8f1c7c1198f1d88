/**
 * The hourly cube's building blocks (cube.ts builds the cube from them; cube-saved.ts and
 * cube-append.ts restore and extend it): the rows in time order, the cells of one grain, and the
 * accumulator that adds rows to cells in time order.
 */
import { lowerBound } from '../stats/sorted-search.js';

/** The invocations in the warehouse's order (invoked_at, then id), text columns as codes. */
export interface CubeRows {
  length: number;
  /** invoked_at, epoch µs, ascending. */
  time: Float64Array;
  /** The dataset's id (shifted per file when several files are open). */
  id: Float64Array;
  /** Index into `HourlyCube.skills`. */
  skill: Int32Array;
  /** Code of the (skill, session) pair: equal codes = same skill, same session. */
  pair: Int32Array;
  completed: Uint8Array;
  /** NaN where unknown. */
  duration: Float64Array;
  /** Index into `HourlyCube.files`; null for a single file. */
  source: Int32Array | null;
}

/**
 * Aggregates of one grain (hours or days): cell i is one skill in one bucket; cells are ordered by
 * bucket (ascending), and within a bucket by the skill's first invocation in it.
 */
export interface CubeCells {
  length: number;
  /** Start of the bucket (UTC hour or day), epoch µs. */
  bucket: Float64Array;
  skill: Int32Array;
  count: Float64Array;
  completed: Float64Array;
  /** Invocations with a known duration. */
  durationCount: Float64Array;
  /** Their durations summed row by row in time order. */
  durationSum: Float64Array;
  /** Distinct sessions of the skill in the bucket. */
  sessions: Float64Array;
}

/** The cells of one scope (a set of files) and what else its answers need. */
export interface CubeScope {
  /** Which files the scope covers (`mask[file] === 1`); null = every file. */
  mask: Uint8Array | null;
  hours: CubeCells;
  days: CubeCells;
  /** First invocation of each skill in the scope (epoch µs), NaN when it has none. */
  firstBySkill: Float64Array;
  /** Id offset to take off the ids (one file of several seen alone), else 0. */
  idOffset: number;
}

/** What a cube is made of, without its scopes (cube-saved.ts saves and restores it). */
export interface CubeParts {
  skills: string[];
  rows: CubeRows;
  pairs: number;
  /** The cells of every file, when already built. */
  whole?: CubeScope;
}

/** A cube as its savers and extenders read it. */
export interface CubeLike {
  readonly skills: string[];
  readonly rows: CubeRows;
  readonly pairs: number;
  readonly files: readonly { name: string }[];
  scope(names: readonly string[]): CubeScope;
}

/** Cells being appended, grown by doubling. */
/** Cells being added one by one or in runs (typed columns that grow). */
export class CellBuilder {
  /** A builder that continues `cells` (copied, with room to grow). */
  static from(cells: CubeCells): CellBuilder {
    const b = new CellBuilder();
    while (b.bucket.length < cells.length + 1) b.grow();
    b.length = cells.length;
    b.bucket.set(cells.bucket);
    b.skill.set(cells.skill);
    b.count.set(cells.count);
    b.completed.set(cells.completed);
    b.durationCount.set(cells.durationCount);
    b.durationSum.set(cells.durationSum);
    b.sessions.set(cells.sessions);
    return b;
  }

  length = 0;
  bucket = new Float64Array(64);
  skill = new Int32Array(64);
  count = new Float64Array(64);
  completed = new Float64Array(64);
  durationCount = new Float64Array(64);
  durationSum = new Float64Array(64);
  sessions = new Float64Array(64);

  /** A new empty cell; returns its index. */
  add(bucket: number, skill: number): number {
    if (this.length === this.bucket.length) this.grow();
    const i = this.length++;
    this.bucket[i] = bucket;
    this.skill[i] = skill;
    return i;
  }

  /** Appends cells [from, to) of `cells`. */
  append(cells: CubeCells, from: number, to: number): void {
    while (this.length + (to - from) > this.bucket.length) this.grow();
    const at = this.length;
    this.bucket.set(cells.bucket.subarray(from, to), at);
    this.skill.set(cells.skill.subarray(from, to), at);
    this.count.set(cells.count.subarray(from, to), at);
    this.completed.set(cells.completed.subarray(from, to), at);
    this.durationCount.set(cells.durationCount.subarray(from, to), at);
    this.durationSum.set(cells.durationSum.subarray(from, to), at);
    this.sessions.set(cells.sessions.subarray(from, to), at);
    this.length += to - from;
  }

  private grow(): void {
    const n = this.bucket.length * 2;
    const f = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.bucket = f(this.bucket);
    const s = new Int32Array(n);
    s.set(this.skill);
    this.skill = s;
    this.count = f(this.count);
    this.completed = f(this.completed);
    this.durationCount = f(this.durationCount);
    this.durationSum = f(this.durationSum);
    this.sessions = f(this.sessions);
  }

  finish(): CubeCells {
    const n = this.length;
    return {
      length: n,
      bucket: this.bucket.slice(0, n),
      skill: this.skill.slice(0, n),
      count: this.count.slice(0, n),
      completed: this.completed.slice(0, n),
      durationCount: this.durationCount.slice(0, n),
      durationSum: this.durationSum.slice(0, n),
      sessions: this.sessions.slice(0, n),
    };
  }
}

/** A cell's sums, in typed arrays or plain arrays. */
export interface CellSums {
  count: { [i: number]: number };
  completed: { [i: number]: number };
  durationCount: { [i: number]: number };
  durationSum: { [i: number]: number };
}

/**
 * Counts row `i` into cell `cell`: one invocation, a completion when completed = 1, a known duration
 * added to the sum (rows come in time order, so the sum is DuckDB's).
 */
export function addRow(into: CellSums, cell: number, rows: CubeRows, i: number): void {
  into.count[cell]++;
  if (rows.completed[i] === 1) into.completed[cell]++;
  const d = rows.duration[i];
  if (!Number.isNaN(d)) {
    into.durationCount[cell]++;
    into.durationSum[cell] += d;
  }
}

/**
 * Adds rows to the cells of one grain, in time order: one cell per skill and bucket, sessions
 * counted once per cell (a pair's marker holds the last cell it was counted in).
 */
export class GrainAccumulator {
  cells = new CellBuilder();
  private bucketStart = Number.NaN;
  private readonly cellOfSkill: Int32Array;
  private readonly stampOfSkill: Float64Array;
  private readonly counted: Int32Array;

  constructor(
    private readonly unit: number,
    skills: number,
    pairs: number,
  ) {
    this.cellOfSkill = new Int32Array(skills);
    this.stampOfSkill = new Float64Array(skills).fill(Number.NaN);
    this.counted = new Int32Array(pairs).fill(-1);
  }

  /**
   * Continues cells built from the first `m` rows of `rows` (one file, every row counted), as if
   * those rows had just been added: the last bucket's cells and the sessions counted in them are
   * found again from its rows.
   */
  resume(cells: CubeCells, rows: CubeRows, m: number): void {
    this.cells = CellBuilder.from(cells);
    if (cells.length === 0) return;
    this.bucketStart = cells.bucket[cells.length - 1];
    for (let c = cells.length - 1; c >= 0 && cells.bucket[c] === this.bucketStart; c--) {
      this.cellOfSkill[cells.skill[c]] = c;
      this.stampOfSkill[cells.skill[c]] = this.bucketStart;
    }
    for (let i = lowerBound(rows.time, this.bucketStart, 0, m); i < m; i++) this.counted[rows.pair[i]] = this.cellOfSkill[rows.skill[i]];
  }

  /** Adds row `i` of `rows` (rows must come in time order). */
  add(rows: CubeRows, i: number): void {
    const t = rows.time[i];
    const c = this.cells;
    if (!(t >= this.bucketStart && t < this.bucketStart + this.unit)) this.bucketStart = Math.floor(t / this.unit) * this.unit;
    const skill = rows.skill[i];
    let cell: number;
    if (this.stampOfSkill[skill] === this.bucketStart) cell = this.cellOfSkill[skill];
    else {
      cell = c.add(this.bucketStart, skill);
      this.cellOfSkill[skill] = cell;
      this.stampOfSkill[skill] = this.bucketStart;
    }
    addRow(c, cell, rows, i);
    const pair = rows.pair[i];
    if (this.counted[pair] !== cell) {
      this.counted[pair] = cell;
      c.sessions[cell]++;
    }
  }
}

/** Most (skill, session) combinations given a direct lookup table while encoding (else a Map). */
export const DIRECT_PAIR_TABLE = 1 << 22;
